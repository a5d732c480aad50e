#pragma once
// The ward's FY2021 operating policy as data: management issues (経営課題) → strategies (戦略) →
// concrete actions (具体的取組), the budget lines, the policy's own figures, and which layers and
// indicators each action concerns. Read from geodata/plan/plan.json (transcribed from the document).
#include <optional>
#include <string>
#include <vector>

#include "core/layer.hpp"
#include "core/text.hpp"

namespace safetymap {

struct PolicyAction {
  std::string id;  // "2-1-3"
  std::string titleJa, titleEn;
  std::string fy3Ja;         // 3年度に取り組む主な内容, exactly as written
  std::string fy2ResultsJa;  // 2年度の主な実績
  bool changedFromFy2 = false;
};

struct PolicyStrategy {
  std::string id;  // "2-1"
  std::string titleJa, titleEn;
  std::vector<std::string> targetJa;  // めざす状態
  std::string targetEn;
  std::vector<PolicyAction> actions;
};

struct BudgetLine {
  std::string itemJa;
  std::optional<long> fy3ThousandYen, fy2ThousandYen;  // 千円; none where the plan prints "-"
};

struct PolicyIssue {
  std::string id;  // "2"
  std::string titleJa, titleEn, summaryJa;
  std::vector<BudgetLine> budget;
  std::vector<PolicyStrategy> strategies;
};

// An action (or strategy) that concerns a place: its layers and its live indicators.
struct PolicyLink {
  std::string target;  // action or strategy id
  std::vector<LayerRole> layers;
  std::vector<std::string> indicators;
  std::string noData;  // what is missing, for actions no data set covers yet
  bool colourByDrillStatus = false;
};

// A number the plan states, with the exact words it comes from.
struct PolicyFigure {
  std::string id, where, field, quote, unitJa, indicator;
  double value = 0;
};

struct Policy {
  std::string titleJa, titleEn, goalJa, source;
  std::vector<PolicyIssue> issues;
  std::vector<PolicyLink> links;
  std::vector<PolicyFigure> figures;

  const PolicyStrategy* strategy(const std::string& id) const;
  const PolicyAction* action(const std::string& id) const;
  std::string title(const std::string& id, Lang lang) const;  // of an issue, strategy or action
  // Links of this id and, for a strategy or an issue, of everything under it.
  std::vector<const PolicyLink*> linksUnder(const std::string& id) const;
  // The strategies whose links name this layer role, e.g. Crimes → {"2-2"}.
  std::vector<std::string> strategiesServing(LayerRole role) const;
  const PolicyFigure* figureFor(const std::string& indicator) const;
  int strategyCount() const;
};

// "2-1-3" → "2-1"; "2-1" → "2"; "2" → "".
std::string parentPolicyId(const std::string& id);
bool isUnderPolicyId(const std::string& id, const std::string& ancestor);

}  // namespace safetymap
