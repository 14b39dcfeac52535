// Round-trip matching over average-cost positions per (strategy, symbol).
#include "bourse/report/round_trips.hpp"

#include <map>
#include <utility>

#include "bourse/orders/position.hpp"

namespace bourse::report {

namespace {

// The position and the trip in progress of one (strategy, symbol).
struct book_state {
  orders::position pos;
  round_trip trip;
  money realised_base;
};

quantity magnitude(quantity q) noexcept {
  return q.is_negative() ? -q : q;
}

std::string fill_place(std::size_t index, const fill_record& fill) {
  return "fill " + std::to_string(index) + " (order " + fill.order_id + ", " + fill.strategy + " " +
         fill.symbol + ")";
}

void open_trip(book_state& state, const fill_record& fill) {
  round_trip& trip = state.trip;
  trip = round_trip{};
  trip.strategy = fill.strategy;
  trip.symbol = fill.symbol;
  trip.direction = fill.side;
  trip.open_ts = fill.ts;
  trip.close_ts = fill.ts;
  trip.max_quantity = magnitude(state.pos.net());
  trip.fills = 1;
  state.realised_base = state.pos.realised();
}

} // namespace

round_trip_result match_round_trips(const std::vector<fill_record>& fills) {
  round_trip_result result;
  std::map<std::pair<std::string, std::string>, book_state> books;
  for (std::size_t i = 0; i < fills.size(); ++i) {
    const fill_record& fill = fills[i];
    if (i > 0 && fill.ts < fills[i - 1].ts) {
      result.trips.clear();
      result.error =
          input_error{fill_place(i, fill) + ": timestamp " + format_iso8601(fill.ts) +
                      " is before the previous fill's " + format_iso8601(fills[i - 1].ts)};
      return result;
    }
    auto [it, inserted] = books.try_emplace({fill.strategy, fill.symbol});
    book_state& state = it->second;
    if (inserted)
      state.pos = orders::position(fill.symbol);
    const bool was_flat = state.pos.is_flat();
    const bool was_long = state.pos.net().is_positive();
    if (auto problem = state.pos.apply_fill(fill.side, fill.qty, fill.price, fill.fee)) {
      result.trips.clear();
      result.error = input_error{fill_place(i, fill) + ": " + problem->message};
      return result;
    }
    if (was_flat) {
      open_trip(state, fill); // An opening fill realises nothing: the base is unchanged.
      state.trip.fees = fill.fee;
      continue;
    }
    round_trip& trip = state.trip;
    ++trip.fills;
    trip.fees += fill.fee;
    trip.close_ts = fill.ts;
    const quantity net = state.pos.net();
    const bool flipped = !net.is_zero() && net.is_positive() != was_long;
    if (net.is_zero() || flipped) {
      trip.gross_pnl = state.pos.realised() - state.realised_base;
      trip.net_pnl = trip.gross_pnl - trip.fees;
      trip.closed = true;
      result.trips.push_back(trip);
      if (flipped)
        open_trip(state,
                  fill); // The remainder opens a new trip at the fill price, fee already paid.
      continue;
    }
    if (magnitude(net) > trip.max_quantity)
      trip.max_quantity = magnitude(net);
  }
  for (auto& [key, state] : books) {
    if (state.pos.is_flat())
      continue;
    round_trip trip = state.trip;
    trip.gross_pnl = state.pos.realised() - state.realised_base;
    trip.net_pnl = trip.gross_pnl - trip.fees;
    trip.closed = false;
    result.trips.push_back(std::move(trip));
  }
  return result;
}

} // namespace bourse::report
