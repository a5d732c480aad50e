// The viewer's rooms, listed once. The shell calls each in this order: the order their requests were carried out
// in before (the print dialog; language, district and fit before the plan choice that fits to them; opening before
// quitting; edits before a save takes its copy).
#include "ui/room.hpp"

namespace safetymap::ui {

std::vector<std::unique_ptr<Room>> makeRooms(Workspace& ws) {
  std::vector<std::unique_ptr<Room>> rooms;
  rooms.push_back(makePrintRoom(ws));
  rooms.push_back(makeViewRoom(ws));
  rooms.push_back(makePolicyRoom(ws));
  rooms.push_back(makeLoadRoom(ws));
  rooms.push_back(makeRasterRoom(ws));
  rooms.push_back(makeHazardRoom(ws));
  rooms.push_back(makeDrillRoom(ws));
  rooms.push_back(makeShareRoom(ws));  // before the edit room: a new record gets its identity first
  rooms.push_back(makeEditRoom(ws));
  rooms.push_back(makeSaveRoom(ws));
  return rooms;
}

}  // namespace safetymap::ui
