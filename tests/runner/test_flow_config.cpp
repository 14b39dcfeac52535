// Shows the run configuration's backpressure and metrics keys: run.market_data and run.buffer set
// the strategies' default flow policy, a [[strategy]] may set its own (and its keys are not taken
// for strategy parameters), run.metrics turns metrics on, and bad values name their line and key.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "bourse/actors/builder/runner.hpp"

using namespace bourse;

namespace {

const std::string body = "[[data]]\ntype = \"synthetic\"\nbars = 10\n"
                         "symbols = [{ symbol = \"X\" }]\n"
                         "[[instrument]]\nsymbol = \"X\"\ntick = \"0.01\"\nlot = \"1\"\n"
                         "[[venue]]\nname = \"V\"\ninstruments = [\"X\"]\n";

run_plan parse(const std::string& text, std::vector<config_problem>& problems) {
  return parse_run_config(text, "f.toml", {}, problems);
}

bool mentions(const std::vector<config_problem>& problems, const std::string& key,
              const std::string& part) {
  return std::any_of(problems.begin(), problems.end(), [&](const config_problem& p) {
    return p.where.key == key && p.message.find(part) != std::string::npos;
  });
}

} // namespace

TEST_CASE("run.market_data sets the default flow policy and a strategy may set its own") {
  std::vector<config_problem> problems;
  auto plan = parse("[run]\nmode = \"paper\"\nmarket_data = \"buffer\"\nbuffer = 32\nmetrics = true\n" +
                        body +
                        "[[strategy]]\ntype = \"sma_cross\"\nid = \"a\"\n"
                        "[[strategy]]\ntype = \"sma_cross\"\nid = \"b\"\nmarket_data = \"conflate\"\n"
                        "[[strategy]]\ntype = \"sma_cross\"\nid = \"c\"\nbuffer = 8\n",
                    problems);
  for (const auto& p : problems)
    MESSAGE(p.to_string());
  REQUIRE(problems.empty());
  CHECK(plan.metrics);
  CHECK(plan.market_data.mode == flow_mode::buffer);
  CHECK(plan.market_data.buffer == 32);
  const auto& s = plan.scenarios.at(0).strategies;
  REQUIRE(s.size() == 3);
  CHECK_FALSE(s[0].market_data.has_value());
  REQUIRE(s[1].market_data.has_value());
  CHECK(s[1].market_data->mode == flow_mode::conflate);
  REQUIRE(s[2].market_data.has_value());
  CHECK(s[2].market_data->mode == flow_mode::unbounded); // its own table's mode (default)
  CHECK(s[2].market_data->buffer == 8);
  CHECK(s[1].params.find("market_data") == std::string::npos); // not a strategy parameter
}

TEST_CASE("the defaults are unbounded market data and no metrics") {
  std::vector<config_problem> problems;
  auto plan = parse(body + "[[strategy]]\ntype = \"sma_cross\"\n", problems);
  for (const auto& p : problems)
    MESSAGE(p.to_string());
  REQUIRE(problems.empty());
  CHECK_FALSE(plan.metrics);
  CHECK(plan.market_data.mode == flow_mode::unbounded);
}

TEST_CASE("bad market data policies name their key") {
  std::vector<config_problem> problems;
  (void)parse("[run]\nmarket_data = \"drop\"\nbuffer = 0\nmetrics = \"yes\"\n" + body +
                  "[[strategy]]\ntype = \"sma_cross\"\nmarket_data = 3\n",
              problems);
  CHECK(mentions(problems, "run.market_data", "must be \"unbounded\", \"conflate\" or \"buffer\""));
  CHECK(mentions(problems, "run.buffer", "must be in [1, 100000000]"));
  CHECK(mentions(problems, "run.metrics", "expected a boolean"));
  CHECK(mentions(problems, "strategy[0].market_data", "expected a string"));
}
