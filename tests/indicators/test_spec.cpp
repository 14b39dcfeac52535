// Shows that indicator specs parse into the right indicator with the right output names, and that
// every kind of bad spec is refused with a message naming the spec and the problem.
#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "bourse/indicators/indicator.hpp"
#include "bourse/indicators/spec.hpp"

using namespace bourse::indicators;

namespace {

std::vector<std::string> names_of(const char* spec) {
  auto made = make_indicator(spec);
  REQUIRE_MESSAGE(made, made.error);
  return made.value->output_names();
}

std::string error_of(const char* spec) {
  auto parsed = parse_indicator_spec(spec);
  CHECK_FALSE(parsed);
  auto made = make_indicator(spec);
  CHECK_FALSE(made);
  CHECK(made.error == parsed.error);
  return parsed.error;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("valid specs parse into kind, periods and K") {
  auto sma = parse_indicator_spec("sma:20");
  REQUIRE(sma);
  CHECK(sma.spec->kind == indicator_kind::sma);
  CHECK(sma.spec->periods[0] == 20);
  CHECK(sma.spec->text == "sma:20");

  auto macd = parse_indicator_spec("macd:12:26:9");
  REQUIRE(macd);
  CHECK(macd.spec->kind == indicator_kind::macd);
  CHECK(macd.spec->periods == std::array<int, 3>{12, 26, 9});

  auto bands = parse_indicator_spec("bbands:20:2.5");
  REQUIRE(bands);
  CHECK(bands.spec->periods[0] == 20);
  CHECK(bands.spec->deviations == 2.5);

  SUBCASE("names are case-insensitive and the text is kept as written, trimmed") {
    auto rsi = parse_indicator_spec("  RSI:14 ");
    REQUIRE(rsi);
    CHECK(rsi.spec->kind == indicator_kind::rsi);
    CHECK(rsi.spec->text == "RSI:14");
  }
  SUBCASE("parameterless kinds") {
    CHECK(parse_indicator_spec("trange").spec->kind == indicator_kind::trange);
    CHECK(parse_indicator_spec("obv").spec->kind == indicator_kind::obv);
    CHECK(parse_indicator_spec("vwap").spec->kind == indicator_kind::vwap);
  }
  SUBCASE("TA-Lib's smallest periods are accepted") {
    for (const char* spec : {"atr:1", "roc:1", "mom:1", "stoch:1:1:1", "stochf:1:1", "sma:2",
                             "macd:2:2:1", "bbands:2:0.5", "sma:100000"})
      CHECK_MESSAGE(parse_indicator_spec(spec), spec);
  }
}

TEST_CASE("outputs are named after the spec, with a part suffix for multi-output indicators") {
  CHECK(names_of("rsi:14") == std::vector<std::string>{"rsi:14"});
  CHECK(names_of("vwap") == std::vector<std::string>{"vwap"});
  CHECK(names_of("macd:12:26:9") ==
        std::vector<std::string>{"macd:12:26:9.macd", "macd:12:26:9.signal", "macd:12:26:9.hist"});
  CHECK(names_of("bbands:20:2") ==
        std::vector<std::string>{"bbands:20:2.upper", "bbands:20:2.middle", "bbands:20:2.lower"});
  CHECK(names_of("stoch:14:3:3") == std::vector<std::string>{"stoch:14:3:3.k", "stoch:14:3:3.d"});
  CHECK(names_of("stochf:14:3") == std::vector<std::string>{"stochf:14:3.k", "stochf:14:3.d"});
  CHECK(to_string(indicator_kind::stochf) == "stochf");
}

TEST_CASE("bad specs are refused with a message naming the spec and the problem") {
  SUBCASE("unknown or empty name") {
    auto e = error_of("foo:3");
    CHECK(contains(e, "indicator spec 'foo:3'"));
    CHECK(contains(e, "unknown indicator 'foo'"));
    CHECK(contains(e, "sma:N"));
    CHECK(contains(error_of(""), "empty spec"));
    CHECK(contains(error_of(":14"), "unknown indicator ''"));
  }
  SUBCASE("wrong number of parameters") {
    CHECK(contains(error_of("rsi"), "rsi takes 1 parameter (rsi:N), got 0"));
    CHECK(contains(error_of("rsi:14:2"), "rsi takes 1 parameter (rsi:N), got 2"));
    CHECK(contains(error_of("macd:12:26"), "macd takes 3 parameters (macd:F:S:G), got 2"));
    CHECK(contains(error_of("bbands:20"), "bbands takes 2 parameters (bbands:N:K), got 1"));
    CHECK(contains(error_of("trange:5"), "trange takes no parameters, got 1"));
  }
  SUBCASE("periods that are not positive integers") {
    CHECK(contains(error_of("sma:x"), "period N is not a number: 'x'"));
    CHECK(contains(error_of("sma:14.5"), "period N must be a whole number, got '14.5'"));
    CHECK(contains(error_of("sma:0"), "period N must be a positive integer, got '0'"));
    CHECK(contains(error_of("sma:-3"), "period N must be a positive integer, got '-3'"));
    CHECK(contains(error_of("sma:"), "period N is missing"));
    CHECK(contains(error_of("macd:12:26:0"), "period G must be a positive integer, got '0'"));
    CHECK(contains(error_of("stoch:5:x:3"), "period SK is not a number: 'x'"));
  }
  SUBCASE("periods outside TA-Lib's range") {
    CHECK(contains(error_of("sma:1"), "period N must be at least 2 (TA-Lib's minimum), got '1'"));
    CHECK(contains(error_of("sma:100001"), "period N must be at most 100000, got '100001'"));
    CHECK(contains(error_of("ema:99999999999999999999"), "must be at most 100000"));
  }
  SUBCASE("Bollinger K that is not a positive number") {
    for (const char* spec : {"bbands:20:0", "bbands:20:-1", "bbands:20:abc", "bbands:20:nan",
                             "bbands:20:inf", "bbands:20:", "bbands:20:1e30", "bbands:20:2e0",
                             "bbands:20:0x10", "bbands:20:1001"}) {
      auto e = error_of(spec);
      CHECK(contains(e, std::string("indicator spec '") + spec + "'"));
      CHECK(contains(e, "K (band width in standard deviations)"));
    }
  }
}

TEST_CASE("a type-erased indicator gives the same values as the concrete class") {
  auto made = make_indicator("bbands:3:1.5");
  REQUIRE(made);
  indicator& bands = *made.value;
  CHECK(bands.lookback() == 2);
  const double closes[] = {10.0, 11.0, 12.0, 15.0};
  for (double c : closes) {
    CHECK(std::isnan(bands.value(0)) == !bands.ready());
    bands.update({c, c, c, c, 0.0});
  }
  // Last window 11, 12, 15: mean 38/3, deviations -5/3, -2/3, 7/3, population variance
  // (25 + 4 + 49) / 9 / 3 = 26/9, sigma sqrt(26) / 3.
  CHECK(bands.value(1) == doctest::Approx(38.0 / 3.0).epsilon(1e-15));
  CHECK(bands.value(0) == doctest::Approx(38.0 / 3.0 + 1.5 * std::sqrt(26.0) / 3.0).epsilon(1e-14));
  CHECK(bands.value(2) == doctest::Approx(38.0 / 3.0 - 1.5 * std::sqrt(26.0) / 3.0).epsilon(1e-14));
  CHECK(std::isnan(bands.value(3)));
}
