#pragma once
// Configuration of an indicator actor.

#include <cstddef>
#include <string>
#include <vector>

#include "bourse/indicators/spec.hpp"

namespace bourse {

/// What an indicator actor computes, and where it runs.
struct indicator_actor_config {
  /// The symbol whose bars feed the indicators.
  std::string symbol;
  /// The indicators as spec strings ("sma:20", "rsi:14", "macd:12:26:9", ...; see
  /// indicators::indicator_spec_syntax()).
  std::vector<std::string> specs;
  /// Runs the actor on a thread of its own (the default: indicator math must not hold up the
  /// cooperative pool); false puts it on the pool.
  bool detached = true;

  /// Returns every problem with the configuration (empty when valid); a bad spec is named with
  /// what is wrong with it.
  [[nodiscard]] std::vector<std::string> validate() const {
    std::vector<std::string> problems;
    if (symbol.empty())
      problems.emplace_back("symbol: must not be empty");
    if (specs.empty())
      problems.emplace_back("specs: at least one indicator spec is needed");
    for (std::size_t i = 0; i < specs.size(); ++i) {
      auto where = "specs[" + std::to_string(i) + "]: ";
      auto parsed = indicators::parse_indicator_spec(specs[i]);
      if (!parsed) {
        problems.push_back(where + parsed.error);
        continue;
      }
      for (std::size_t j = 0; j < i; ++j) {
        auto earlier = indicators::parse_indicator_spec(specs[j]);
        if (earlier && earlier.spec->text == parsed.spec->text)
          problems.push_back(where + "indicator spec '" + parsed.spec->text + "' appears twice");
      }
    }
    return problems;
  }
};

} // namespace bourse
