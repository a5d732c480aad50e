#include "analysis/town_match.hpp"

#include "core/text.hpp"

namespace safetymap::analysis {

namespace {
const char* kKanji[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

// UTF-8 full-width ASCII block (U+FF01..U+FF5E) → ASCII; U+3000 → space; ー/－/‐ between digits → '-'.
std::string halfWidth(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == 0xEF && i + 2 < s.size()) {
      unsigned cp = ((c & 0x0F) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3F) << 6) |
                    (static_cast<unsigned char>(s[i + 2]) & 0x3F);
      if (cp >= 0xFF01 && cp <= 0xFF5E) {
        out += static_cast<char>(cp - 0xFF01 + 0x21);
        i += 3;
        continue;
      }
    }
    if (s.compare(i, 3, "\xE3\x80\x80") == 0) {  // ideographic space
      out += ' ';
      i += 3;
      continue;
    }
    if (s.compare(i, 3, "\xE2\x88\x92") == 0 || s.compare(i, 3, "\xE2\x80\x90") == 0 ||
        s.compare(i, 3, "\xE3\x83\xBC") == 0) {  // − ‐ ー used as hyphens in addresses
      out += '-';
      i += 3;
      continue;
    }
    out += s[i++];
  }
  return out;
}

std::string quoted(const std::string& raw) {
  std::string shown = clipText(raw);
  if (shown == raw) return "'" + raw + "'";
  return "'" + shown + "' (" + std::to_string(charCount(raw)) + " characters)";  // '築港…' (10000 characters)
}

// The digit at `at` followed by `suffix` (or the end when suffix is empty)?
bool digitBefore(const std::string& t, size_t at, std::string_view suffix) {
  if (at >= t.size() || t[at] < '0' || t[at] > '9') return false;
  return suffix.empty() ? at + 1 == t.size() : t.compare(at + 1, suffix.size(), suffix) == 0;
}
}  // namespace

std::string normaliseTown(const std::string& in) {
  std::string s = halfWidth(in);
  std::string t;
  for (char c : s)
    if (c != ' ' && c != '\t') t += c;
  for (const char* prefix : {"大阪府", "大阪市", "港区"})
    if (t.rfind(prefix, 0) == 0) t = t.substr(std::string(prefix).size());
  // "市岡1丁目" → "市岡一丁目" (one pass, no regular expression: the text may be hostile and long).
  static const std::string chome = "丁目";
  if (t.size() > chome.size() && t.ends_with(chome) && digitBefore(t, t.size() - chome.size() - 1, chome))
    t = t.substr(0, t.size() - chome.size() - 1) + kKanji[t[t.size() - chome.size() - 1] - '0'] + chome;
  return t;
}

TownMatcher::TownMatcher(const Layer& chome, std::string field) {
  for (const auto& f : chome.features) {
    const std::string* v = chome.value(f, field);
    names_.push_back(v ? normaliseTown(*v) : std::string());
  }
}

TownMatch TownMatcher::match(const std::string& raw) const {
  TownMatch r;
  std::string t = normaliseTown(raw);
  if (t.empty()) {
    r.reason = "no 町丁目 or address given";
    return r;
  }
  auto find = [&](const std::string& name) {
    for (size_t i = 0; i < names_.size(); ++i)
      if (names_[i] == name) return static_cast<int>(i);
    return -1;
  };
  if (int i = find(t); i >= 0) return {i, names_[static_cast<size_t>(i)], ""};
  // An address: the town, then the 丁目 number first (弁天1-2-3, 弁天1丁目2番3号).
  for (size_t at = 0; at < t.size(); ++at)
    if (digitBefore(t, at, "丁目") || digitBefore(t, at, "-") || digitBefore(t, at, "番") || digitBefore(t, at, "")) {
      std::string name = t.substr(0, at) + kKanji[t[at] - '0'] + "丁目";
      if (int i = find(name); i >= 0) return {i, names_[static_cast<size_t>(i)], ""};
      break;
    }
  // A town name alone: placed only when it has a single 丁目 polygon.
  int found = -1, count = 0;
  for (size_t i = 0; i < names_.size(); ++i)
    if (names_[i].rfind(t, 0) == 0 && names_[i].size() > t.size()) found = static_cast<int>(i), ++count;
  if (count == 1) return {found, names_[static_cast<size_t>(found)], ""};
  r.reason = count > 1 ? quoted(raw) + " names a town with " + std::to_string(count) + " 丁目: the 丁目 is needed"
                       : quoted(raw) + " is not one of Minato Ward's " + std::to_string(names_.size()) + " 町丁目";
  return r;
}

}  // namespace safetymap::analysis
