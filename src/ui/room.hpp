#pragma once
// A room is one feature of the viewer (opening files, saving, the policy, printing, the drill, editing, the
// view): it owns its state and its jobs, and the shell calls it at fixed points of each frame. The rooms are
// listed once, in rooms.cpp, in the order they are called.
#include <memory>
#include <vector>

#include "ui/workspace.hpp"

namespace safetymap::ui {

class Room {
 public:
  virtual ~Room() = default;
  virtual void poll(Workspace&) {}     // before the panels: take in finished work, keep derived facts fresh
  virtual void overlay(Workspace&) {}  // on the map, under the labels and the panels
  virtual void draw(Workspace&) {}     // its windows and dialogs
  virtual void apply(Workspace&) {}    // after the panels: carry out what they asked
  // Still bringing the view to what was asked (loading): the screenshot and the test probe wait.
  virtual bool settling(const Workspace&) const { return false; }
};

// The rooms, in the order the shell calls them (rooms.cpp).
std::vector<std::unique_ptr<Room>> makeRooms(Workspace& ws);

std::unique_ptr<Room> makeLoadRoom(Workspace& ws);    // files/: opening files and projects
std::unique_ptr<Room> makeSaveRoom(Workspace& ws);    // files/: saving, importing, exporting, quitting
std::unique_ptr<Room> makeViewRoom(Workspace& ws);    // view/: the district choice, fit, language
std::unique_ptr<Room> makePolicyRoom(Workspace& ws);  // policy/: the ward's plan on the map, its figures
std::unique_ptr<Room> makePrintRoom(Workspace& ws);   // print/: the centres' printout
std::unique_ptr<Room> makeDrillRoom(Workspace& ws);   // drill/: the evacuation drill planner
std::unique_ptr<Room> makeEditRoom(Workspace& ws);    // edit/: edits, undo and redo
std::unique_ptr<Room> makeShareRoom(Workspace& ws);
std::unique_ptr<Room> makeRasterRoom(Workspace& ws);
std::unique_ptr<Room> makeHazardRoom(Workspace& ws);  // hazard/: the tsunami against people and buildings  // raster/: hazard and imagery pictures, the value under the cursor   // share/: the shared store: writes, others' edits, conflicts

}  // namespace safetymap::ui
