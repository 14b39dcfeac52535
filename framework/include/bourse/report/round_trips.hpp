#pragma once
// Groups fills into round trips (flat -> position -> flat) per strategy and symbol, with the
// average-cost realised PnL of bourse::orders::position. docs/report.md has the rules and an
// example.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "bourse/core/enums.hpp"
#include "bourse/core/fixed_point.hpp"
#include "bourse/core/time.hpp"
#include "bourse/orders/position.hpp"
#include "bourse/report/records.hpp"

namespace bourse::report {

/// One round trip of one strategy in one symbol: from the fill that left flat to the fill that came
/// back to flat (or flipped the position through zero).
struct round_trip {
  /// The owning strategy.
  std::string strategy;
  /// The instrument's symbol.
  std::string symbol;
  /// buy for a long trip, sell for a short trip (the side of the opening fill).
  side direction = side::buy;
  /// The time of the opening fill.
  timestamp open_ts = 0;
  /// The time of the closing fill (equal to the last fill's time for a trip still open).
  timestamp close_ts = 0;
  /// The largest absolute position held during the trip.
  quantity max_quantity;
  /// How many fills the trip has (a flipping fill counts in both trips it touches).
  std::size_t fills = 0;
  /// Realised PnL before fees (average-cost method).
  money gross_pnl;
  /// Fees of the trip's fills; a flipping fill's whole fee goes to the trip it closes.
  money fees;
  /// gross_pnl - fees.
  money net_pnl;
  /// True when the trip came back to flat; false for a position still open after the last fill.
  bool closed = false;
  /// The average entry price (average cost) of the position the trip closed, or of the open
  /// position.
  std::optional<bourse::price> entry_price;
  /// The price of the closing fill; nullopt for an open trip.
  std::optional<bourse::price> exit_price;
  /// Maximum adverse excursion: the lowest PnL before fees the trip showed (realised so far plus
  /// unrealised), at its fill prices and at every mark given to round_trip_matcher::mark while it
  /// was open; zero or negative.
  money mae;
  /// Maximum favourable excursion: the highest such PnL; zero or positive.
  money mfe;
};

/// The result of match_round_trips: every trip, closed ones in order of their closing fill, then
/// the open ones in (strategy, symbol) order; or the first fill that could not be booked.
struct round_trip_result {
  /// The round trips (empty when error is set).
  std::vector<round_trip> trips;
  /// The first problem found, naming the fill by index and order id.
  std::optional<input_error> error;
};

/// Matches fills into round trips one fill at a time, in booking order: memory is one position
/// and one trip in progress per (strategy, symbol), whatever the number of fills. This is what
/// match_round_trips and statistics_builder run on.
class round_trip_matcher {
public:
  /// Books the next fill (times must be non-decreasing); a trip it closes is appended to
  /// `closed`. Returns the problem with the fill (naming it by index and order id), after which
  /// the matcher refuses every further fill with the same problem.
  [[nodiscard]] std::optional<input_error> add(const fill_record& fill,
                                               std::vector<round_trip>& closed);

  /// Sets the mark of `symbol`: every open trip in it updates its excursions (mae, mfe) at `px`.
  void mark(std::string_view symbol, bourse::price px);

  /// Returns the trips still open (not flat after the last fill), in (strategy, symbol) order.
  [[nodiscard]] std::vector<round_trip> open_trips() const;

  /// Returns the earliest opening time of an open trip, or nullopt when every book is flat.
  [[nodiscard]] std::optional<timestamp> earliest_open() const;

  /// Returns how many fills were booked.
  [[nodiscard]] std::size_t fills() const noexcept { return count_; }

private:
  struct book_state {
    orders::position pos;
    round_trip trip;
    money realised_base;
  };

  static void excursion(book_state& state, std::optional<money> unrealised);

  std::map<std::tuple<std::string, std::string>, book_state, std::less<>> books_;
  // symbol -> the strategies with a book in it (keys, not pointers: the matcher may be copied)
  std::map<std::string, std::vector<std::string>, std::less<>> by_symbol_;
  std::size_t count_ = 0;
  timestamp last_ts_ = 0;
  std::optional<input_error> error_;
};

/// Returns the round trips of `fills`, booked in the given order (which must be non-decreasing in
/// time) into one average-cost position per (strategy, symbol).
[[nodiscard]] round_trip_result match_round_trips(const std::vector<fill_record>& fills);

} // namespace bourse::report
