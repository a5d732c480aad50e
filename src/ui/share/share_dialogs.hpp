#pragma once
// The shared store's windows: connecting (the password is typed, used once and never kept), the conflict (yours
// and theirs side by side, and the choice), and the line that says how the connection is.
#include <vector>

#include "share/records.hpp"
#include "ui/panels.hpp"

namespace safetymap::ui {

void drawConnectDialog(PanelContext& c);
void drawConflictWindow(PanelContext& c, const std::vector<share::Conflict>& conflicts);
void drawShareStatus(PanelContext& c);
// The history of one record, newest first; returns the version to restore (0 = none), sets open = false on close.
int drawHistoryWindow(PanelContext& c, const std::vector<share::HistoryEntry>& entries, bool& open);

}  // namespace safetymap::ui
