// Cross-venue spread: buy the cheap venue, sell the expensive one when the edge beats the fees.
#include "bourse/strategy/examples/cross_venue_spread.hpp"

#include <algorithm>

namespace bourse {

void cross_venue_spread_params::read(param_reader& reader) {
  reader.read("instrument", instrument);
  reader.read("qty", qty);
  reader.read("min_edge", min_edge);
  reader.read("fee_bps", fee_bps);
  reader.read("max_position", max_position);
}

std::vector<std::string> cross_venue_spread_params::validate() const {
  std::vector<std::string> problems;
  if (instrument.empty())
    problems.push_back("instrument is empty");
  if (!qty.is_positive())
    problems.push_back("qty (" + qty.to_string() + ") must be positive");
  if (!max_position.is_positive())
    problems.push_back("max_position (" + max_position.to_string() + ") must be positive");
  if (min_edge.is_negative())
    problems.push_back("min_edge (" + min_edge.to_string() + ") must not be negative");
  if (fee_bps.is_negative())
    problems.push_back("fee_bps (" + fee_bps.to_string() + ") must not be negative");
  return problems;
}

cross_venue_spread_strategy::cross_venue_spread_strategy(cross_venue_spread_params params)
    : params_(std::move(params)) {}

strategy_spec cross_venue_spread_strategy::requirements() const {
  strategy_spec spec;
  spec.aggregated.push_back(params_.instrument);
  return spec;
}

price cross_venue_spread_strategy::edge_after_fees(price bid, price ask, price fee_bps) noexcept {
  price sum = bid + ask;
  // fee = sum * fee_bps / 10^4, computed at 9 decimals and rounded up (never understate fees).
  detail::int128 scaled = static_cast<detail::int128>(sum.raw()) * pow10(max_precision - sum.precision());
  detail::int128 numerator = scaled * fee_bps.raw();
  detail::int128 denominator = static_cast<detail::int128>(pow10(fee_bps.precision() + 4));
  detail::int128 fee = numerator / denominator;
  if (numerator % denominator > 0)
    ++fee;
  return (bid - ask) - price::from_raw(static_cast<std::int64_t>(fee), max_precision);
}

void cross_venue_spread_strategy::on_aggregated_quote(const cross_venue_quote& q) {
  if (q.instrument != params_.instrument)
    return;
  const auto& bid = q.best_bid;
  const auto& ask = q.best_ask;
  if (!bid.px.is_positive() || !ask.px.is_positive() || bid.size.is_negative() ||
      ask.size.is_negative() || bid.venue == ask.venue || bid.symbol.empty() ||
      ask.symbol.empty() || !open_orders().empty())
    return;
  price edge = edge_after_fees(bid.px, ask.px, params_.fee_bps);
  if (!edge.is_positive() || edge < params_.min_edge)
    return;
  quantity room_buy = params_.max_position - exposure(ask.symbol);
  quantity room_sell = params_.max_position + exposure(bid.symbol);
  quantity size = std::min({params_.qty, room_buy, room_sell});
  // A zero quoted size means the data has no sizes: it does not limit the order then.
  if (bid.size.is_positive())
    size = std::min(size, bid.size);
  if (ask.size.is_positive())
    size = std::min(size, ask.size);
  if (!size.is_positive())
    return;
  ++opportunities_;
  submit_limit(ask.symbol, side::buy, size, ask.px, time_in_force::ioc);
  submit_limit(bid.symbol, side::sell, size, bid.px, time_in_force::ioc);
  log_info("Spread instrument=" + params_.instrument + " buy=" + ask.venue + "@" +
           ask.px.to_string() + " sell=" + bid.venue + "@" + bid.px.to_string() +
           " qty=" + size.to_string() + " edge=" + edge.to_string());
}

} // namespace bourse
