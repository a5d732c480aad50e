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

}  // namespace safetymap::ui
