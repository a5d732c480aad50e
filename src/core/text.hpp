#pragma once
// The one catalogue of UI strings, Japanese and English side by side. Japanese is the default.
#include <optional>
#include <string>
#include <string_view>

namespace safetymap {

enum class Lang { Ja, En };

std::optional<Lang> parseLang(std::string_view s);  // "ja" / "en"
const char* langCode(Lang l);

// Returns the string for key in lang; an unknown key returns the key itself (visible, never empty).
const char* tr(Lang lang, std::string_view key);

// Every key in the catalogue (for the test that each has both languages).
int catalogueSize();
std::string_view catalogueKey(int i);

// A value from the data in the UI language: the police's 手口, places, ages and the facility kinds have
// English names; anything else (proper names) is returned as it is.
std::string dataValueName(const std::string& value, Lang lang);

// An attribute's name in the UI language: the police columns, the census and PLATEAU fields and the project's
// own have names in both; an unknown field keeps its own name.
std::string fieldName(const std::string& field, Lang lang);

// A value as a message may quote it: at most maxChars whole UTF-8 characters, then "…", so a hostile
// 10,000-character field stays one readable line; and how many characters the value has.
std::string clipText(const std::string& value, size_t maxChars = 40);
std::size_t charCount(const std::string& value);

// ASCII letters in lower case (file extensions, GDAL's messages); other bytes as they are.
std::string asciiLower(std::string s);

}  // namespace safetymap
