// The compact per-feature storage (inline points, interned attribute texts) behaves like the vectors it
// replaced: every copy, move, growth and comparison a layer does.
#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <vector>

#include "core/layer.hpp"

using namespace safetymap;

TEST_CASE("a point list keeps one point inline and grows onto the heap", "[storage]") {
  PointList a;
  CHECK(a.empty());
  a.push_back({1, 2});
  const Vec2* inlineAt = a.data();
  CHECK(reinterpret_cast<const char*>(inlineAt) >= reinterpret_cast<const char*>(&a));
  CHECK(reinterpret_cast<const char*>(inlineAt) < reinterpret_cast<const char*>(&a) + sizeof(a));
  for (int i = 0; i < 9; ++i) a.push_back(a.front());  // pushing its own element while it moves to the heap
  REQUIRE(a.size() == 10);
  CHECK(a.back() == Vec2{1, 2});
  a[a.size() - 7] = {5, 6};  // [3]

  PointList b = a;  // deep copy
  b[3] = {7, 8};
  CHECK(a[3] == Vec2{5, 6});
  CHECK_FALSE(a == b);
  PointList c = std::move(b);
  CHECK(b.empty());
  CHECK(c[3] == Vec2{7, 8});
  c = {{9, 9}};  // back to one point
  CHECK(c.size() == 1);
  CHECK(c.front() == Vec2{9, 9});
  const std::vector<Vec2> v{{1, 1}, {2, 2}, {3, 3}};
  c = v;
  CHECK(c.size() == 3);
  CHECK(c[2] == Vec2{3, 3});
  c.resize(1);
  CHECK(c == PointList{{1, 1}});
}

TEST_CASE("lines and polygons cost one pointer until a feature has them", "[storage]") {
  Geometry g;
  CHECK(g.lines.empty());
  CHECK(g.lines.begin() == g.lines.end());
  g.lines.push_back({{0, 0}, {1, 1}});
  Geometry h = g;
  h.lines.front().push_back({2, 2});
  CHECK(g.lines.front().size() == 2);
  CHECK(h.lines.front().size() == 3);
  h.lines.clear();
  CHECK(h.lines.empty());
  CHECK(sizeof(Geometry) <= 48);
  CHECK(sizeof(Feature) <= 88);
  CHECK(sizeof(Polygon) <= 32);  // holes are one pointer while there are none
}

TEST_CASE("a boxed vector is one block that copies, moves and grows as a vector does", "[storage]") {
  BoxedVector<Ring> rings;
  rings.push_back({{0, 0}, {1, 0}, {1, 1}});
  for (int i = 0; i < 9; ++i) rings.emplace_back(rings.front());  // its own element, while it grows away from it
  REQUIRE(rings.size() == 10);
  for (const Ring& r : rings) CHECK(r == Ring{{0, 0}, {1, 0}, {1, 1}});
  BoxedVector<Ring> copy = rings;  // deep
  copy[3].push_back({9, 9});
  CHECK(rings[3].size() == 3);
  CHECK_FALSE(copy == rings);
  BoxedVector<Ring> moved = std::move(copy);
  CHECK(copy.empty());
  CHECK(moved[3].back() == Vec2{9, 9});
  moved = moved;  // itself
  CHECK(moved.size() == 10);
  moved = std::vector<Ring>{{{5, 5}}};
  CHECK(moved.size() == 1);
  CHECK(moved.front().front() == Vec2{5, 5});
  moved = {};
  CHECK(moved.empty());
  CHECK(moved == BoxedVector<Ring>{});
  Polygon p{{{0, 0}, {4, 0}, {4, 4}}, {{{1, 1}, {2, 1}, {2, 2}}}};
  Polygon q = p;
  q.holes.clear();
  CHECK(p.holes.size() == 1);
  CHECK(area(p) < area(q));
}

TEST_CASE("attribute values are interned texts that read and compare like strings", "[storage]") {
  AttributeValues a{"自転車盗", "20240512", ""};
  REQUIRE(a.size() == 3);
  CHECK(a[0] == "自転車盗");
  CHECK(a[2].empty());
  AttributeValues b;
  b.resize(3);
  b.set(0, std::string("自転車") + "盗");
  b.set(1, "20240512");
  CHECK(a == b);  // equal texts, equal ids
  CHECK(a.id(0) == b.id(0));
  const std::string& kept = a[1];
  a.set(1, "20250101");
  CHECK(kept == "20240512");  // a reference outlives the edit: texts are never freed
  CHECK_FALSE(a == b);
  std::vector<std::string> seen(a.begin(), a.end());
  CHECK(seen == std::vector<std::string>{"自転車盗", "20250101", ""});
  a.push_back("5th");
  a.push_back("6th");  // past the four inline ids
  REQUIRE(a.size() == 5);
  CHECK(a[3] == "5th");
  CHECK(a[4] == "6th");
  CHECK(a[0] == "自転車盗");
}

TEST_CASE("texts interned from several threads at once get one id each", "[storage]") {
  std::vector<std::vector<TextId>> ids(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20000; ++i)
        ids[static_cast<size_t>(t)].push_back(internText("thread-text-" + std::to_string(i)));
    });
  for (auto& th : threads) th.join();
  for (int t = 1; t < 4; ++t) CHECK(ids[static_cast<size_t>(t)] == ids[0]);
  for (int i = 0; i < 20000; i += 997)
    CHECK(textOf(ids[0][static_cast<size_t>(i)]) == "thread-text-" + std::to_string(i));
}

TEST_CASE("a row's texts interned at once get the ids each would get alone", "[storage]") {
  // 150 texts: past the 64 hashed per lock, with repeats inside the row and the empty text among them.
  std::vector<std::string> owned;
  for (int i = 0; i < 150; ++i) owned.push_back(i % 7 == 3 ? std::string() : "row-text-" + std::to_string(i % 50));
  std::vector<std::string_view> texts(owned.begin(), owned.end());
  std::vector<TextId> ids(texts.size(), 12345);
  // Half of them interned one by one first, from another thread at the same time as the batch.
  std::thread other([&] {
    for (size_t i = 0; i < owned.size(); i += 2) internText(owned[i]);
  });
  internTexts(texts.data(), texts.size(), ids.data());
  other.join();
  for (size_t i = 0; i < texts.size(); ++i) {
    CHECK(ids[i] == internText(owned[i]));
    CHECK(textOf(ids[i]) == owned[i]);
  }
  CHECK(ids[3] == 0);  // the empty text
  CHECK(ids[1] == ids[51]);
  internTexts(texts.data(), 0, nullptr);  // nothing: no lock taken, nothing written
}
