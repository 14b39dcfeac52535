// Names of the strategy event enums, indicator value lookup, spec checks and log level names.
#include "bourse/strategy/events.hpp"

#include <algorithm>

#include "bourse/indicators/spec.hpp"
#include "bourse/strategy/context.hpp"
#include "bourse/strategy/spec.hpp"

namespace bourse {

std::string_view to_string(market_stream stream) noexcept {
  switch (stream) {
    case market_stream::quotes:
      return "quotes";
    case market_stream::trades:
      return "trades";
    case market_stream::bars:
      return "bars";
  }
  return "unknown";
}

std::string_view to_string(order_request_kind kind) noexcept {
  switch (kind) {
    case order_request_kind::submit:
      return "submit";
    case order_request_kind::cancel:
      return "cancel";
    case order_request_kind::replace:
      return "replace";
  }
  return "unknown";
}

std::string_view to_string(order_update_kind kind) noexcept {
  switch (kind) {
    case order_update_kind::accepted:
      return "accepted";
    case order_update_kind::rejected:
      return "rejected";
    case order_update_kind::cancelled:
      return "cancelled";
    case order_update_kind::replaced:
      return "replaced";
    case order_update_kind::expired:
      return "expired";
    case order_update_kind::triggered:
      return "triggered";
  }
  return "unknown";
}

std::string_view to_string(log_level level) noexcept {
  switch (level) {
    case log_level::debug:
      return "debug";
    case log_level::info:
      return "info";
    case log_level::warn:
      return "warn";
    case log_level::error:
      return "error";
  }
  return "unknown";
}

cross_venue_quote to_cross_venue_quote(const aggregated_view& view) {
  cross_venue_quote q;
  q.ts = view.ts;
  q.instrument = view.instrument;
  q.best_bid = venue_quote{view.bid.venue, view.bid.symbol, view.bid.px, view.bid.size};
  q.best_ask = venue_quote{view.ask.venue, view.ask.symbol, view.ask.px, view.ask.size};
  return q;
}

bool indicator_update::add(interned_string name, double value) noexcept {
  if (count >= max_indicator_outputs)
    return false;
  names[count] = name;
  values[count] = value;
  ++count;
  return true;
}

std::optional<double> indicator_update::value(std::string_view name) const {
  for (std::size_t i = 0; i < count; ++i)
    if (names[i] == name)
      return values[i];
  return std::nullopt;
}

std::optional<double> indicator_update::value() const {
  if (count == 0)
    return std::nullopt;
  return values.front();
}

std::vector<std::string> indicator_update::output_names() const {
  return {names.begin(), names.begin() + count};
}

std::vector<double> indicator_update::output_values() const {
  return {values.begin(), values.begin() + count};
}

std::vector<std::string> strategy_spec::validate() const {
  std::vector<std::string> problems;
  for (std::size_t i = 0; i < data.size(); ++i)
    if (data[i].symbol.empty())
      problems.push_back("data request " + std::to_string(i + 1) + " (" +
                         std::string{to_string(data[i].stream)} + "): symbol is empty");
  for (std::size_t i = 0; i < indicators.size(); ++i) {
    const auto& req = indicators[i];
    if (req.symbol.empty())
      problems.push_back("indicator request " + std::to_string(i + 1) + " (" + req.spec +
                         "): symbol is empty");
    if (auto parsed = indicators::parse_indicator_spec(req.spec); !parsed)
      problems.push_back("indicator request " + std::to_string(i + 1) + " (" + req.symbol +
                         "): " + parsed.error);
  }
  for (std::size_t i = 0; i < aggregated.size(); ++i)
    if (aggregated[i].empty())
      problems.push_back("aggregated request " + std::to_string(i + 1) + ": instrument is empty");
  for (std::size_t i = 0; i < signals.size(); ++i)
    if (signals[i].empty())
      problems.push_back("signal request " + std::to_string(i + 1) + ": name is empty");
  return problems;
}

std::vector<std::string> strategy_spec::symbols() const {
  std::vector<std::string> out;
  for (const auto& d : data)
    out.push_back(d.symbol);
  for (const auto& i : indicators)
    out.push_back(i.symbol);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

} // namespace bourse
