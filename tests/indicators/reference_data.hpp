#pragma once
// Test helpers: loads the OHLCV series and TA-Lib reference tables of tests/data/talib and runs
// indicators built from the reference column names over the bars.

#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "bourse/indicators/indicator.hpp"

namespace bourse::indicators::testing {

/// A CSV table as text cells: the header and the rows.
struct text_table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

/// Splits a line on commas (the test files have no quoting).
inline std::vector<std::string> split_line(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, ','))
    cells.push_back(cell);
  if (!line.empty() && line.back() == ',')
    cells.emplace_back();
  return cells;
}

/// Reads a CSV file; throws when it cannot be opened (a broken test setup, not a test result).
inline text_table read_table(const std::string& path) {
  std::ifstream in(path);
  if (!in)
    throw std::runtime_error("cannot open " + path);
  text_table table;
  std::string line;
  if (std::getline(in, line))
    table.header = split_line(line);
  while (std::getline(in, line))
    if (!line.empty())
      table.rows.push_back(split_line(line));
  return table;
}

/// Returns the path of a file in tests/data/talib.
inline std::string talib_file(const std::string& name) {
  return std::string(BOURSE_TEST_DATA_DIR) + "/talib/" + name;
}

/// Parses a number; unlike std::stod it accepts subnormal values (TA-Lib's output has some).
inline double to_double(const std::string& text) {
  return std::strtod(text.c_str(), nullptr);
}

/// Reads `ts,open,high,low,close,volume` bars.
inline std::vector<ohlcv> read_bars(const std::string& path) {
  std::vector<ohlcv> bars;
  for (const auto& row : read_table(path).rows)
    bars.push_back({to_double(row[1]), to_double(row[2]), to_double(row[3]), to_double(row[4]),
                    to_double(row[5])});
  return bars;
}

/// One column of values, empty before the first defined row.
using column = std::vector<std::optional<double>>;

/// Reads a reference table into named columns (the `ts` column is left out).
inline std::map<std::string, column> read_reference(const std::string& path) {
  text_table table = read_table(path);
  std::map<std::string, column> columns;
  for (std::size_t c = 1; c < table.header.size(); ++c) {
    column values;
    for (const auto& row : table.rows)
      values.push_back(row[c].empty() ? std::nullopt : std::optional<double>(to_double(row[c])));
    columns[table.header[c]] = values;
  }
  return columns;
}

/// Returns the spec part of an output name ("macd:12:26:9" for "macd:12:26:9.hist").
inline std::string spec_of(const std::string& output) {
  static const char* parts[] = {".macd",   ".signal", ".hist", ".upper",
                                ".middle", ".lower",  ".k",    ".d"};
  for (const char* part : parts) {
    std::string suffix(part);
    if (output.size() > suffix.size() &&
        output.compare(output.size() - suffix.size(), suffix.size(), suffix) == 0)
      return output.substr(0, output.size() - suffix.size());
  }
  return output;
}

/// Runs the indicator named by output column `output` over the bars; returns its values.
inline column run_output(const std::string& output, const std::vector<ohlcv>& bars) {
  auto made = make_indicator(spec_of(output));
  if (!made)
    throw std::runtime_error(made.error);
  indicator& ind = *made.value;
  std::size_t index = ind.output_count();
  for (std::size_t i = 0; i < ind.output_count(); ++i)
    if (ind.output_names()[i] == output)
      index = i;
  if (index == ind.output_count())
    throw std::runtime_error("no output named " + output);
  column values;
  for (const auto& bar : bars) {
    ind.update(bar);
    values.push_back(ind.ready() ? std::optional<double>(ind.value(index)) : std::nullopt);
  }
  return values;
}

/// The comparison used against TA-Lib: 1e-9 relative, or 1e-9 absolute for values below 1 in
/// size (where TA-Lib's own cancellation error is absolute, e.g. a MACD histogram near 0).
inline bool close_enough(double ours, double reference) {
  return std::fabs(ours - reference) <= 1e-9 * std::fmax(1.0, std::fabs(reference));
}

} // namespace bourse::indicators::testing
