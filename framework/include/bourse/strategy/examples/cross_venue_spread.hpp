#pragma once
// Example strategy: cross-venue spread capture on one instrument, fed by the aggregator's best bid
// and ask across venues.

#include <cstdint>
#include <string>
#include <vector>

#include "bourse/core/fixed_point.hpp"
#include "bourse/strategy/params.hpp"
#include "bourse/strategy/strategy.hpp"

namespace bourse {

/// Parameters of cross_venue_spread_strategy; text form
/// `instrument=XYZ,qty=1,min_edge=0,fee_bps=0,max_position=5`.
struct cross_venue_spread_params {
  /// The instrument as the aggregator names it.
  std::string instrument = "XYZ";
  /// The most to trade per opportunity (each leg).
  quantity qty = quantity::from_units(1);
  /// The least edge per unit, after fees, worth trading (a price; 0 = any positive edge).
  price min_edge;
  /// The fee each leg pays, in basis points of its price (taker fee of the venues).
  price fee_bps;
  /// The largest absolute position (open orders included) in each venue's symbol.
  quantity max_position = quantity::from_units(5);

  /// Reads every field from `reader` (keys: instrument, qty, min_edge, fee_bps, max_position).
  void read(param_reader& reader);
  /// Returns every problem: qty or max_position not positive, min_edge or fee_bps negative.
  [[nodiscard]] std::vector<std::string> validate() const;
};

/// Buys on the cheap venue and sells on the expensive one when the best bid of one venue is above
/// the best ask of another by more than the fees of both legs plus `min_edge`.
///
/// Edge per unit = best bid - best ask - (best bid + best ask) * fee_bps / 10000 (the fee part
/// rounded up at 9 decimals). When it is positive and at least min_edge, the strategy sends two IOC
/// limit orders at the quoted prices: buy on the ask's venue symbol, sell on the bid's venue
/// symbol, each for min(qty, both quoted sizes, the room each leg has under max_position; a quoted
/// size of zero means the data has no sizes and does not limit). It
/// skips quotes where both sides come from one venue and waits while any of its orders is open,
/// so one opportunity is worked at a time. An IOC leg that does not fill leaves an unhedged
/// position, bounded by max_position.
class cross_venue_spread_strategy : public strategy {
public:
  /// Creates the strategy (params must be valid).
  explicit cross_venue_spread_strategy(cross_venue_spread_params params);

  /// Asks for the aggregated quotes of the instrument.
  [[nodiscard]] strategy_spec requirements() const override;

  /// Returns the parameters.
  [[nodiscard]] const cross_venue_spread_params& params() const noexcept { return params_; }
  /// Returns how many opportunities it traded (pairs of orders sent).
  [[nodiscard]] std::uint64_t opportunities() const noexcept { return opportunities_; }

  /// Returns the edge per unit after fees of buying at `ask` and selling at `bid` with `fee_bps`
  /// per leg (negative when there is none).
  [[nodiscard]] static price edge_after_fees(price bid, price ask, price fee_bps) noexcept;

protected:
  /// Looks for a crossed market across venues and sends both legs.
  void on_aggregated_quote(const cross_venue_quote& q) override;

private:
  cross_venue_spread_params params_;
  std::uint64_t opportunities_ = 0;
};

} // namespace bourse
