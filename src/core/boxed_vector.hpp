#pragma once
// A std::vector kept behind one pointer, null while empty: 8 bytes for the parts most features do not have
// (a point record carries no lines and no polygons), instead of 24 for an empty std::vector.
#include <initializer_list>
#include <memory>
#include <vector>

namespace safetymap {

template <class T>
class BoxedVector {
 public:
  BoxedVector() = default;
  BoxedVector(std::initializer_list<T> init) { *this = std::vector<T>(init); }
  BoxedVector(std::vector<T> v) { *this = std::move(v); }
  BoxedVector(const BoxedVector& o) : v_(o.empty() ? nullptr : std::make_unique<std::vector<T>>(*o.v_)) {}
  BoxedVector(BoxedVector&&) noexcept = default;
  BoxedVector& operator=(const BoxedVector& o) {
    if (this != &o) v_ = o.empty() ? nullptr : std::make_unique<std::vector<T>>(*o.v_);
    return *this;
  }
  BoxedVector& operator=(BoxedVector&&) noexcept = default;
  BoxedVector& operator=(std::vector<T> v) {
    v_ = v.empty() ? nullptr : std::make_unique<std::vector<T>>(std::move(v));
    return *this;
  }
  BoxedVector& operator=(std::initializer_list<T> init) { return *this = std::vector<T>(init); }

  bool empty() const { return !v_ || v_->empty(); }
  std::size_t size() const { return v_ ? v_->size() : 0; }
  T* begin() { return v_ ? v_->data() : nullptr; }
  T* end() { return v_ ? v_->data() + v_->size() : nullptr; }
  const T* begin() const { return v_ ? v_->data() : nullptr; }
  const T* end() const { return v_ ? v_->data() + v_->size() : nullptr; }
  T& operator[](std::size_t i) { return (*v_)[i]; }
  const T& operator[](std::size_t i) const { return (*v_)[i]; }
  T& front() { return v_->front(); }
  const T& front() const { return v_->front(); }
  T& back() { return v_->back(); }
  const T& back() const { return v_->back(); }
  void push_back(T v) { vec().push_back(std::move(v)); }
  template <class... A>
  T& emplace_back(A&&... a) {
    return vec().emplace_back(std::forward<A>(a)...);
  }
  void clear() { v_.reset(); }
  // The vector itself, created on first use, for the rest of std::vector's interface.
  std::vector<T>& vec() {
    if (!v_) v_ = std::make_unique<std::vector<T>>();
    return *v_;
  }

  friend bool operator==(const BoxedVector& a, const BoxedVector& b) {
    if (a.empty() || b.empty()) return a.empty() == b.empty();
    return *a.v_ == *b.v_;
  }

 private:
  std::unique_ptr<std::vector<T>> v_;
};

}  // namespace safetymap
