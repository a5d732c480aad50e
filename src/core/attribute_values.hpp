#pragma once
// One feature's attribute values, as text, one per field of its layer: ids into the text pool, the first
// four inline (24 bytes in all), so a record with a few fields costs no allocation of its own.
#include <initializer_list>
#include <iterator>
#include <string>
#include <string_view>

#include "core/small_vector.hpp"
#include "core/text_pool.hpp"

namespace safetymap {

class AttributeValues {
 public:
  AttributeValues() = default;
  AttributeValues(std::initializer_list<std::string_view> texts) {
    ids_.reserve(texts.size());
    for (auto t : texts) ids_.push_back(internText(t));
  }

  std::size_t size() const { return ids_.size(); }
  bool empty() const { return ids_.empty(); }
  const std::string& operator[](std::size_t i) const { return textOf(ids_[i]); }
  TextId id(std::size_t i) const { return ids_[i]; }
  void set(std::size_t i, std::string_view text) { ids_[i] = internText(text); }
  void setId(std::size_t i, TextId id) { ids_[i] = id; }  // a text already in the pool (another feature's value)
  void resize(std::size_t n) { ids_.resize(n, 0); }       // new values are empty
  void assign(std::size_t n, std::string_view text) {
    ids_.clear();
    ids_.resize(n, internText(text));
  }
  void push_back(std::string_view text) { ids_.push_back(internText(text)); }

  class const_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = std::string;
    using difference_type = std::ptrdiff_t;
    using pointer = const std::string*;
    using reference = const std::string&;
    const_iterator() = default;
    explicit const_iterator(const TextId* p) : p_(p) {}
    reference operator*() const { return textOf(*p_); }
    pointer operator->() const { return &textOf(*p_); }
    const_iterator& operator++() { return ++p_, *this; }
    const_iterator operator++(int) { return const_iterator(p_++); }
    friend bool operator==(const_iterator a, const_iterator b) { return a.p_ == b.p_; }
    friend difference_type operator-(const_iterator a, const_iterator b) { return a.p_ - b.p_; }

   private:
    const TextId* p_ = nullptr;
  };
  const_iterator begin() const { return const_iterator(ids_.begin()); }
  const_iterator end() const { return const_iterator(ids_.end()); }

  // Equal texts have equal ids, so comparing ids compares the values.
  friend bool operator==(const AttributeValues&, const AttributeValues&) = default;

 private:
  SmallVector<TextId, 4> ids_;
};

}  // namespace safetymap
