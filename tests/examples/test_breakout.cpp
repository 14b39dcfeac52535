// Shows that the example strategy of docs/writing-a-strategy.md behaves as the text says (driven
// through a recording context, no actors), and that the code the doc quotes is the compiled code.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "bourse/strategy/recording_context.hpp"
#include "breakout.hpp"

using namespace bourse;

namespace {

bar make_bar(const char* close) {
  bar b;
  b.open = b.high = b.low = b.close = *price::parse(close);
  return b;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Returns the text between the two lines holding `marker` (both included).
std::string region(const std::string& text, const std::string& marker) {
  auto first = text.find(marker);
  auto second = text.find(marker, first + marker.size());
  if (first == std::string::npos || second == std::string::npos)
    return {};
  auto start = text.rfind('\n', first) + 1;
  auto end = text.find('\n', second);
  return text.substr(start, end - start);
}

} // namespace

TEST_CASE("the breakout example buys above the recent high and goes flat below the recent low") {
  recording_context ctx;
  example::breakout s{"SPX", 3, quantity::from_units(10)};
  s.attach(ctx, {1, 1, "breakout"});
  s.handle_start();
  for (const char* c : {"100", "101", "102"})
    s.handle_bar("SPX", make_bar(c));
  CHECK(ctx.submits().empty()); // still filling the window
  s.handle_bar("SPX", make_bar("101.5")); // inside the range
  CHECK(ctx.submits().empty());
  s.handle_bar("SPX", make_bar("103")); // above the high of 101, 102, 101.5
  REQUIRE(ctx.submits().size() == 1);
  CHECK(ctx.submits()[0].order.order_side == side::buy);
  CHECK(ctx.submits()[0].order.qty == quantity::from_units(10));
  s.handle_bar("SPX", make_bar("104")); // a second breakout: the open order already counts
  CHECK(ctx.submits().size() == 1);
  s.handle_bar("SPX", make_bar("90")); // below the low: flat means selling what is open
  REQUIRE(ctx.submits().size() == 2);
  CHECK(ctx.submits()[1].order.order_side == side::sell);
  SUBCASE("bars of other symbols are ignored") {
    s.handle_bar("NDX", make_bar("1000"));
    CHECK(ctx.submits().size() == 2);
  }
}

TEST_CASE("docs/writing-a-strategy.md quotes the example's code letter for letter") {
  auto doc = slurp(BOURSE_SOURCE_DIR "/docs/writing-a-strategy.md");
  auto header = slurp(BOURSE_SOURCE_DIR "/docs/examples/breakout/breakout.hpp");
  auto main = slurp(BOURSE_SOURCE_DIR "/docs/examples/breakout/main.cpp");
  auto runner = slurp(BOURSE_SOURCE_DIR "/docs/examples/runner/main.cpp");
  auto signal = slurp(BOURSE_SOURCE_DIR "/docs/examples/signal_actor/momentum_signal.hpp");
  auto signal_strategy = slurp(BOURSE_SOURCE_DIR "/docs/examples/signal_actor/momentum_strategy.hpp");
  auto signal_main = slurp(BOURSE_SOURCE_DIR "/docs/examples/signal_actor/main.cpp");
  for (const auto& [text, marker] : {std::pair{header, std::string{"[breakout-class]"}},
                                     std::pair{main, std::string{"[compose]"}},
                                     std::pair{main, std::string{"[outputs]"}},
                                     std::pair{runner, std::string{"[params]"}},
                                     std::pair{runner, std::string{"[main]"}},
                                     std::pair{signal, std::string{"[signal-actor]"}},
                                     std::pair{signal_strategy, std::string{"[signal-strategy]"}},
                                     std::pair{signal_main, std::string{"[compose]"}},
                                     std::pair{signal_main, std::string{"[outputs]"}}}) {
    auto code = region(text, marker);
    REQUIRE_FALSE(code.empty());
    CHECK_MESSAGE(doc.find(code) != std::string::npos, "the doc's " << marker << " block is stale");
  }
}
