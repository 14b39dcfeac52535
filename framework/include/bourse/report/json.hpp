#pragma once
// A small streaming JSON writer (indented, deterministic, locale-independent) and the statistics
// as a JSON object, for stats.json. docs/report.md has the schema.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bourse/core/fixed_point.hpp"
#include "bourse/report/statistics.hpp"

namespace bourse::report {

/// Returns `text` as a JSON string literal: quoted, with ", \ and control characters escaped.
[[nodiscard]] std::string json_quote(std::string_view text);

/// Writes JSON into a string: objects and arrays indented by two spaces, keys in the order given,
/// doubles in their shortest round-trip form (non-finite ones as null), fixed-point values exact.
/// The caller pairs begin/end calls; a key goes before every value inside an object.
class json_writer {
public:
  /// Writes into `out` (appending).
  explicit json_writer(std::string& out) : out_(out) {}

  /// Opens an object.
  json_writer& begin_object();
  /// Closes the innermost object.
  json_writer& end_object();
  /// Opens an array.
  json_writer& begin_array();
  /// Closes the innermost array.
  json_writer& end_array();
  /// Writes the key of the next value.
  json_writer& key(std::string_view name);
  /// Writes a string.
  json_writer& value(std::string_view text);
  /// Writes a string.
  json_writer& value(const char* text) { return value(std::string_view(text)); }
  /// Writes a string.
  json_writer& value(const std::string& text) { return value(std::string_view(text)); }
  /// Writes a number (null when not finite).
  json_writer& value(double number);
  /// Writes a number or null.
  json_writer& value(const std::optional<double>& number);
  /// Writes an integer.
  json_writer& value(std::int64_t number);
  /// Writes an integer.
  json_writer& value(std::uint64_t number);
  /// Writes an integer.
  json_writer& value(int number) { return value(static_cast<std::int64_t>(number)); }
  /// Writes an integer.
  json_writer& value(unsigned number) { return value(static_cast<std::uint64_t>(number)); }
  /// Writes true or false.
  json_writer& value(bool flag);
  /// Writes a fixed-point value as an exact decimal number ("12.50").
  template <class Tag>
  json_writer& value(const fixed<Tag>& number) {
    return raw(number.to_string());
  }
  /// Writes null.
  json_writer& null() { return raw("null"); }
  /// Writes an ISO-8601 time string, or null for nullopt.
  json_writer& time(const std::optional<timestamp>& ts);

private:
  json_writer& raw(std::string_view text);
  void before_value();
  void newline();

  std::string& out_;
  std::vector<bool> first_; // per open container: nothing written in it yet
  bool after_key_ = false;
};

/// Writes `s` as one JSON object (every field of statistics; nullopt ratios as null; money exact;
/// times as ISO-8601 strings).
void write_statistics_json(json_writer& json, const statistics& s);

} // namespace bourse::report
