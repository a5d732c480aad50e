#include "core/policy.hpp"

#include <algorithm>

namespace safetymap {

std::string parentPolicyId(const std::string& id) {
  auto dash = id.rfind('-');
  return dash == std::string::npos ? std::string() : id.substr(0, dash);
}

bool isUnderPolicyId(const std::string& id, const std::string& ancestor) {
  if (ancestor.empty()) return true;
  return id == ancestor ||
         (id.size() > ancestor.size() && id.compare(0, ancestor.size(), ancestor) == 0 && id[ancestor.size()] == '-');
}

const PolicyStrategy* Policy::strategy(const std::string& id) const {
  for (const auto& i : issues)
    for (const auto& s : i.strategies)
      if (s.id == id) return &s;
  return nullptr;
}

const PolicyAction* Policy::action(const std::string& id) const {
  const PolicyStrategy* s = strategy(parentPolicyId(id));
  if (!s) return nullptr;
  for (const auto& a : s->actions)
    if (a.id == id) return &a;
  return nullptr;
}

std::string Policy::title(const std::string& id, Lang lang) const {
  auto pick = [lang](const std::string& ja, const std::string& en) {
    return lang == Lang::En && !en.empty() ? en : ja;
  };
  if (const PolicyAction* a = action(id)) return pick(a->titleJa, a->titleEn);
  if (const PolicyStrategy* s = strategy(id)) return pick(s->titleJa, s->titleEn);
  for (const auto& i : issues)
    if (i.id == id) return pick(i.titleJa, i.titleEn);
  return {};
}

std::vector<const PolicyLink*> Policy::linksUnder(const std::string& id) const {
  std::vector<const PolicyLink*> out;
  for (const auto& l : links)
    if (isUnderPolicyId(l.target, id)) out.push_back(&l);
  return out;
}

std::vector<std::string> Policy::strategiesServing(LayerRole role) const {
  std::vector<std::string> out;
  for (const auto& l : links) {
    if (std::find(l.layers.begin(), l.layers.end(), role) == l.layers.end()) continue;
    // A link on an action counts for its strategy; a link on a strategy is the strategy.
    std::string s = strategy(l.target) ? l.target : parentPolicyId(l.target);
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  }
  return out;
}

const PolicyFigure* Policy::figureFor(const std::string& indicator) const {
  for (const auto& f : figures)
    if (f.indicator == indicator) return &f;
  return nullptr;
}

int Policy::strategyCount() const {
  int n = 0;
  for (const auto& i : issues) n += static_cast<int>(i.strategies.size());
  return n;
}

}  // namespace safetymap
