// Shows that every numeric option of every tool is read strictly (issue 8, item 3): a fraction
// where a whole number is expected, hex, exponents, inf, nan, a leading space, a sign and values
// out of range are usage errors (exit 2) naming the option and the value, never a surprise run. One
// table over all tools; the values each option does accept are shown by the tools' own tests.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "cli_kit.hpp"

namespace {

using namespace cli_kit;

// One numeric option: the tool, what comes before it, how the option is written (the value is
// appended, shell-quoted) and the values it must refuse.
struct numeric_option {
  std::string tool;
  std::string before;
  std::string option;
  std::vector<std::string> refused;
};

const std::vector<std::string> not_whole{
    "1.5", "0x10", "1e3", "inf", "nan", " 5", "+5", "-1", "", "5 ", "99999999999999999999999"};
const std::vector<std::string> not_decimal{"0x10", "1e30", "inf", "nan", " 5",
                                           "+5",   "",     "1.",  "5 ",  ".5"};

std::vector<std::string> plus(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

std::vector<numeric_option> table() {
  const std::string runner = "--no-progress --out out ";
  return {
      {"bourse-gen", "bars --count 3 ", "--seed", not_whole},
      {"bourse-gen", "bars ", "--count", plus(not_whole, {"1000000000001"})},
      {"bourse-gen", "bars --count 3 ", "--steps", plus(not_whole, {"100001"})},
      {"bourse-gen",
       "bars --count 3 ",
       "--interval",
       {"1.5d", "0x10m", "1e3s", "-1d", " 5m", "0s"}},
      {"bourse-gen", "bars --count 3 ", "--price", plus(not_decimal, {"-1", "1e16"})},
      {"bourse-gen", "bars --count 3 ", "--drift", plus(not_decimal, {"10.5", "-11"})},
      {"bourse-gen", "bars --count 3 ", "--volatility", plus(not_decimal, {"-0.1", "11"})},
      {"bourse-gen", "bars --count 3 ", "--bars-per-year", plus(not_decimal, {"-252"})},
      {"bourse-gen", "bars --count 3 ", "--volume", plus(not_decimal, {"-1"})},
      {"bourse-gen", "bars --count 3 ", "--tick", {"0x10", "inf", "nan", " 5", "-0.01", "0", ""}},
      {"bourse-gen", "bars --count 3 ", "--lot", {"0x10", "inf", "nan", " 5", "-1", "0", ""}},
      {"bourse-gen", "ticks --count 3 ", "--trade-probability", plus(not_decimal, {"1.5", "-0.5"})},
      {"bourse-gen",
       "ticks --count 3 ",
       "--symbol",
       {"X:0.01:1:inf", "X:0.01:1:0x10", "X:0.01:1:50:nan", "X:0.01:1:50:0.3:1e3"}},
      {"bourse-book", "", "--tick", {"0x10", "1e30", "inf", "nan", " 5", "-1", "0", ""}},
      {"bourse-book", "", "--lot", {"0x10", "1e30", "inf", "nan", " 5", "-1", "0", ""}},
      {"bourse-ta",
       "--input x.csv --indicator ",
       "sma:",
       {"1.5", "0x10", "1e30", "inf", "nan", "-1", "0", "99999999999999999999999"}},
      {"bourse-demo", runner, "--threads", plus(not_whole, {"0", "257"})},
      {"bourse-demo", runner, "--speed", plus(not_decimal, {"0", "-1", "1e16"})},
      {"bourse-demo", runner, "--seed", not_whole},
      {"bourse-demo", runner, "--ticks", not_whole},
      {"bourse-demo", runner, "--scheduler.max-threads=", {"0", "257", "-1", "abc"}},
      {"bourse-backtest", runner, "--threads", plus(not_whole, {"0", "257"})},
      {"bourse-backtest", runner, "--speed", plus(not_decimal, {"0", "-1"})},
  };
}

} // namespace

TEST_CASE(
    "every numeric option of every tool refuses malformed and out-of-range values with exit 2") {
  temp_dir dir;
  for (const auto& o : table()) {
    for (const auto& value : o.refused) {
      // "--opt VALUE", or "--opt=VALUE"/"sma:VALUE" glued when the option ends with = or :.
      const char last = o.option.back();
      const bool glued = last == '=' || last == ':';
      const std::string args =
          o.before + (glued ? quote(o.option + value) : o.option + " " + quote(value));
      CAPTURE(o.tool);
      CAPTURE(args);
      auto r = dir.run(o.tool, args);
      CHECK(r.code == 2);
      CHECK(r.out.empty());
      CHECK(r.err.rfind(o.tool + ": ", 0) == 0);
      std::string name = glued ? o.option.substr(0, o.option.size() - 1) : o.option;
      if (name.rfind("--", 0) == 0)
        name = name.substr(2); // CAF's options are named without dashes

      CHECK(contains(r.err, name));
      if (!value.empty() && value.find(':') == std::string::npos)
        CHECK(contains(r.err, value));
    }
  }
}

TEST_CASE("bourse-gen refuses counts whose timestamps would pass the int64 range with exit 2") {
  temp_dir dir;
  SUBCASE("bars: count times interval past 2262") {
    auto r = dir.run("bourse-gen", "bars --count 1000000000 --interval 1d");
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(contains(r.err, "--count 1000000000"));
    CHECK(contains(r.err, "2262"));
  }
  SUBCASE("bars: a start near the end of the range") {
    auto r = dir.run("bourse-gen", "bars --count 10 --interval 1d --start 2262-04-05");
    CHECK(r.code == 2);
    CHECK(contains(r.err, "--start 2262-04-05"));
  }
  SUBCASE("ticks: events at the given rates past 2262") {
    auto r = dir.run("bourse-gen", "ticks --count 1000000000000 --symbol X:0.01:1:50:0.3:0.001");
    CHECK(r.code == 2);
    CHECK(contains(r.err, "--count 1000000000000"));
  }
  SUBCASE("counts that fit still run") {
    auto r = dir.run("bourse-gen", "bars --count 3 --interval 1d --start 2262-01-01");
    CHECK(r.code == 0);
    CHECK(line_count(r.out) == 4);
  }
}
