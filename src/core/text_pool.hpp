#pragma once
// Every attribute text the program holds, stored once: a million crime records name seven crime types and a
// few hundred dates, so each record keeps 4-byte ids instead of its own copies of the same strings.
// Texts are never freed (an edit adds its new value; the old one stays), which keeps every reference
// returned by text() valid for the life of the program.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace safetymap {

using TextId = std::uint32_t;

// Thread-safe: intern() takes a lock; text() does not (an id is only ever handed out after its text is stored).
// Room for 268 million distinct texts; past that intern() throws std::length_error.
TextId internText(std::string_view s);                                        // the empty text is id 0
void internTexts(const std::string_view* texts, std::size_t n, TextId* ids);  // many at once, under one lock
const std::string& textOf(TextId id);

}  // namespace safetymap
