#pragma once
// Everything that configures a simulated venue: its instruments, latency, fees and session close.

#include <optional>
#include <string>
#include <vector>

#include "bourse/core/instrument.hpp"
#include "bourse/core/time.hpp"
#include "bourse/venue/fees.hpp"
#include "bourse/venue/latency.hpp"

namespace bourse::venue {

/// The settings of one simulated venue (docs/venue.md).
struct venue_settings {
  /// The instruments it trades (symbol, tick size, lot size); orders for other symbols are
  /// rejected.
  std::vector<instrument> instruments;
  /// Order entry latency.
  latency_model latency;
  /// Maker/taker fees.
  fee_schedule fees;
  /// The time of day (ns after 00:00 UTC) at which DAY orders expire; absent: they expire at the
  /// end of the run (stop).
  std::optional<duration_ns> session_close;
  /// Fill model: a resting limit order also fills when a replayed trade prints, or a bar's low
  /// (high) reaches, exactly its limit (optimistic: as if first in the queue); false (the default)
  /// fills only when the market trades through the limit. Quotes fill at the touch either way.
  bool fill_at_touch = false;

  /// Returns every problem at once: no instruments, an empty or duplicate symbol, a non-positive
  /// tick or lot, the latency's and the fees' problems, a session close outside [0, 24h).
  [[nodiscard]] std::vector<std::string> validate() const;
};

} // namespace bourse::venue
