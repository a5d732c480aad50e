#pragma once
// A vector of trivially copyable values that keeps the first N inline, in 24 bytes in all.
// Why not boost::container::small_vector: it is 40 bytes for the same inline room, and a layer holds one
// per feature; at a million crime records those 16 bytes are a sixth of the memory budget.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <new>
#include <span>
#include <type_traits>

namespace safetymap {

template <class T, std::size_t N>
class SmallVector {
  static_assert(std::is_trivially_copyable_v<T>, "values are moved with memcpy");
  static_assert(N * sizeof(T) >= sizeof(T*) && N * sizeof(T) <= 16, "inline room is one pointer to 16 bytes");

 public:
  SmallVector() = default;
  SmallVector(std::initializer_list<T> init) { assign(init.begin(), init.end()); }
  SmallVector(std::span<const T> s) { assign(s.data(), s.data() + s.size()); }
  SmallVector(const SmallVector& o) { assign(o.begin(), o.end()); }
  SmallVector(SmallVector&& o) noexcept { steal(o); }
  SmallVector& operator=(const SmallVector& o) {
    if (this != &o) assign(o.begin(), o.end());
    return *this;
  }
  SmallVector& operator=(SmallVector&& o) noexcept {
    if (this != &o) {
      release();
      steal(o);
    }
    return *this;
  }
  SmallVector& operator=(std::initializer_list<T> init) {
    assign(init.begin(), init.end());
    return *this;
  }
  SmallVector& operator=(std::span<const T> s) {
    assign(s.data(), s.data() + s.size());
    return *this;
  }
  ~SmallVector() { release(); }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T* data() { return onHeap() ? heap_ : reinterpret_cast<T*>(inline_); }
  const T* data() const { return onHeap() ? heap_ : reinterpret_cast<const T*>(inline_); }
  T* begin() { return data(); }
  T* end() { return data() + size_; }
  const T* begin() const { return data(); }
  const T* end() const { return data() + size_; }
  T& operator[](std::size_t i) { return data()[i]; }
  const T& operator[](std::size_t i) const { return data()[i]; }
  T& front() { return data()[0]; }
  const T& front() const { return data()[0]; }
  T& back() { return data()[size_ - 1]; }
  const T& back() const { return data()[size_ - 1]; }
  operator std::span<T>() { return {data(), size_}; }
  operator std::span<const T>() const { return {data(), size_}; }

  void reserve(std::size_t n) {
    if (n <= capacity()) return;
    T* fresh = static_cast<T*>(std::malloc(n * sizeof(T)));
    if (!fresh) throw std::bad_alloc();
    const std::uint32_t keep = size_;
    if (keep) std::memcpy(fresh, data(), keep * sizeof(T));
    release();
    heap_ = fresh;
    cap_ = static_cast<std::uint32_t>(n);
    size_ = keep;
  }
  void push_back(const T& v) {
    if (size_ == capacity()) {
      const T copy = v;  // v may live in this vector
      reserve(std::max<std::size_t>(2 * capacity(), 4));
      data()[size_++] = copy;
      return;
    }
    data()[size_++] = v;
  }
  void resize(std::size_t n, const T& fill = T{}) {
    reserve(n);
    for (std::size_t i = size_; i < n; ++i) data()[i] = fill;
    size_ = static_cast<std::uint32_t>(n);
  }
  void clear() { size_ = 0; }
  void assign(const T* first, const T* last) {
    const auto n = static_cast<std::size_t>(last - first);
    if (n > capacity()) {
      SmallVector fresh;
      fresh.reserve(n);
      std::memcpy(fresh.data(), first, n * sizeof(T));
      fresh.size_ = static_cast<std::uint32_t>(n);
      *this = std::move(fresh);
      return;
    }
    if (n) std::memmove(data(), first, n * sizeof(T));
    size_ = static_cast<std::uint32_t>(n);
  }

  friend bool operator==(const SmallVector& a, const SmallVector& b) {
    return a.size_ == b.size_ && std::equal(a.begin(), a.end(), b.begin());
  }

 private:
  bool onHeap() const { return cap_ > N; }
  std::size_t capacity() const { return onHeap() ? cap_ : N; }
  void release() {
    if (onHeap()) std::free(heap_);
    cap_ = N;
    size_ = 0;
  }
  void steal(SmallVector& o) {
    std::memcpy(static_cast<void*>(this), static_cast<const void*>(&o), sizeof(SmallVector));
    o.cap_ = N;
    o.size_ = 0;
  }

  union {
    alignas(T) unsigned char inline_[N * sizeof(T)];
    T* heap_ = nullptr;
  };
  std::uint32_t size_ = 0;
  std::uint32_t cap_ = N;  // > N: the values are on the heap
};

}  // namespace safetymap
