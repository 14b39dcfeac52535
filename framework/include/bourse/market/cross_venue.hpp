#pragma once
// Seeded synthetic quotes of the same instruments on several venues: one common mid per instrument
// (from tick_generator) and a small mean-reverting dislocation per venue, so that venues sometimes
// cross each other — the data a cross-venue spread strategy needs.

#include <cstdint>
#include <string>
#include <vector>

#include "bourse/market/random.hpp"
#include "bourse/market/synthetic.hpp"
#include "bourse/market/tick.hpp"

namespace bourse {

/// Parameters of the cross-venue generator.
struct cross_venue_config {
  /// The instruments' common price process (symbols are the instrument names, e.g. "ETH").
  tick_generator_config base;
  /// The venues; listing symbols are "<instrument>.<venue>", e.g. "ETH.A".
  std::vector<std::string> venues = {"A", "B"};
  /// Standard deviation of a venue's dislocation from the common mid, in ticks.
  double dislocation_ticks = 2.0;
  /// How much of the dislocation survives from one quote to the next (0..1; mean reversion).
  double persistence = 0.9;
  /// Returns every problem with the parameters (empty when they are usable).
  [[nodiscard]] std::vector<std::string> validate() const;
};

/// Returns the listing symbol of an instrument on a venue ("ETH" on "A" -> "ETH.A").
[[nodiscard]] std::string venue_symbol(const std::string& instrument, const std::string& venue);

/// Generates per-venue quotes in time order, in constant memory. For every quote of the common
/// process it emits one quote per venue (same timestamp, venue order) whose mid is the common mid
/// plus the venue's dislocation, rounded to the tick grid, with the common spread; common trades
/// are dropped (the venues' books are driven by quotes).
class cross_venue_generator {
public:
  /// Starts the streams; the config must validate.
  explicit cross_venue_generator(cross_venue_config config);
  /// Fills `out` with the next venue quote.
  void next(tick& out);

private:
  cross_venue_config config_;
  tick_generator base_;
  std::vector<random_source> noise_;       // one per (instrument, venue)
  std::vector<double> dislocation_;        // in ticks, per (instrument, venue)
  tick current_;
  std::size_t pending_ = 0;                // venues still to emit for current_
};

} // namespace bourse
