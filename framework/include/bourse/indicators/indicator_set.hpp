#pragma once
// One symbol's indicators as a unit of work: built from spec strings, fed whole bars, producing one
// indicator_update per ready indicator and bar. The indicator worker pool moves these between its
// workers (bourse/indicators/pool_plan.hpp); plain C++, no actor code.

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "bourse/core/interned_string.hpp"
#include "bourse/core/time.hpp"
#include "bourse/indicators/indicator.hpp"
#include "bourse/market/types.hpp"
#include "bourse/strategy/events.hpp"

namespace bourse::indicators {

/// The indicators of one symbol, in the order of their specs.
class indicator_set {
public:
  /// Builds an empty set for `symbol`; add() puts indicators in.
  explicit indicator_set(symbol_id symbol) : symbol_(symbol) {}

  /// Builds the set for `symbol` from `specs`; a spec that does not parse (or has more outputs than
  /// an update holds) is left out and described in `errors` ("spec: what is wrong").
  indicator_set(symbol_id symbol, const std::vector<std::string>& specs,
                std::vector<std::string>& errors);

  /// Returns an empty string after adding the indicator of `spec` ("rsi:14") at the end of the
  /// set, or, leaving the set as it was, what is wrong with the spec, naming it ("spec: ...").
  [[nodiscard]] std::string add(std::string_view spec);

  /// Returns the symbol.
  [[nodiscard]] symbol_id symbol() const noexcept { return symbol_; }
  /// Returns the number of indicators in the set.
  [[nodiscard]] std::size_t size() const noexcept { return hosted_.size(); }
  /// Returns the output names of indicator `k` (spec order); the slots past its output count are
  /// empty.
  [[nodiscard]] const std::array<interned_string, max_indicator_outputs>&
  output_names(std::size_t k) const {
    return names_.at(k);
  }

  /// Adds bar `b` to every indicator and appends one update per ready indicator to `out` (spec
  /// order), stamped ts = b.ts, ts_init = `ts_init`, ts_arrival = `ts_arrival`.
  void apply(const bar& b, timestamp ts_init, timestamp ts_arrival,
             std::vector<indicator_update>& out);

private:
  symbol_id symbol_;
  std::vector<indicator> hosted_;
  std::vector<interned_string> specs_;
  std::vector<std::array<interned_string, max_indicator_outputs>> names_;
};

} // namespace bourse::indicators
