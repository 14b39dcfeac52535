// The process-wide table of interned names.
#include "bourse/core/interned_string.hpp"

#include <deque>
#include <limits>
#include <mutex>
#include <ostream>
#include <stdexcept>
#include <unordered_map>

namespace bourse {

namespace {

// Entries never move (a deque keeps references on push_back) and the table is never destroyed,
// so handles stay valid in static destructors too.
template <class Entry>
struct table {
  std::mutex mutex;
  std::deque<Entry> entries;
  std::unordered_map<std::string_view, const Entry*> by_text;

  static table& get() {
    static auto* t = new table; // NOLINT(cppcoreguidelines-owning-memory): lives for the process
    return *t;
  }
};

} // namespace

const interned_string::entry* interned_string::intern(std::string_view text) {
  if (text.empty())
    return &empty_entry_;
  // Most callers intern the same few names over and over (a CSV file of one symbol): one entry
  // per thread answers those without the lock.
  thread_local const entry* last = nullptr;
  if (last != nullptr && last->text == text)
    return last;
  auto& t = table<entry>::get();
  std::lock_guard<std::mutex> lock{t.mutex};
  if (auto it = t.by_text.find(text); it != t.by_text.end()) {
    last = it->second;
    return last;
  }
  if (t.entries.size() >= std::numeric_limits<std::uint32_t>::max() - 1U)
    throw std::length_error("interned_string: too many distinct names");
  auto& e = t.entries.emplace_back(
      entry{std::string{text}, static_cast<std::uint32_t>(t.entries.size() + 1)});
  t.by_text.emplace(std::string_view{e.text}, &e);
  last = &e;
  return last;
}

interned_string::interned_string(std::string_view text) : entry_(intern(text)) {}

std::size_t interned_string::interned_count() {
  auto& t = table<entry>::get();
  std::lock_guard<std::mutex> lock{t.mutex};
  return t.entries.size() + 1;
}

std::ostream& operator<<(std::ostream& out, interned_string name) { return out << name.view(); }

} // namespace bourse
