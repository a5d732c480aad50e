// The policy panel: the operating policy as a tree (経営課題 → 戦略 → 取組). Choosing an item asks
// the viewer to show its layers, hide the rest and zoom to them; below the tree, the item's own
// words (target state, FY3 content, FY2 results, budget) beside the indicators computed from the data.
#include <fmt/format.h>

#include <algorithm>

#include "analysis/indicators.hpp"
#include "ui/panels.hpp"

namespace safetymap::ui {

namespace {
// Records per year (by the date each record carries) as bars, with the rate per 1,000 residents of the 2015
// census for the ward or the chosen district: the trend the policy's target state asks about.
void trendChart(PanelContext& c) {
  const auto& years = c.stats.crimesByYear;
  if (years.empty()) return;
  Lang lang = c.project.lang;
  long people = c.stats.population;
  if (c.project.selectedDistrict >= 0 && static_cast<size_t>(c.project.selectedDistrict) < c.stats.perDistrict.size())
    people = c.stats.perDistrict[static_cast<size_t>(c.project.selectedDistrict)].population;
  int most = 1;
  for (const auto& y : years) most = std::max(most, y.count);
  const float line = ImGui::GetTextLineHeight();
  const float barW = std::min(64.0f, (ImGui::GetContentRegionAvail().x - 8) / static_cast<float>(years.size()));
  const float chartH = 5 * line;
  ImVec2 o = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (size_t i = 0; i < years.size(); ++i) {
    const auto& y = years[i];
    float h = chartH * static_cast<float>(y.count) / static_cast<float>(most);
    float x0 = o.x + 4 + barW * static_cast<float>(i), x1 = x0 + barW - 6;
    float base = o.y + line + chartH;
    dl->AddRectFilled(ImVec2(x0, base - h), ImVec2(x1, base), IM_COL32(117, 107, 177, 255));
    std::string n = std::to_string(y.count);
    dl->AddText(ImVec2(x0, base - h - line), IM_COL32(40, 40, 40, 255), n.c_str());
    std::string label = std::to_string(y.year);
    dl->AddText(ImVec2(x0, base + 2), IM_COL32(40, 40, 40, 255), label.c_str());
    if (people > 0) {
      std::string rate = fmt::format("{:.1f}", 1000.0 * y.count / static_cast<double>(people));
      dl->AddText(ImVec2(x0, base + 2 + line), IM_COL32(110, 110, 110, 255), rate.c_str());
    }
  }
  ImGui::Dummy(ImVec2(barW * static_cast<float>(years.size()) + 8, chartH + 3.5f * line));
  c.ui.markWidget("chart:crimes_by_year");
  ImGui::PushTextWrapPos(0);
  ImGui::TextDisabled("%s", tr(lang, people > 0 ? "plan.chart_note_rate" : "plan.chart_note"));
  ImGui::PopTextWrapPos();
}

const ImVec4 kWarn(0.75f, 0.30f, 0.0f, 1.0f);  // Okabe–Ito vermillion, darkened for text
const ImVec4 kMuted(0.35f, 0.35f, 0.35f, 1.0f);

void wrapped(const std::string& s, const ImVec4* colour = nullptr) {
  ImGui::PushTextWrapPos(0);
  if (colour)
    ImGui::TextColored(*colour, "%s", s.c_str());
  else
    ImGui::TextUnformatted(s.c_str());
  ImGui::PopTextWrapPos();
}

std::string withCommas(long v) {  // 31727 → 31,727, as the plan prints it
  std::string d = std::to_string(v), out;
  for (size_t i = 0; i < d.size(); ++i) {
    if (i > 0 && (d.size() - i) % 3 == 0) out += ',';
    out += d[i];
  }
  return out;
}

void heading(const char* s) {
  ImGui::Spacing();
  ImGui::TextColored(kMuted, "%s", s);
}

void tree(PanelContext& c) {
  const Policy& policy = c.project.policy;
  Lang lang = c.project.lang;
  const std::string& sel = c.project.selectedPolicyItem;
  auto leaf = ImGuiTreeNodeFlags_Leaf | ImGuiTreeNodeFlags_NoTreePushOnOpen | ImGuiTreeNodeFlags_SpanAvailWidth;
  for (const auto& issue : policy.issues) {
    std::string label = fmt::format("{} {}##issue{}", lang == Lang::En ? "Issue" : "経営課題", issue.id, issue.id);
    ImGuiTreeNodeFlags f = ImGuiTreeNodeFlags_OpenOnArrow | ImGuiTreeNodeFlags_SpanAvailWidth;
    if (sel == issue.id) f |= ImGuiTreeNodeFlags_Selected;
    if (isUnderPolicyId(sel, issue.id) && !sel.empty()) ImGui::SetNextItemOpen(true, ImGuiCond_Once);
    bool open = ImGui::TreeNodeEx(label.c_str(), f);
    if (ImGui::IsItemClicked() && !ImGui::IsItemToggledOpen()) c.ui.requestPolicyItem = issue.id;
    c.ui.markWidget("plan:" + issue.id);
    ImGui::SameLine();
    ImGui::TextUnformatted(policy.title(issue.id, lang).c_str());
    if (!open) continue;
    for (const auto& s : issue.strategies) {
      ImGuiTreeNodeFlags sf = ImGuiTreeNodeFlags_OpenOnArrow | ImGuiTreeNodeFlags_SpanAvailWidth;
      if (sel == s.id) sf |= ImGuiTreeNodeFlags_Selected;
      std::string sl = fmt::format("{} {}##s{}", s.id, policy.title(s.id, lang), s.id);
      bool sopen = ImGui::TreeNodeEx(sl.c_str(), sf);
      if (ImGui::IsItemClicked() && !ImGui::IsItemToggledOpen()) c.ui.requestPolicyItem = s.id;
      c.ui.markWidget("plan:" + s.id);
      if (!sopen) continue;
      for (const auto& a : s.actions) {
        ImGuiTreeNodeFlags af = leaf | (sel == a.id ? ImGuiTreeNodeFlags_Selected : 0);
        bool linked = !policy.linksUnder(a.id).empty();
        std::string al = fmt::format("{} {}{}##a{}", a.id, policy.title(a.id, lang), linked ? " ◆" : "", a.id);
        ImGui::TreeNodeEx(al.c_str(), af);
        if (ImGui::IsItemClicked()) c.ui.requestPolicyItem = a.id;
        c.ui.markWidget("plan:" + a.id);
      }
      ImGui::TreePop();
    }
    ImGui::TreePop();
  }
}

void activityEditor(PanelContext& c) {
  Lang lang = c.project.lang;
  heading(tr(lang, "plan.activities"));
  int colourBy = c.ui.colourActivity == ActivityKind::Drill ? 0 : 1;
  ImGui::TextUnformatted(tr(lang, "plan.colour_by"));
  ImGui::SameLine();
  if (ImGui::RadioButton(tr(lang, "plan.drill"), colourBy == 0))
    c.ui.colourActivity = ActivityKind::Drill, c.ui.activitiesChanged = true;
  ImGui::SameLine();
  if (ImGui::RadioButton(tr(lang, "plan.study"), colourBy == 1))
    c.ui.colourActivity = ActivityKind::StudySession, c.ui.activitiesChanged = true;
  static const ActivityStatus kStates[] = {ActivityStatus::NotRecorded, ActivityStatus::Done, ActivityStatus::Planned,
                                           ActivityStatus::NotDone};
  if (!ImGui::BeginTable("activities", 3, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg)) return;
  ImGui::TableSetupColumn(tr(lang, "stats.district"));
  ImGui::TableSetupColumn(tr(lang, "plan.drill"));
  ImGui::TableSetupColumn(tr(lang, "plan.study"));
  ImGui::TableHeadersRow();
  for (const auto& d : c.project.districts()) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted((lang == Lang::En ? d.nameEn : d.nameJa).c_str());
    for (ActivityKind kind : {ActivityKind::Drill, ActivityKind::StudySession}) {
      ImGui::TableNextColumn();
      ActivityStatus cur = c.project.activities.get(kind, d.nameJa);
      std::string id = fmt::format("##{}{}", d.nameJa, kind == ActivityKind::Drill ? "d" : "s");
      ImGui::SetNextItemWidth(-1);
      if (ImGui::BeginCombo(id.c_str(), tr(lang, (std::string("activity.") + activityStatusKey(cur)).c_str()))) {
        for (auto st : kStates)
          if (ImGui::Selectable(tr(lang, (std::string("activity.") + activityStatusKey(st)).c_str()), st == cur)) {
            Edit e;  // an undoable edit of the project, saved with it
            e.kind = Edit::Kind::SetActivity;
            e.district = d.nameJa;
            e.activity = kind;
            e.statusBefore = cur;
            e.statusAfter = st;
            e.label = "activity";
            c.ui.requestEdits.push_back(std::move(e));
          }
        ImGui::EndCombo();
      }
    }
  }
  ImGui::EndTable();
}

void details(PanelContext& c) {
  const Policy& policy = c.project.policy;
  Lang lang = c.project.lang;
  const std::string& id = c.project.selectedPolicyItem;
  if (id.empty()) {
    wrapped(tr(lang, "plan.none"), &kMuted);
    return;
  }
  if (c.fonts.label()) ImGui::PushFont(c.fonts.label());
  wrapped(id + " " + policy.title(id, lang));
  if (c.fonts.label()) ImGui::PopFont();
  c.ui.markWidget("plan-title");
  for (const auto& issue : policy.issues)
    if (issue.id == id) {
      if (!issue.summaryJa.empty()) wrapped(issue.summaryJa);
      heading(tr(lang, "plan.budget"));
      for (const auto& b : issue.budget) {
        std::string fy3 = b.fy3ThousandYen ? withCommas(*b.fy3ThousandYen) + "千円" : "- 千円";
        std::string fy2 = b.fy2ThousandYen ? "（2年度：" + withCommas(*b.fy2ThousandYen) + "千円）" : "";
        wrapped("・" + b.itemJa + " 【" + fy3 + fy2 + "】");
      }
    }
  if (const PolicyStrategy* s = policy.strategy(id)) {
    heading(tr(lang, "plan.target"));
    for (const auto& t : s->targetJa) wrapped("・" + t);
    if (lang == Lang::En && !s->targetEn.empty()) wrapped(s->targetEn, &kMuted);
  }
  if (const PolicyAction* a = policy.action(id)) {
    heading(tr(lang, "plan.fy3"));
    wrapped(a->fy3Ja);
    if (!a->fy2ResultsJa.empty()) {
      heading(tr(lang, "plan.fy2"));
      wrapped(a->fy2ResultsJa);
    }
  }
  // Linked layers and what is missing.
  std::vector<const PolicyLink*> links = policy.linksUnder(id);
  if (!links.empty()) {
    heading(tr(lang, "plan.layers"));
    std::string names;
    for (const PolicyLink* l : links) {
      for (LayerRole r : l->layers)
        if (const Layer* layer = c.project.layerByRole(r)) {
          std::string n = c.project.displayName(*layer) + badges(c.project, *layer);
          if (names.find(n) == std::string::npos) names += (names.empty() ? "" : "、") + n;
        }
      if (!l->noData.empty())
        wrapped(fmt::format("{} {}: {}", l->target, policy.title(l->target, lang), tr(lang, "plan.no_data")), &kMuted);
    }
    if (!names.empty()) wrapped(names);
  }
  auto indicators = analysis::indicatorsFor(id, policy, c.stats, lang);
  if (!indicators.empty()) {
    heading(tr(lang, "plan.indicators"));
    for (const auto& ind : indicators) {
      ImGui::Bullet();
      ImGui::SameLine();
      if (ind.disagrees) {
        ImGui::TextColored(kWarn, "⚠");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(lang, "plan.warning"));
        ImGui::SameLine();
      }
      wrapped(ind.label + ": " + ind.value);
      c.ui.markWidget("indicator:" + ind.id);
      ImGui::Indent();
      if (!ind.policySays.empty()) wrapped(ind.policySays, &kMuted);
      if (!ind.note.empty()) wrapped(ind.note, ind.disagrees ? &kWarn : &kMuted);
      if (ind.id == "crimes.trend") trendChart(c);
      ImGui::Unindent();
    }
  }
  for (const PolicyLink* l : links)
    if (l->colourByDrillStatus) {
      activityEditor(c);
      break;
    }
}
}  // namespace

void drawPolicyPanel(PanelContext& c) {
  Lang lang = c.project.lang;
  if (c.project.policy.issues.empty()) {
    wrapped(tr(lang, "plan.missing"), &kWarn);
    return;
  }
  ImGui::TextUnformatted(tr(lang, "panel.plan"));
  ImGui::SameLine();
  if (!c.project.selectedPolicyItem.empty() && ImGui::SmallButton(tr(lang, "plan.clear"))) c.ui.requestPolicyItem = "";
  c.ui.markWidget("plan:clear");
  ImGui::Separator();
  float treeH = ImGui::GetContentRegionAvail().y * 0.42f;
  ImGui::BeginChild("##plan-tree", ImVec2(0, treeH), true);
  tree(c);
  ImGui::EndChild();
  ImGui::BeginChild("##plan-details", ImVec2(0, 0), false);
  details(c);
  ImGui::EndChild();
}

}  // namespace safetymap::ui
