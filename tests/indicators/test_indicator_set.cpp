// Shows how an indicator_set is built spec by spec (what the indicator actor and the indicator pool
// do): add() takes a good spec in at the end with its output names, and refuses a bad one with an
// error naming it, leaving the set as it was.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "bourse/indicators/indicator_set.hpp"

using namespace bourse;
using namespace bourse::indicators;

TEST_CASE("indicator_set add takes good specs with their output names and names a bad spec") {
  indicator_set set{symbol_id{"AAA"}};
  CHECK(set.symbol().str() == "AAA");
  CHECK(set.size() == 0);

  SUBCASE("good specs are added in order with their output names") {
    CHECK(set.add("sma:3").empty());
    CHECK(set.add("macd:12:26:9").empty());
    CHECK(set.add("bbands:20:2").empty());
    REQUIRE(set.size() == 3);
    CHECK(set.output_names(0)[0].str() == "sma:3");
    CHECK(set.output_names(0)[1].empty());
    CHECK(set.output_names(1)[0].str() == "macd:12:26:9.macd");
    CHECK(set.output_names(1)[1].str() == "macd:12:26:9.signal");
    CHECK(set.output_names(1)[2].str() == "macd:12:26:9.hist");
    CHECK(set.output_names(2)[0].str() == "bbands:20:2.upper");
    CHECK(set.output_names(2)[2].str() == "bbands:20:2.lower");
  }

  SUBCASE("a bad spec is refused with an error naming it and the set stays as it was") {
    CHECK(set.add("rsi:5").empty());
    const auto unknown = set.add("nonsense:1");
    CHECK(unknown.find("nonsense:1") != std::string::npos);
    const auto bad_period = set.add("sma:zero");
    CHECK(bad_period.find("sma:zero") != std::string::npos);
    CHECK(set.size() == 1);
    CHECK(set.output_names(0)[0].str() == "rsi:5");
  }

  SUBCASE("the constructor from a list reports the same errors as add") {
    std::vector<std::string> errors;
    indicator_set listed{symbol_id{"BBB"}, {"ema:4", "nonsense:1", "rsi:5"}, errors};
    REQUIRE(errors.size() == 1);
    CHECK(errors[0] == indicator_set{symbol_id{"BBB"}}.add("nonsense:1"));
    REQUIRE(listed.size() == 2);
    CHECK(listed.output_names(1)[0].str() == "rsi:5");
  }
}
