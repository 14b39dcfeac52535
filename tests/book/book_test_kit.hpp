#pragma once
// Test kit for the matching engine: order builders and a listener that records events as CSV-like
// lines ("trade,2,1,10.00,5"), so that expected event sequences read like the bourse-book output.

#include <string>
#include <vector>

#include <bourse/book/order_book.hpp>

namespace book_test {

using bourse::order_id;
using bourse::price;
using bourse::quantity;
using bourse::side;
using bourse::time_in_force;
using bourse::book::new_order;
using bourse::book::order_changes;

/// Returns a price parsed from text (the text is known to be valid).
inline price px(const char* text) {
  return *price::parse(text);
}

/// Returns a quantity parsed from text (the text is known to be valid).
inline quantity qty(const char* text) {
  return *quantity::parse(text);
}

/// Returns a test instrument with the given tick and lot.
inline bourse::instrument make_instrument(const char* tick = "0.01", const char* lot = "1") {
  return *bourse::instrument::make("TEST", tick, lot);
}

/// Returns a limit order.
inline new_order limit(order_id id, side s, const char* limit_price, const char* q,
                       time_in_force tif = time_in_force::gtc) {
  new_order o;
  o.id = id;
  o.side = s;
  o.type = bourse::order_type::limit;
  o.tif = tif;
  o.limit_price = px(limit_price);
  o.qty = qty(q);
  return o;
}

/// Returns a market order.
inline new_order market(order_id id, side s, const char* q,
                        time_in_force tif = time_in_force::gtc) {
  new_order o;
  o.id = id;
  o.side = s;
  o.type = bourse::order_type::market;
  o.tif = tif;
  o.qty = qty(q);
  return o;
}

/// Returns a stop (market) order.
inline new_order stop(order_id id, side s, const char* stop_price, const char* q,
                      time_in_force tif = time_in_force::gtc) {
  new_order o = market(id, s, q, tif);
  o.type = bourse::order_type::stop;
  o.stop_price = px(stop_price);
  return o;
}

/// Returns a stop-limit order.
inline new_order stop_limit(order_id id, side s, const char* stop_price, const char* limit_price,
                            const char* q, time_in_force tif = time_in_force::gtc) {
  new_order o = limit(id, s, limit_price, q, tif);
  o.type = bourse::order_type::stop_limit;
  o.stop_price = px(stop_price);
  return o;
}

/// Records every event as one line, in order.
class recorder final : public bourse::book::listener {
public:
  void on_accepted(order_id id, bourse::timestamp) override {
    events.push_back("accepted," + std::to_string(id));
  }
  void on_rejected(order_id id, bourse::book::request_kind, bourse::book::reject_reason reason,
                   bourse::timestamp) override {
    events.push_back("rejected," + std::to_string(id) + "," + std::string(to_string(reason)));
  }
  void on_trade(const bourse::book::trade_event& t) override {
    events.push_back("trade," + std::to_string(t.taker) + "," + std::to_string(t.maker) + "," +
                     t.px.to_string() + "," + t.qty.to_string());
    trades.push_back(t);
  }
  void on_cancelled(order_id id, quantity remaining, bourse::book::cancel_reason reason,
                    bourse::timestamp) override {
    events.push_back("cancelled," + std::to_string(id) + "," + remaining.to_string() + "," +
                     std::string(to_string(reason)));
  }
  void on_replaced(const bourse::book::order_view& o, bourse::timestamp) override {
    auto shown = o.limit_price ? *o.limit_price : *o.stop_price;
    events.push_back("replaced," + std::to_string(o.id) + "," + shown.to_string() + "," +
                     o.open_qty.to_string());
  }
  void on_triggered(order_id id, bourse::timestamp) override {
    events.push_back("triggered," + std::to_string(id));
  }

  /// Returns the events recorded so far and forgets them.
  std::vector<std::string> take() {
    std::vector<std::string> out;
    out.swap(events);
    return out;
  }

  std::vector<std::string> events;
  std::vector<bourse::book::trade_event> trades;
};

/// Returns the resting book as "bid|ask,PRICE,ID,OPEN" lines: bids then asks, best price first,
/// then time priority.
inline std::vector<std::string> book_lines(const bourse::book::order_book& book) {
  std::vector<std::string> out;
  for (auto s : {side::buy, side::sell})
    book.for_each_order(s, [&](const bourse::book::order_view& o) {
      out.push_back(std::string(s == side::buy ? "bid," : "ask,") + o.limit_price->to_string() +
                    "," + std::to_string(o.id) + "," + o.open_qty.to_string());
    });
  return out;
}

/// A recorder and a book on the default test instrument (tick 0.01, lot 1).
struct fixture {
  recorder events;
  bourse::book::order_book book{make_instrument(), events};
};

using lines = std::vector<std::string>;

} // namespace book_test
