// Shows every cell of the order state machine's transition table: each of the 11 states meets each
// of the 12 events; legal ones reach the state docs/orders.md names, illegal ones are refused with
// a typed reason naming the order, the state and the event, and leave the order unchanged.
#include <doctest/doctest.h>

#include <string>

#include "orders_kit.hpp"

using namespace orders_kit;

namespace {

using st = order_state;
using ev = order_event_kind;

// One cell: the state reached, or the refusal reason.
struct cell {
  bool legal;
  st to;
  order_error error;
};

constexpr cell go(st to) {
  return {true, to, order_error::illegal_transition};
}
constexpr cell no() {
  return {false, st::new_order, order_error::illegal_transition};
}
constexpr cell not_stop() {
  return {false, st::new_order, order_error::not_a_stop_order};
}

// The sample event of each kind: fills are partial (10 at 10.00); replaces ask for quantity 150.
order_event sample(ev kind) {
  switch (kind) {
  case ev::submit:
    return order_event::submit();
  case ev::accept:
    return order_event::accept();
  case ev::reject:
    return order_event::reject();
  case ev::trigger:
    return order_event::trigger();
  case ev::fill:
    return order_event::fill(qty("10"), px("10.00"));
  case ev::request_cancel:
    return order_event::request_cancel();
  case ev::cancel:
    return order_event::cancel();
  case ev::cancel_reject:
    return order_event::cancel_reject();
  case ev::request_replace:
    return order_event::request_replace(order_changes{{}, {}, qty("150")});
  case ev::replace:
    return order_event::replace(order_changes{{}, {}, qty("150")});
  case ev::replace_reject:
    return order_event::replace_reject();
  case ev::expire:
    return order_event::expire();
  }
  return order_event::submit();
}

// Columns: submit, accept, reject, trigger, fill, request_cancel, cancel, cancel_reject,
// request_replace, replace, replace_reject, expire. Rows in order_state order. Every row uses a
// limit order except triggered, which needs a stop-limit order.
const cell table[order_state_count][order_event_kind_count] = {
    // new
    {go(st::pending_submit), no(), go(st::rejected), no(), no(), no(), go(st::cancelled), no(),
     no(), no(), no(), no()},
    // pending_submit
    {no(), go(st::accepted), go(st::rejected), no(), no(), no(), go(st::cancelled), no(), no(),
     no(), no(), no()},
    // accepted
    {no(), no(), no(), not_stop(), go(st::partially_filled), go(st::pending_cancel),
     go(st::cancelled), no(), go(st::pending_replace), no(), no(), go(st::expired)},
    // partially_filled
    {no(), no(), no(), no(), go(st::partially_filled), go(st::pending_cancel), go(st::cancelled),
     no(), go(st::pending_replace), no(), no(), go(st::expired)},
    // filled
    {no(), no(), no(), no(), no(), no(), no(), no(), no(), no(), no(), no()},
    // pending_cancel (from accepted)
    {no(), no(), no(), not_stop(), go(st::pending_cancel), no(), go(st::cancelled),
     go(st::accepted), no(), no(), no(), go(st::expired)},
    // cancelled
    {no(), no(), no(), no(), no(), no(), no(), no(), no(), no(), no(), no()},
    // pending_replace (from accepted, asking for 150)
    {no(), no(), no(), not_stop(), go(st::pending_replace), no(), go(st::cancelled), no(), no(),
     go(st::accepted), go(st::accepted), go(st::expired)},
    // rejected
    {no(), no(), no(), no(), no(), no(), no(), no(), no(), no(), no(), no()},
    // expired
    {no(), no(), no(), no(), no(), no(), no(), no(), no(), no(), no(), no()},
    // triggered (stop-limit)
    {no(), no(), no(), no(), go(st::partially_filled), go(st::pending_cancel), go(st::cancelled),
     no(), go(st::pending_replace), no(), no(), go(st::expired)},
};

} // namespace

TEST_CASE("every state meets every event as the transition table says") {
  int legal = 0;
  int refused = 0;
  for (int s = 0; s < order_state_count; ++s) {
    const auto from = static_cast<st>(s);
    const order start = in_state(from == st::triggered ? stop_limit_order() : limit_order(), from);
    for (int k = 0; k < order_event_kind_count; ++k) {
      const auto kind = static_cast<ev>(k);
      const cell& want = table[s][k];
      CAPTURE(to_string(from));
      CAPTURE(to_string(kind));
      order o = start;
      auto refusal = apply(o, sample(kind), 5000);
      if (want.legal) {
        ++legal;
        CHECK_FALSE(refusal);
        CHECK(o.state == want.to);
        CHECK(o.ts_updated == 5000);
      } else {
        ++refused;
        REQUIRE(refusal);
        CHECK(refusal->reason == want.error);
        CHECK(refusal->id == start.id);
        CHECK(refusal->from == from);
        CHECK(refusal->event == kind);
        // The message names the order id, the event and the state.
        CHECK(refusal->message.find("order " + std::to_string(start.id) + ": ") == 0);
        CHECK(refusal->message.find(std::string(to_string(kind)) + " refused in state " +
                                    std::string(to_string(from))) != std::string::npos);
        CHECK(same(o, start));
      }
    }
  }
  // Counted by hand from the table: 3 + 3 + 5 + 5 + 0 + 4 + 0 + 5 + 0 + 0 + 5 = 30 legal cells.
  CHECK(legal == 30);
  CHECK(refused == 11 * 12 - 30);
}

TEST_CASE("terminal states refuse everything and say the order is finished") {
  for (st terminal : {st::filled, st::cancelled, st::rejected, st::expired}) {
    CAPTURE(to_string(terminal));
    CHECK(is_terminal(terminal));
    order o = in_state(limit_order(), terminal);
    const order before = o;
    auto refusal = apply(o, order_event::cancel(), 9000);
    REQUIRE(refusal);
    CHECK(refusal->reason == order_error::illegal_transition);
    CHECK(refusal->message.find("the order is finished") != std::string::npos);
    CHECK(same(o, before));
  }
  for (st working : {st::new_order, st::pending_submit, st::accepted, st::partially_filled,
                     st::pending_cancel, st::pending_replace, st::triggered})
    CHECK_FALSE(is_terminal(working));
}

TEST_CASE("a refusal message reads as a sentence with the numbers") {
  order o = in_state(limit_order(42), st::partially_filled); // 40 of 100 filled
  auto refusal = apply(o, order_event::fill(qty("61"), px("10.00")), 5000);
  REQUIRE(refusal);
  CHECK(refusal->message ==
        "order 42: fill refused in state partially_filled: overfill (filled 40 + fill 61 > "
        "quantity 100)");
  order pending = in_state(limit_order(43), st::pending_cancel);
  auto again = apply(pending, order_event::request_cancel(), 5000);
  REQUIRE(again);
  CHECK(again->message == "order 43: request_cancel refused in state pending_cancel: "
                          "illegal_transition (a request is pending; working state accepted)");
}

TEST_CASE("every state, event and refusal reason has a name") {
  const char* states[] = {"new",      "pending_submit", "accepted",  "partially_filled",
                          "filled",   "pending_cancel", "cancelled", "pending_replace",
                          "rejected", "expired",        "triggered"};
  for (int i = 0; i < order_state_count; ++i)
    CHECK(to_string(static_cast<st>(i)) == states[i]);
  const char* events[] = {"submit",         "accept", "reject",        "trigger",         "fill",
                          "request_cancel", "cancel", "cancel_reject", "request_replace", "replace",
                          "replace_reject", "expire"};
  for (int i = 0; i < order_event_kind_count; ++i)
    CHECK(to_string(static_cast<ev>(i)) == events[i]);
  CHECK(to_string(order_error::overfill) == "overfill");
  CHECK(to_string(order_error::stop_not_triggered) == "stop_not_triggered");
  CHECK(to_string(order_error::unknown_order_id) == "unknown_order_id");
  CHECK(to_string(order_error::replace_quantity_not_above_filled) ==
        "replace_quantity_not_above_filled");
}
