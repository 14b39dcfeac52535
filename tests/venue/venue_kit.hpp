#pragma once
// Stub builders for the venue and order manager core tests: values from text, instruments, order
// requests, market data, and a one-line text form of every execution event so that a test can
// compare whole event sequences.

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "bourse/core/instrument.hpp"
#include "bourse/market/types.hpp"
#include "bourse/orders/order_flow.hpp"
#include "bourse/venue/simulated_venue.hpp"

namespace doctest {
/// Prints event lines in failure messages.
template <> struct StringMaker<std::vector<std::string>> {
  static String convert(const std::vector<std::string>& lines) {
    std::string s = "{";
    for (const auto& line : lines)
      s += "\n  \"" + line + "\"";
    s += lines.empty() ? "}" : "\n}";
    return String(s.c_str());
  }
};
} // namespace doctest

namespace venue_kit {

using namespace bourse;
using namespace bourse::orders;

/// Returns a price parsed from text.
inline price px(std::string_view text) {
  auto v = price::parse(text);
  REQUIRE(v);
  return *v;
}

/// Returns a quantity parsed from text.
inline quantity qty(std::string_view text) {
  auto v = quantity::parse(text);
  REQUIRE(v);
  return *v;
}

/// Returns an amount of money parsed from text.
inline money cash(std::string_view text) {
  auto v = money::parse(text);
  REQUIRE(v);
  return *v;
}

/// Returns an instrument with tick 0.01 and lot 1.
inline instrument instr(std::string symbol = "AAPL", std::string_view tick = "0.01",
                        std::string_view lot = "1") {
  auto i = instrument::make(std::move(symbol), tick, lot);
  REQUIRE(i);
  return *i;
}

/// Returns venue settings trading AAPL (and MSFT), no latency, no fees.
inline venue::venue_settings settings() {
  venue::venue_settings s;
  s.instruments = {instr("AAPL"), instr("MSFT")};
  return s;
}

/// Returns a limit order request of strategy 7, account 70.
inline submit_order limit(order_id id, side s, std::string_view q, std::string_view limit_px,
                          time_in_force tif = time_in_force::gtc, std::string symbol = "AAPL",
                          strategy_id strategy = 7, account_id account = 70) {
  submit_order r;
  r.id = id;
  r.strategy = strategy;
  r.account = account;
  r.symbol = std::move(symbol);
  r.order_side = s;
  r.type = order_type::limit;
  r.tif = tif;
  r.limit_price = px(limit_px);
  r.qty = qty(q);
  return r;
}

/// Returns a market order request of strategy 7, account 70.
inline submit_order market(order_id id, side s, std::string_view q, std::string symbol = "AAPL",
                           strategy_id strategy = 7) {
  submit_order r = limit(id, s, q, "1", time_in_force::ioc, std::move(symbol), strategy);
  r.type = order_type::market;
  r.limit_price = price{};
  return r;
}

/// Returns a stop (no limit) or stop-limit (with `limit_px`) order request.
inline submit_order stop(order_id id, side s, std::string_view q, std::string_view stop_px,
                         std::string_view limit_px = "", time_in_force tif = time_in_force::gtc) {
  submit_order r = limit(id, s, q, "1", tif);
  r.type = limit_px.empty() ? order_type::stop : order_type::stop_limit;
  r.limit_price = limit_px.empty() ? price{} : px(limit_px);
  r.stop_price = px(stop_px);
  return r;
}

/// Returns a cancel request of strategy 7.
inline cancel_order cancel(order_id id, strategy_id strategy = 7) {
  return cancel_order{0, 0, id, strategy};
}

/// Returns a replace request of strategy 7 (empty text: unchanged).
inline replace_order replace(order_id id, std::string_view new_px, std::string_view new_qty,
                             strategy_id strategy = 7) {
  return replace_order{0,
                       0,
                       id,
                       strategy,
                       new_px.empty() ? price{} : px(new_px),
                       new_qty.empty() ? quantity{} : qty(new_qty)};
}

/// Returns a quote.
inline quote make_quote(timestamp ts, std::string_view bid, std::string_view ask,
                        std::string_view bid_size = "1000", std::string_view ask_size = "1000",
                        std::string symbol = "AAPL") {
  return quote{ts, std::move(symbol), px(bid), px(ask), qty(bid_size), qty(ask_size)};
}

/// Returns a trade print.
inline trade make_trade(timestamp ts, std::string_view last, std::string_view size,
                        std::string symbol = "AAPL") {
  return trade{ts, std::move(symbol), px(last), qty(size)};
}

/// Returns a bar.
inline bar make_bar(timestamp ts, std::string_view o, std::string_view h, std::string_view l,
                    std::string_view c, std::string_view v) {
  return bar{ts, px(o), px(h), px(l), px(c), qty(v)};
}

/// Returns a fill as one line, e.g. "fill 1 buy 200@100.02 leaves 50 taker" (fees only when not
/// zero, " done" when the fill completes the order).
inline std::string describe_fill(const fill& e, bool complete) {
  std::string s = "fill " + std::to_string(e.header.id) + " " +
                  std::string(to_string(e.fill_side)) + " " + e.fill_qty.to_string() + "@" +
                  e.fill_price.to_string() + " leaves " + e.leaves_qty.to_string() + " " +
                  (e.role == liquidity::maker ? "maker" : "taker");
  if (!e.fee.is_zero())
    s += " fee " + e.fee.to_string();
  if (complete)
    s += " done";
  return s;
}

/// Returns an event as one line, e.g. "accepted 1" or a fill as describe_fill writes it.
inline std::string describe(const execution_event& event) {
  struct visitor {
    std::string operator()(const order_accepted& e) const {
      return "accepted " + std::to_string(e.header.id);
    }
    std::string operator()(const order_rejected& e) const {
      static const char* const kinds[] = {"submit", "cancel", "replace"};
      return "rejected " + std::to_string(e.header.id) + " " + kinds[static_cast<int>(e.command)] +
             " " + std::string(to_string(e.reason));
    }
    std::string operator()(const order_partially_filled& e) const {
      return describe_fill(e.execution, false);
    }
    std::string operator()(const order_filled& e) const { return describe_fill(e.execution, true); }
    std::string operator()(const order_cancelled& e) const {
      return "cancelled " + std::to_string(e.header.id) + " " + e.remaining.to_string() + " " +
             std::string(to_string(e.reason));
    }
    std::string operator()(const order_replaced& e) const {
      return "replaced " + std::to_string(e.header.id) + " " + e.new_price.to_string() + " " +
             e.new_qty.to_string();
    }
    std::string operator()(const order_expired& e) const {
      return "expired " + std::to_string(e.header.id) + " " + e.remaining.to_string();
    }
    std::string operator()(const order_triggered& e) const {
      return "triggered " + std::to_string(e.header.id);
    }
  };
  return std::visit(visitor{}, event);
}

/// Returns every event as one line.
inline std::vector<std::string> describe(const std::vector<execution_event>& events) {
  std::vector<std::string> out;
  for (const auto& e : events)
    out.push_back(describe(e));
  return out;
}

/// Returns the events the venue produced since the last call, one line each.
inline std::vector<std::string> drain(venue::simulated_venue& v) {
  return describe(v.take_events());
}

/// Returns the events of type T among `events`.
template <class T> std::vector<T> only(const std::vector<execution_event>& events) {
  std::vector<T> out;
  for (const auto& e : events)
    if (auto* x = std::get_if<T>(&e))
      out.push_back(*x);
  return out;
}

/// Returns the fills among `events` (partial and complete), in order.
inline std::vector<fill> fills_of(const std::vector<execution_event>& events) {
  std::vector<fill> out;
  for (const auto& e : events) {
    if (auto* p = std::get_if<order_partially_filled>(&e))
      out.push_back(p->execution);
    else if (auto* f = std::get_if<order_filled>(&e))
      out.push_back(f->execution);
  }
  return out;
}

} // namespace venue_kit
