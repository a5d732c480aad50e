#include "core/text_pool.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace safetymap {
namespace {

constexpr std::size_t kChunkBits = 12, kChunk = std::size_t{1} << kChunkBits, kMaxChunks = 1 << 16;

// Texts live in fixed chunks that never move, so text() can read them while another thread interns.
// The lookup table is open addressing over the ids (id + 1; 0 is an empty slot).
class TextPool {
 public:
  TextPool() { intern(""); }

  TextId intern(std::string_view s) {
    const std::size_t hash =
        std::hash<std::string_view>{}(s);  // outside the lock: a reader and an import intern at once
    std::lock_guard lock(mutex_);
    return internLocked(s, hash);
  }

  // A row's values under one lock (a reader takes one per value otherwise, while an import takes its own).
  void intern(const std::string_view* texts, std::size_t n, TextId* ids) {
    std::array<std::size_t, 64> hashes;
    for (std::size_t start = 0; start < n; start += hashes.size()) {
      const std::size_t count = std::min(hashes.size(), n - start);
      for (std::size_t i = 0; i < count; ++i) hashes[i] = std::hash<std::string_view>{}(texts[start + i]);
      std::lock_guard lock(mutex_);
      for (std::size_t i = 0; i < count; ++i)
        ids[start + i] = texts[start + i].empty() ? 0 : internLocked(texts[start + i], hashes[i]);
    }
  }

  const std::string& text(TextId id) const {
    return chunks_[id >> kChunkBits].load(std::memory_order_acquire)[id & (kChunk - 1)];
  }

  std::size_t count() {
    std::lock_guard lock(mutex_);
    return count_;
  }

 private:
  TextId internLocked(std::string_view s, std::size_t hash) {
    if ((count_ + 1) * 10 > slots_.size() * 7) grow();
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      if (slots_[i] == 0) {
        if (count_ >= kChunk * kMaxChunks) throw std::length_error("more distinct attribute texts than the pool holds");
        const auto id = static_cast<TextId>(count_);
        std::string* chunk = chunks_[id >> kChunkBits].load(std::memory_order_relaxed);
        if (!chunk) {
          chunk = new std::string[kChunk];
          chunks_[id >> kChunkBits].store(chunk, std::memory_order_release);
        }
        chunk[id & (kChunk - 1)] = std::string(s);
        ++count_;
        slots_[i] = id + 1;
        return id;
      }
      if (text(slots_[i] - 1) == s) return slots_[i] - 1;
    }
  }

  void grow() {
    std::vector<TextId> bigger(std::max<std::size_t>(slots_.size() * 2, 1024), 0);
    const std::size_t mask = bigger.size() - 1;
    for (TextId slot : slots_) {
      if (!slot) continue;
      std::size_t i = std::hash<std::string_view>{}(text(slot - 1)) & mask;
      while (bigger[i]) i = (i + 1) & mask;
      bigger[i] = slot;
    }
    slots_.swap(bigger);
  }

  std::mutex mutex_;
  std::vector<TextId> slots_;
  std::size_t count_ = 0;
  std::array<std::atomic<std::string*>, kMaxChunks> chunks_{};
};

TextPool& pool() {
  static TextPool* p = new TextPool;  // never destroyed: texts outlive every static that holds an id
  return *p;
}

}  // namespace

TextId internText(std::string_view s) {
  if (s.empty()) return 0;
  return pool().intern(s);
}

void internTexts(const std::string_view* texts, std::size_t n, TextId* ids) {
  pool().intern(texts, n, ids);
}

const std::string& textOf(TextId id) {
  return pool().text(id);
}

}  // namespace safetymap
