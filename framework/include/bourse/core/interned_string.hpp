#pragma once
// Interned names for the hot path: a symbol or venue name is interned once, at the edge (a CSV
// row, a config key, a strategy parameter), and from then on is a pointer-sized handle that
// copies, compares for equality and hashes like an integer. Messages, books, the aggregator and
// the order flow carry handles; strings appear only where text comes in or goes out.
//
// Ordering (operator<) compares the names, so a std::map keyed by handles iterates in the same
// order as one keyed by the strings, whatever order the names were interned in: a backtest stays
// byte-identical across thread counts. The handle's dense `index()` is for array lookups only,
// never for ordering (it depends on which thread interned a name first). Interned names live until
// the process ends (there are a few hundred symbols and venues in a run, not millions).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>

namespace bourse {

/// An interned name: a handle to one process-wide copy of the text. Equality and hashing are a
/// pointer compare; ordering is by text. Converts implicitly from and to text so that the edges
/// (parsers, configs, reports, tests) read as before.
class interned_string {
public:
  /// The empty name.
  interned_string() noexcept : entry_(&empty_entry_) {}
  /// Interns `text` (thread-safe; a lookup under a lock when it is already known).
  interned_string(std::string_view text); // NOLINT(google-explicit-constructor): text at the edges
  /// Interns `text`.
  interned_string(const std::string& text) // NOLINT(google-explicit-constructor)
      : interned_string(std::string_view{text}) {}
  /// Interns `text`.
  interned_string(const char* text) // NOLINT(google-explicit-constructor)
      : interned_string(std::string_view{text}) {}

  /// Returns the text.
  [[nodiscard]] const std::string& str() const noexcept { return entry_->text; }
  /// Returns the text (strings at the edges: maps keyed by std::string, concatenation).
  operator const std::string&() const noexcept { return entry_->text; } // NOLINT
  /// Returns the text as a view (functions that take text).
  operator std::string_view() const noexcept { return entry_->text; } // NOLINT
  /// Returns the text as a view.
  [[nodiscard]] std::string_view view() const noexcept { return entry_->text; }
  /// Returns the text as a C string.
  [[nodiscard]] const char* c_str() const noexcept { return entry_->text.c_str(); }
  /// Returns true for the empty name.
  [[nodiscard]] bool empty() const noexcept { return entry_->text.empty(); }
  /// Returns the length of the text.
  [[nodiscard]] std::size_t size() const noexcept { return entry_->text.size(); }
  /// Returns a dense number (0 for the empty name, then 1, 2, ... in interning order) for array
  /// lookups; never order by it.
  [[nodiscard]] std::uint32_t index() const noexcept { return entry_->index; }

  /// Returns how many distinct names were interned so far (the empty name included).
  [[nodiscard]] static std::size_t interned_count();

  /// Returns true when both are the same name (a pointer compare).
  friend bool operator==(interned_string a, interned_string b) noexcept {
    return a.entry_ == b.entry_;
  }
  /// Returns true when the names differ.
  friend bool operator!=(interned_string a, interned_string b) noexcept {
    return a.entry_ != b.entry_;
  }
  /// Orders by text (deterministic whatever the interning order).
  friend bool operator<(interned_string a, interned_string b) noexcept {
    return a.entry_ != b.entry_ && a.entry_->text < b.entry_->text;
  }
  /// Orders by text.
  friend bool operator>(interned_string a, interned_string b) noexcept { return b < a; }
  /// Orders by text.
  friend bool operator<=(interned_string a, interned_string b) noexcept { return !(b < a); }
  /// Orders by text.
  friend bool operator>=(interned_string a, interned_string b) noexcept { return !(a < b); }

  /// Compares with text (no interning).
  friend bool operator==(interned_string a, std::string_view b) noexcept { return a.view() == b; }
  /// Compares with text.
  friend bool operator==(std::string_view a, interned_string b) noexcept { return a == b.view(); }
  /// Compares with text.
  friend bool operator==(interned_string a, const std::string& b) noexcept { return a.str() == b; }
  /// Compares with text.
  friend bool operator==(const std::string& a, interned_string b) noexcept { return a == b.str(); }
  /// Compares with text.
  friend bool operator==(interned_string a, const char* b) noexcept { return a.view() == b; }
  /// Compares with text.
  friend bool operator==(const char* a, interned_string b) noexcept { return a == b.view(); }
  /// Compares with text.
  friend bool operator!=(interned_string a, std::string_view b) noexcept { return !(a == b); }
  /// Compares with text.
  friend bool operator!=(std::string_view a, interned_string b) noexcept { return !(a == b); }
  /// Compares with text.
  friend bool operator!=(interned_string a, const std::string& b) noexcept { return !(a == b); }
  /// Compares with text.
  friend bool operator!=(const std::string& a, interned_string b) noexcept { return !(a == b); }
  /// Compares with text.
  friend bool operator!=(interned_string a, const char* b) noexcept { return !(a == b); }
  /// Compares with text.
  friend bool operator!=(const char* a, interned_string b) noexcept { return !(a == b); }

  /// Returns the text followed by `b`.
  friend std::string operator+(interned_string a, std::string_view b) {
    std::string out{a.view()};
    out += b;
    return out;
  }
  /// Returns `a` followed by the text.
  friend std::string operator+(std::string_view a, interned_string b) {
    std::string out{a};
    out += b.view();
    return out;
  }

private:
  struct entry {
    std::string text;
    std::uint32_t index;
  };
  [[nodiscard]] static const entry* intern(std::string_view text);
  static inline const entry empty_entry_{};
  const entry* entry_;

  friend struct std::hash<interned_string>;
};

/// Writes the text.
std::ostream& operator<<(std::ostream& out, interned_string name);

/// An instrument's symbol (on a venue, or an instrument name across venues).
using symbol_id = interned_string;
/// A venue's name.
using venue_id = interned_string;

} // namespace bourse

/// Hashes the handle (the same name always hashes the same within a process; never iterate an
/// unordered container of handles where the order matters).
namespace std {
template <>
struct hash<bourse::interned_string> {
  /// Returns the hash.
  std::size_t operator()(bourse::interned_string name) const noexcept {
    return std::hash<const void*>{}(name.entry_);
  }
};
} // namespace std
