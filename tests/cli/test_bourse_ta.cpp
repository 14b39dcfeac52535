// Shows what bourse-ta prints: the ts column exactly as in the input, one column per indicator
// output named by its spec, empty cells before a value is defined, values that match TA-Lib's
// reference outputs, and a clear message with a non-zero exit for bad specs, bad rows, missing
// files and bad options.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli_kit.hpp"

namespace {

using namespace cli_kit;

/// Runs bourse-ta with `args` (already quoted where needed), capturing stdout and stderr.
run_result bourse_ta(const temp_dir& dir, const std::string& args) {
  return dir.run("bourse-ta", args);
}

std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    std::vector<std::string> cells;
    std::string cell;
    std::istringstream in(line);
    while (std::getline(in, cell, ','))
      cells.push_back(cell);
    if (!line.empty() && line.back() == ',')
      cells.emplace_back();
    rows.push_back(cells);
  }
  return rows;
}


const std::string small_bars = "Date,Close,High,Low,Open,Volume\n"
                               "2024-01-02 09:30:00,10,11,9,10,100\n"
                               "2024-01-02 09:31:00,12,13,11,11,300\n"
                               "2024-01-02 09:32:00,11,12,10,12,200\n"
                               "2024-01-02 09:33:00,15,16,14,14,400\n";

} // namespace

TEST_CASE("bourse-ta passes ts through and leaves cells empty until a value is defined") {
  temp_dir dir;
  auto input = dir.write("bars.csv", small_bars);
  auto r = bourse_ta(dir, "--input " + quote(input.string()) +
                              " --indicator sma:2 --indicator mom:1 --indicator obv");
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  // SMA(2) of 10, 12, 11, 15; momentum over one bar; OBV from the first volume.
  CHECK(r.out == "ts,sma:2,mom:1,obv\n"
                 "2024-01-02 09:30:00,,,100\n"
                 "2024-01-02 09:31:00,11,2,400\n"
                 "2024-01-02 09:32:00,11.5,-1,200\n"
                 "2024-01-02 09:33:00,13,4,600\n");

  SUBCASE("--output writes the same CSV to a file and nothing to stdout") {
    auto file = dir.path / "out.csv";
    auto w =
        bourse_ta(dir, "--input " + quote(input.string()) + " --indicator=sma:2" +
                           " --indicator mom:1 --indicator obv --output " + quote(file.string()));
    CHECK(w.code == 0);
    CHECK(w.out.empty());
    CHECK(slurp(file) == r.out);
  }
  SUBCASE("multi-output indicators get one column per part, named SPEC.PART") {
    auto m = bourse_ta(dir, "--input " + quote(input.string()) +
                                " --indicator macd:2:3:1 --indicator bbands:2:2" +
                                " --indicator stoch:2:1:1 --indicator stochf:2:1");
    CHECK(m.code == 0);
    auto rows = parse_csv(m.out);
    REQUIRE(rows.size() == 5);
    CHECK(rows[0] == std::vector<std::string>{
                         "ts", "macd:2:3:1.macd", "macd:2:3:1.signal", "macd:2:3:1.hist",
                         "bbands:2:2.upper", "bbands:2:2.middle", "bbands:2:2.lower",
                         "stoch:2:1:1.k", "stoch:2:1:1.d", "stochf:2:1.k", "stochf:2:1.d"});
    // Row 2 of 10, 12, 11: bands at 11.5 +- 2 * 0.5; MACD starts on row 2 (lookback 2).
    CHECK(rows[3][4] == "12.5");
    CHECK(rows[3][5] == "11.5");
    CHECK(rows[3][6] == "10.5");
    CHECK(rows[2][1].empty());
    CHECK_FALSE(rows[3][1].empty());
  }
}

TEST_CASE("bourse-ta output matches TA-Lib's reference values on the ordinary series") {
  temp_dir dir;
  std::string data = std::string(BOURSE_TEST_DATA_DIR) + "/talib/";
  auto reference = parse_csv(slurp(data + "ohlcv_talib.csv"));
  REQUIRE(reference.size() == 301);
  std::string args = "--input " + quote(data + "ohlcv.csv");
  std::string last_spec;
  for (std::size_t c = 1; c < reference[0].size(); ++c) {
    std::string name = reference[0][c];
    std::string spec = name;
    for (const char* part :
         {".macd", ".signal", ".hist", ".upper", ".middle", ".lower", ".k", ".d"}) {
      std::string suffix(part);
      if (name.size() > suffix.size() &&
          name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
        spec = name.substr(0, name.size() - suffix.size());
    }
    if (spec != last_spec)
      args += " --indicator " + spec;
    last_spec = spec;
  }
  auto r = bourse_ta(dir, args);
  REQUIRE(r.code == 0);
  auto rows = parse_csv(r.out);
  REQUIRE(rows.size() == reference.size());
  CHECK(rows[0] == reference[0]);
  for (std::size_t row = 1; row < rows.size(); ++row) {
    REQUIRE(rows[row].size() == reference[row].size());
    CHECK(rows[row][0] == reference[row][0]);
    for (std::size_t c = 1; c < rows[row].size(); ++c) {
      const std::string& ours = rows[row][c];
      const std::string& ref = reference[row][c];
      CAPTURE(row);
      CAPTURE(reference[0][c]);
      REQUIRE(ours.empty() == ref.empty());
      if (ours.empty())
        continue;
      double a = std::strtod(ours.c_str(), nullptr);
      double b = std::strtod(ref.c_str(), nullptr);
      CHECK(std::fabs(a - b) <= 1e-9 * std::fmax(1.0, std::fabs(b)));
      // 17 significant digits: the text reads back to the same double.
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "%.17g", a);
      CHECK(ours == buffer);
    }
  }
}

TEST_CASE("bourse-ta refuses bad specs, bad rows, missing files and bad options") {
  temp_dir dir;
  auto input = dir.write("bars.csv", small_bars);
  std::string in = " --input " + quote(input.string());

  SUBCASE("an unknown spec names the spec") {
    auto r = bourse_ta(dir, in + " --indicator sma:2 --indicator foo:3");
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(contains(r.err, "indicator spec 'foo:3': unknown indicator 'foo'"));
  }
  SUBCASE("a bad period names the spec and the reason") {
    auto r = bourse_ta(dir, in + " --indicator bbands:20:zero");
    CHECK(r.code == 2);
    CHECK(contains(r.err, "indicator spec 'bbands:20:zero': K (band width in standard "
                          "deviations) must be a positive number"));
  }
  SUBCASE("a bad row stops with file:line: column: reason") {
    auto bad = dir.write("bad.csv", "ts,open,high,low,close\n"
                                    "1704186000,10,11,9,10\n"
                                    "1704186060,10,11,9,ten\n"
                                    "1704186120,10,11,9,10\n");
    auto r = bourse_ta(dir, "--input " + quote(bad.string()) + " --indicator sma:2");
    CHECK(r.code == 1);
    CHECK(contains(r.err, bad.string() + ":3: close:"));
    CHECK(r.out == "ts,sma:2\n1704186000,\n"); // rows before the bad one were written

    SUBCASE("--skip-bad-rows skips it and reports the count and the place") {
      auto s = bourse_ta(dir, "--input " + quote(bad.string()) +
                                  " --indicator sma:2 --skip-bad-rows --ts-unit s");
      CHECK(s.code == 0);
      CHECK(s.out == "ts,sma:2\n1704186000,\n1704186120,10\n");
      CHECK(contains(s.err, "skipped 1 bad row"));
      CHECK(contains(s.err, bad.string() + ":3: close:"));
    }
  }
  SUBCASE("a missing file is named") {
    auto missing = (dir.path / "missing.csv").string();
    auto r = bourse_ta(dir, "--input " + quote(missing) + " --indicator sma:2");
    CHECK(r.code == 1);
    CHECK(r.out.empty());
    CHECK(contains(r.err, missing));
  }
  SUBCASE("missing or unknown options are named, with a pointer to --help") {
    auto r = bourse_ta(dir, "--indicator sma:2");
    CHECK(r.code == 2);
    CHECK(r.err == "bourse-ta: --input FILE is required\nTry 'bourse-ta --help'.\n");
    CHECK(bourse_ta(dir, in).code == 2);
    CHECK(contains(bourse_ta(dir, in + " --indicator sma:2 --colour red").err,
                   "unknown argument '--colour'"));
    CHECK(contains(bourse_ta(dir, in + " --indicator sma:2 --ts-unit days").err,
                   "--ts-unit must be detect, s, ms, us or ns, got 'days'"));
  }
  SUBCASE("--help prints the usage and the spec syntax") {
    auto r = bourse_ta(dir, "--help");
    CHECK(r.code == 0);
    CHECK(contains(r.out, "usage: bourse-ta"));
    CHECK(contains(r.out, "stoch:FK:SK:SD"));
  }
}
