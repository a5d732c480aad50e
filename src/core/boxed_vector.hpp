#pragma once
// A vector behind one pointer, null while empty: 8 bytes for the parts most features do not have (a point record
// carries no lines and no polygons, a footprint no holes), instead of 24 for an empty std::vector. Its count,
// room and elements are one allocation: a footprint's one polygon costs one block, not a vector and its buffer.
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <new>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <vector>

namespace safetymap {

template <class T>
class BoxedVector {
 public:
  BoxedVector() = default;
  // Each delegates to the default constructor, so that a copy that throws half way frees what it made.
  BoxedVector(std::initializer_list<T> init) : BoxedVector() {
    reserve(init.size());
    for (const T& v : init) push_back(v);
  }
  BoxedVector(std::vector<T> v) : BoxedVector() { *this = std::move(v); }
  BoxedVector(const BoxedVector& o) : BoxedVector() {
    reserve(o.size());
    for (const T& v : o) push_back(v);
  }
  BoxedVector(BoxedVector&& o) noexcept : b_(std::exchange(o.b_, nullptr)) {}
  ~BoxedVector() { clear(); }
  BoxedVector& operator=(const BoxedVector& o) {
    if (this != &o) *this = BoxedVector(o);
    return *this;
  }
  BoxedVector& operator=(BoxedVector&& o) noexcept {
    if (this != &o) {
      Header* taken = std::exchange(o.b_, nullptr);  // before clear(): `o` may live in one of ours
      clear();
      b_ = taken;
    }
    return *this;
  }
  BoxedVector& operator=(std::vector<T> v) {
    clear();
    reserve(v.size());
    for (T& e : v) push_back(std::move(e));
    return *this;
  }
  BoxedVector& operator=(std::initializer_list<T> init) { return *this = BoxedVector(init); }

  bool empty() const { return size() == 0; }
  std::size_t size() const { return b_ ? b_->size : 0; }
  T* begin() { return data(); }
  T* end() { return data() + size(); }
  const T* begin() const { return data(); }
  const T* end() const { return data() + size(); }
  T& operator[](std::size_t i) { return data()[i]; }
  const T& operator[](std::size_t i) const { return data()[i]; }
  T& front() { return data()[0]; }
  const T& front() const { return data()[0]; }
  T& back() { return data()[size() - 1]; }
  const T& back() const { return data()[size() - 1]; }
  void push_back(T v) { emplace_back(std::move(v)); }
  template <class... A>
  T& emplace_back(A&&... a) {
    T* at;
    if (size() == capacity()) {  // made before growing: an argument may be one of the elements moved away
      T made(std::forward<A>(a)...);
      grow(capacity() == 0 ? 1 : 2 * capacity());
      at = ::new (static_cast<void*>(data() + b_->size)) T(std::move(made));
    } else {
      at = ::new (static_cast<void*>(data() + b_->size)) T(std::forward<A>(a)...);
    }
    ++b_->size;
    return *at;
  }
  void reserve(std::size_t n) {
    if (n > capacity()) grow(n);
  }
  void clear() {
    if (!b_) return;
    std::destroy(begin(), end());
    ::operator delete(b_);
    b_ = nullptr;
  }

  friend bool operator==(const BoxedVector& a, const BoxedVector& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!(a[i] == b[i])) return false;
    return true;
  }

 private:
  struct Header {
    std::uint32_t size, capacity;
  };
  static_assert(alignof(T) <= __STDCPP_DEFAULT_NEW_ALIGNMENT__);  // plain new places the elements
  static_assert(std::is_nothrow_move_constructible_v<T>);        // growing moves them and cannot undo
  static constexpr std::size_t kOffset = (sizeof(Header) + alignof(T) - 1) / alignof(T) * alignof(T);

  std::size_t capacity() const { return b_ ? b_->capacity : 0; }
  T* data() const {
    return b_ ? std::launder(reinterpret_cast<T*>(reinterpret_cast<char*>(b_) + kOffset)) : nullptr;
  }
  void grow(std::size_t n) {
    if (n > UINT32_MAX) throw std::length_error("BoxedVector: more than 2^32 elements");
    auto* b = static_cast<Header*>(::operator new(kOffset + n * sizeof(T)));
    b->size = 0, b->capacity = static_cast<std::uint32_t>(n);
    T* to = reinterpret_cast<T*>(reinterpret_cast<char*>(b) + kOffset);
    if (b_) {
      std::uninitialized_move(begin(), end(), to);
      b->size = b_->size;
      std::destroy(begin(), end());
      ::operator delete(b_);
    }
    b_ = b;
  }

  Header* b_ = nullptr;
};

}  // namespace safetymap
