// Round-trip matching over average-cost positions per (strategy, symbol).
#include "bourse/report/round_trips.hpp"

#include <string_view>
#include <tuple>
#include <utility>

namespace bourse::report {

namespace {

quantity magnitude(quantity q) noexcept {
  return q.is_negative() ? -q : q;
}

std::string fill_place(std::size_t index, const fill_record& fill) {
  return "fill " + std::to_string(index) + " (order " + fill.order_id + ", " + fill.strategy + " " +
         fill.symbol + ")";
}

template <class State>
void open_trip(State& state, const fill_record& fill) {
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

std::optional<input_error> round_trip_matcher::add(const fill_record& fill,
                                                   std::vector<round_trip>& closed) {
  if (error_)
    return error_;
  const std::size_t i = count_;
  if (i > 0 && fill.ts < last_ts_) {
    error_ = input_error{fill_place(i, fill) + ": timestamp " + format_iso8601(fill.ts) +
                         " is before the previous fill's " + format_iso8601(last_ts_)};
    return error_;
  }
  auto it = books_.find(std::make_tuple(std::string_view(fill.strategy),
                                        std::string_view(fill.symbol)));
  if (it == books_.end()) {
    it = books_.try_emplace(std::make_tuple(fill.strategy, fill.symbol)).first;
    it->second.pos = orders::position(fill.symbol);
    auto symbol = by_symbol_.find(std::string_view(fill.symbol));
    if (symbol == by_symbol_.end())
      symbol = by_symbol_.try_emplace(fill.symbol).first;
    symbol->second.push_back(fill.strategy);
  }
  book_state& state = it->second;
  const bool was_flat = state.pos.is_flat();
  const bool was_long = state.pos.net().is_positive();
  const quantity held_before = magnitude(state.pos.net());
  if (auto problem = state.pos.apply_fill(fill.side, fill.qty, fill.price, fill.fee)) {
    error_ = input_error{fill_place(i, fill) + ": " + problem->message};
    return error_;
  }
  ++count_;
  last_ts_ = fill.ts;
  if (was_flat) {
    open_trip(state, fill); // An opening fill realises nothing: the base is unchanged.
    state.trip.fees = fill.fee;
    state.trip.entry_price = fill.price;
    return std::nullopt;
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
    trip.exit_price = fill.price; // entry_price: the average since the last fill that added
    if (trip.gross_pnl < trip.mae)
      trip.mae = trip.gross_pnl;
    if (trip.gross_pnl > trip.mfe)
      trip.mfe = trip.gross_pnl;
    closed.push_back(trip);
    if (flipped) {
      open_trip(state, fill); // The remainder opens a new trip at the fill price, fee already paid.
      state.trip.entry_price = fill.price;
    }
    return std::nullopt;
  }
  if (magnitude(net) > trip.max_quantity)
    trip.max_quantity = magnitude(net);
  if (magnitude(net) > held_before) // only a fill that adds moves the average cost
    trip.entry_price = state.pos.average_price();
  excursion(state, state.pos.unrealised(fill.price));
  return std::nullopt;
}

void round_trip_matcher::excursion(book_state& state, std::optional<money> unrealised) {
  if (!unrealised)
    return;
  const money pnl = state.pos.realised() - state.realised_base + *unrealised;
  if (pnl < state.trip.mae)
    state.trip.mae = pnl;
  if (pnl > state.trip.mfe)
    state.trip.mfe = pnl;
}

void round_trip_matcher::mark(std::string_view symbol, price px) {
  auto it = by_symbol_.find(symbol);
  if (it == by_symbol_.end())
    return;
  for (const auto& strategy : it->second) {
    auto book = books_.find(std::make_tuple(std::string_view(strategy), symbol));
    if (book != books_.end() && !book->second.pos.is_flat())
      excursion(book->second, book->second.pos.unrealised(px));
  }
}

std::vector<round_trip> round_trip_matcher::open_trips() const {
  std::vector<round_trip> out;
  for (const auto& [key, state] : books_) {
    if (state.pos.is_flat())
      continue;
    round_trip trip = state.trip;
    trip.gross_pnl = state.pos.realised() - state.realised_base;
    trip.net_pnl = trip.gross_pnl - trip.fees;
    trip.closed = false;
    out.push_back(std::move(trip));
  }
  return out;
}

std::optional<timestamp> round_trip_matcher::earliest_open() const {
  std::optional<timestamp> out;
  for (const auto& [key, state] : books_)
    if (!state.pos.is_flat() && (!out || state.trip.open_ts < *out))
      out = state.trip.open_ts;
  return out;
}

round_trip_result match_round_trips(const std::vector<fill_record>& fills) {
  round_trip_result result;
  round_trip_matcher matcher;
  for (const auto& fill : fills)
    if (auto problem = matcher.add(fill, result.trips)) {
      result.trips.clear();
      result.error = std::move(problem);
      return result;
    }
  for (auto& trip : matcher.open_trips())
    result.trips.push_back(std::move(trip));
  return result;
}

} // namespace bourse::report
