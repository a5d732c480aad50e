#pragma once
#include "ui/panels.hpp"

namespace safetymap::ui {
// Every attribute of the selected feature, with its layer, district and provenance.
void drawInspector(PanelContext& c);
// The selected feature's display name (label, or the crime type and date), "" when none.
std::string selectionTitle(const Project& p);
}  // namespace safetymap::ui
