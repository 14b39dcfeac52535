#pragma once
// Helpers shared by the market tests: read a whole CSV text with a reader and collect what it gave.

#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "bourse/market/bar_reader.hpp"
#include "bourse/market/csv.hpp"

namespace bourse::test {

/// What a reader returned for one input: the good records, the stop error and the skipped errors.
template <class Record> struct read_result {
  std::vector<Record> records;
  std::optional<std::string> error;
  std::size_t skipped = 0;
  std::vector<std::string> skipped_errors;
};

/// Reads every record of `text` (named `name` in errors) with a Reader.
template <class Reader, class Record>
read_result<Record> read_all(const std::string& text, csv_options options = {},
                             const std::string& name = "in.csv") {
  std::istringstream in(text);
  Reader reader(in, name, options);
  read_result<Record> result;
  Record record;
  while (reader.next(record))
    result.records.push_back(record);
  if (reader.error())
    result.error = reader.error()->to_string();
  result.skipped = reader.skipped();
  for (const auto& e : reader.skipped_errors())
    result.skipped_errors.push_back(e.to_string());
  return result;
}

/// Reads every bar of `text`.
inline read_result<bar> read_bars(const std::string& text, csv_options options = {}) {
  return read_all<bar_reader, bar>(text, options);
}

/// Returns the price `text` (which must parse).
inline price px(const char* text) {
  return *price::parse(text);
}
/// Returns the quantity `text` (which must parse).
inline quantity qty(const char* text) {
  return *quantity::parse(text);
}

/// Returns csv_options with the skip policy.
inline csv_options skip_options(std::size_t kept = 20) {
  csv_options o;
  o.on_bad_row = bad_row_policy::skip;
  o.max_kept_errors = kept;
  return o;
}

} // namespace bourse::test
