#include "ui/share/share_dialogs.hpp"

#include <imgui.h>

#include <cstring>
#include <nlohmann/json.hpp>

#include "share/store_open.hpp"

namespace safetymap::ui {

namespace {

// A value given in a connection string, quoted as libpq reads it ('…' with \' and \\).
std::string conninfoValue(const std::string& v) {
  std::string out = "'";
  for (char ch : v) {
    if (ch == '\'' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "'";
}

std::string shown(const nlohmann::json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_object() && v.contains("coordinates")) return v["type"].get<std::string>() + " " + v["coordinates"].dump();
  return v.dump();
}

}  // namespace

void drawConnectDialog(PanelContext& c) {
  static char conninfo[512] = "dbname=ward host=localhost";
  static char password[128] = "";
  Lang lang = c.project.lang;
  if (!c.ui.share.connectDialog) return;
  ImGui::OpenPopup(tr(lang, "share.connect.title"));
  ImGui::SetNextWindowSize(ImVec2(560, 0), ImGuiCond_Appearing);
  if (!ImGui::BeginPopupModal(tr(lang, "share.connect.title"), nullptr, ImGuiWindowFlags_NoSavedSettings)) return;
  ImGui::TextUnformatted(tr(lang, "share.connect.what"));
  ImGui::SetNextItemWidth(-1);
  ImGui::InputText("##conninfo", conninfo, sizeof conninfo);
  c.ui.markWidget("share:conninfo");
  ImGui::TextUnformatted(tr(lang, "share.connect.password"));
  ImGui::SetNextItemWidth(-1);
  ImGui::InputText("##password", password, sizeof password, ImGuiInputTextFlags_Password);
  c.ui.markWidget("share:password");
  bool done = false;
  if (ImGui::Button(tr(lang, "share.connect.go"))) {
    std::string db = std::string("PG:") + conninfo;
    if (password[0]) db += " password=" + conninfoValue(password);  // for this connection only: never saved
    c.ui.share.requestOpen = db;
    done = true;
  }
  c.ui.markWidget("share:connect");
  ImGui::SameLine();
  if (ImGui::Button(tr(lang, "share.cancel"))) done = true;
  if (done) {
    std::memset(password, 0, sizeof password);
    c.ui.share.connectDialog = false;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

void drawConflictWindow(PanelContext& c, const std::vector<share::Conflict>& conflicts) {
  Lang lang = c.project.lang;
  ImGui::OpenPopup(tr(lang, "share.conflict.title"));
  ImGui::SetNextWindowSize(ImVec2(760, 0), ImGuiCond_Appearing);
  if (!ImGui::BeginPopupModal(tr(lang, "share.conflict.title"), nullptr, ImGuiWindowFlags_NoSavedSettings)) return;
  c.ui.markWidget("share:conflict");
  ImGui::TextWrapped("%s", tr(lang, "share.conflict.note"));
  for (const auto& k : conflicts) {
    ImGui::Separator();
    ImGui::Text("%s  %s", k.mine.table.c_str(), k.mine.uid.c_str());
    ImGui::Text("%s: %s  %s  (v%d)", tr(lang, "share.conflict.by"), k.theirBy.c_str(), k.theirAt.c_str(),
                k.theirVersion);
    nlohmann::json theirs = k.theirs.empty() ? nlohmann::json() : nlohmann::json::parse(k.theirs, nullptr, false);
    if (ImGui::BeginTable("##fields", 3, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg)) {
      ImGui::TableSetupColumn(tr(lang, "share.conflict.field"));
      ImGui::TableSetupColumn(tr(lang, "share.conflict.mine"));
      ImGui::TableSetupColumn(tr(lang, "share.conflict.theirs"));
      ImGui::TableHeadersRow();
      auto row = [&](const std::string& field, const std::string& mine, const std::string& their) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(field.c_str());
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", mine.c_str());
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", their.c_str());
      };
      const bool deleting = k.mine.kind == share::RecordChange::Kind::Delete;
      if (deleting || k.deleted)
        row("", deleting ? tr(lang, "share.conflict.deleted") : "",
            k.deleted ? tr(lang, "share.conflict.deleted") : "");
      for (const auto& [field, value] : k.mine.values)
        row(field, value.value_or(""), theirs.is_object() ? shown(theirs.value(field, nlohmann::json())) : "");
      if (k.mine.geometryWkt)
        row("geom", *k.mine.geometryWkt, theirs.is_object() ? shown(theirs.value("geom", nlohmann::json())) : "");
      // What they changed that this step does not touch: shown so the choice is made knowing it.
      if (deleting && theirs.is_object())
        for (const auto& [field, value] : theirs.items())
          if (!share::storeColumn(field) && field != "fid") row(field, "", shown(value));
      ImGui::EndTable();
    }
  }
  ImGui::Separator();
  if (ImGui::Button(tr(lang, "share.conflict.keep_theirs"))) c.ui.share.requestChoice = 1;
  c.ui.markWidget("share:keep-theirs");
  ImGui::SameLine();
  if (ImGui::Button(tr(lang, "share.conflict.keep_mine"))) c.ui.share.requestChoice = 2;
  c.ui.markWidget("share:keep-mine");
  if (c.ui.share.requestChoice) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

namespace {
// The fields whose values differ between two versions of a record (JSON objects), the store's own left out.
std::string changedFields(const std::string& before, const std::string& after) {
  auto b = nlohmann::json::parse(before.empty() ? "{}" : before, nullptr, false);
  auto a = nlohmann::json::parse(after.empty() ? "{}" : after, nullptr, false);
  if (!b.is_object() || !a.is_object()) return "";
  std::string out;
  for (const auto& [k, v] : a.items())
    if (!share::storeColumn(k) && k != "fid" && b.value(k, nlohmann::json()) != v)
      out += (out.empty() ? "" : ", ") + k + (k == "geom" ? "" : " = " + shown(v));
  return out;
}
}  // namespace

int drawHistoryWindow(PanelContext& c, const std::vector<share::HistoryEntry>& entries, bool& open) {
  Lang lang = c.project.lang;
  int restore = 0;
  ImGui::SetNextWindowSize(ImVec2(720, 320), ImGuiCond_Appearing);
  ImGui::SetNextWindowPos(ImVec2(c.ui.map.x + c.ui.map.w - 740, c.ui.map.y + 60), ImGuiCond_Appearing);
  if (!ImGui::Begin(tr(lang, "share.history.title"), &open, ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::End();
    return 0;
  }
  c.ui.markWidget("share:history");
  if (ImGui::BeginTable("##history", 6, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY)) {
    ImGui::TableSetupColumn(tr(lang, "share.history.version"), ImGuiTableColumnFlags_WidthFixed, 40);
    ImGui::TableSetupColumn(tr(lang, "share.history.what"), ImGuiTableColumnFlags_WidthFixed, 60);
    ImGui::TableSetupColumn(tr(lang, "share.history.by"), ImGuiTableColumnFlags_WidthFixed, 100);
    ImGui::TableSetupColumn(tr(lang, "share.history.at"), ImGuiTableColumnFlags_WidthFixed, 150);
    ImGui::TableSetupColumn(tr(lang, "share.history.changed"));
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 110);
    ImGui::TableHeadersRow();
    for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
      const auto& e = *it;
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::Text("%d", e.version);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(e.op.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(e.by.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(e.at.substr(0, 19).c_str());
      ImGui::TableNextColumn();
      ImGui::TextWrapped(
          "%s", e.op == "delete" ? tr(lang, "share.conflict.deleted") : changedFields(e.before, e.after).c_str());
      ImGui::TableNextColumn();
      // The newest version is what the map shows: only earlier ones can be brought back.
      if (e.op != "delete" && it != entries.rbegin()) {
        ImGui::PushID(e.version);
        if (ImGui::SmallButton(tr(lang, "share.history.restore"))) restore = e.version;
        c.ui.markWidget("share:restore:" + std::to_string(e.version));
        ImGui::PopID();
      }
    }
    ImGui::EndTable();
  }
  ImGui::End();
  return restore;
}

void drawShareStatus(PanelContext& c) {
  const auto& s = c.ui.share;
  if (!s.open) return;
  Lang lang = c.project.lang;
  const auto& map = c.ui.map;
  ImGui::SetNextWindowPos(ImVec2(map.x + 8, map.y + map.h - 8), ImGuiCond_Always, ImVec2(0, 1));
  ImGui::SetNextWindowBgAlpha(0.9f);
  ImGui::Begin("##share-status", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav);
  ImGui::Text("%s: %s (%s)", tr(lang, "share.status"), s.store.c_str(), s.login.c_str());
  // Blue for "live", orange (the palette's warning colour) when other people's edits are not arriving.
  ImGui::TextColored(s.listening ? ImVec4(0.0f, 0.45f, 0.70f, 1) : ImVec4(0.84f, 0.37f, 0.0f, 1), "%s",
                     tr(lang, s.listening ? "share.listening" : "share.not_listening"));
  if (s.remoteChanges > 0) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s: %d", tr(lang, "share.remote"), s.remoteChanges);
  }
  if (s.unsent > 0) {
    ImGui::TextColored(ImVec4(0.84f, 0.37f, 0.0f, 1), "%s: %d", tr(lang, "share.unsent"), s.unsent);
    if (s.offline) {  // the server could not be reached: sent again when the user says
      ImGui::SameLine();
      if (ImGui::SmallButton(tr(lang, "share.retry"))) c.ui.share.requestRetry = true;
      c.ui.markWidget("share:retry");
    }
  }
  if (!s.problem.empty()) ImGui::TextWrapped("%s", s.problem.c_str());
  ImGui::End();
}

}  // namespace safetymap::ui
