// Shows that every indicator matches TA-Lib's output (generated from TA-Lib's C code compiled to
// WebAssembly, see tests/data/talib/README.md) to 1e-9 with the same first defined row, on an
// ordinary 300-bar series and on edge series (flat, zero volume, gaps and spikes), apart from
// the documented 0/0 rules, which are checked on the rows where they apply.
#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "reference_data.hpp"

using namespace bourse::indicators::testing;

namespace {

/// Rows [first, last] of a column where our documented rule gives `value` instead of TA-Lib's.
struct rule_rows {
  std::string column;
  std::size_t first;
  std::size_t last;
  double value;
};

/// Rows [first, last] of a column whose window mixes rule rows and ordinary rows (skipped).
struct mixed_rows {
  std::string column;
  std::size_t first;
  std::size_t last;
};

struct comparison {
  std::size_t compared = 0;
  double worst_relative = 0.0;
};

bool in(std::size_t row, std::size_t first, std::size_t last) {
  return row >= first && row <= last;
}

// Compares every column of `<name>_talib.csv` with our indicators on `<name>.csv`.
comparison compare_file(const std::string& name, const std::vector<rule_rows>& rules,
                        const std::vector<mixed_rows>& mixed) {
  auto bars = read_bars(talib_file(name + ".csv"));
  auto reference = read_reference(talib_file(name + "_talib.csv"));
  comparison result;
  for (const auto& [output, expected] : reference) {
    column ours = run_output(output, bars);
    REQUIRE(ours.size() == expected.size());
    for (std::size_t row = 0; row < ours.size(); ++row) {
      CAPTURE(name);
      CAPTURE(output);
      CAPTURE(row);
      // The same first defined row as TA-Lib (VWAP's reference follows our definition).
      REQUIRE(ours[row].has_value() == expected[row].has_value());
      if (!ours[row])
        continue;
      bool skipped = false;
      for (const auto& r : rules)
        if (r.column == output && in(row, r.first, r.last)) {
          CHECK(*ours[row] == r.value);
          skipped = true;
        }
      for (const auto& m : mixed)
        if (m.column == output && in(row, m.first, m.last))
          skipped = true;
      if (skipped)
        continue;
      CHECK_MESSAGE(close_enough(*ours[row], *expected[row]),
                    "ours " << *ours[row] << " TA-Lib " << *expected[row]);
      ++result.compared;
      if (std::fabs(*expected[row]) >= 1e-6) {
        double relative = std::fabs(*ours[row] - *expected[row]) / std::fabs(*expected[row]);
        if (relative > result.worst_relative)
          result.worst_relative = relative;
      }
    }
  }
  return result;
}

} // namespace

TEST_CASE("every indicator matches TA-Lib on an ordinary 300-bar series") {
  comparison result = compare_file("ohlcv", {}, {});
  MESSAGE("values compared: " << result.compared
                              << ", worst relative difference: " << result.worst_relative);
  CHECK(result.compared > 8000);
}

TEST_CASE("on a flat series indicators match TA-Lib except where a 0/0 rule applies") {
  // flat.csv: rows 0-39 flat at 100, rows 40-99 moving, rows 100-139 flat at the last close.
  std::vector<rule_rows> rules = {
      {"rsi:5", 5, 39, 50.0},        // no gain and no loss since the start; TA-Lib: 0
      {"willr:5", 4, 39, -50.0},     // zero range; TA-Lib: 0
      {"willr:5", 104, 139, -50.0},  //
      {"stochf:5:3.k", 4, 39, 50.0}, // zero range; TA-Lib: 0
      {"stochf:5:3.k", 104, 139, 50.0},
      {"stochf:5:3.d", 6, 39, 50.0},
      {"stochf:5:3.d", 106, 139, 50.0},
      {"stoch:5:3:3.k", 8, 39, 50.0},
      {"stoch:5:3:3.k", 108, 139, 50.0},
      {"stoch:5:3:3.d", 8, 39, 50.0},
      {"stoch:5:3:3.d", 108, 139, 50.0},
      {"mfi:5", 5, 39, 50.0}, // no money flow in the window; TA-Lib: 0
      {"mfi:5", 105, 139, 50.0},
      {"stddev:5", 4, 39, 0.0}, // flat window: exactly 0 (TA-Lib agrees here)
      {"stddev:5", 104, 139, 0.0},
      {"cci:5", 4, 39, 0.0}, // zero mean deviation: 0 (TA-Lib agrees)
      {"cci:5", 104, 139, 0.0},
  };
  std::vector<mixed_rows> mixed = {
      {"stochf:5:3.d", 40, 41},  {"stochf:5:3.d", 104, 105},  {"stoch:5:3:3.k", 40, 41},
      {"stoch:5:3:3.d", 40, 43}, {"stoch:5:3:3.k", 104, 107}, {"stoch:5:3:3.d", 104, 107},
  };
  comparison result = compare_file("flat", rules, mixed);
  MESSAGE("values compared: " << result.compared
                              << ", worst relative difference: " << result.worst_relative);
  CHECK(result.compared > 2000);
}

TEST_CASE("with zero volume indicators match TA-Lib except where the MFI 0/0 rule applies") {
  // zero_volume.csv: volume 0 on rows 0-9 and 50-79; VWAP is undefined until row 10.
  std::vector<rule_rows> rules = {
      {"mfi:5", 5, 9, 50.0}, // no money flow in the window; TA-Lib: 0
      {"mfi:5", 54, 79, 50.0},
  };
  comparison result = compare_file("zero_volume", rules, {});
  MESSAGE("values compared: " << result.compared
                              << ", worst relative difference: " << result.worst_relative);
  CHECK(result.compared > 2000);
}

TEST_CASE("with opening gaps, spikes, zero-range bars and a crash indicators match TA-Lib") {
  comparison result = compare_file("gaps_spikes", {}, {});
  MESSAGE("values compared: " << result.compared
                              << ", worst relative difference: " << result.worst_relative);
  CHECK(result.compared > 2000);
}
