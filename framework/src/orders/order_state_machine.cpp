// The order state machine: the transition table and the checks on fills and replaces.
#include "bourse/orders/order_state_machine.hpp"

#include <initializer_list>
#include <string>

#include "arithmetic.hpp"

namespace bourse::orders {

namespace {

using kind = order_event_kind;
using st = order_state;

bool in(st state, std::initializer_list<st> states) noexcept {
  for (st s : states)
    if (s == state)
      return true;
  return false;
}

// Returns true when the table in docs/orders.md allows `event` in the order's state (data aside).
bool allowed(const order& o, kind event) noexcept {
  const st s = o.state;
  switch (event) {
  case kind::submit:
    return s == st::new_order;
  case kind::accept:
    return s == st::pending_submit;
  case kind::reject:
    return in(s, {st::new_order, st::pending_submit});
  case kind::trigger:
    return in(s, {st::accepted, st::pending_cancel, st::pending_replace}) &&
           o.working_state() == st::accepted;
  case kind::fill:
  case kind::expire:
    return in(s, {st::accepted, st::triggered, st::partially_filled, st::pending_cancel,
                  st::pending_replace});
  case kind::request_cancel:
  case kind::request_replace:
    return in(s, {st::accepted, st::triggered, st::partially_filled});
  case kind::cancel:
    return in(s, {st::new_order, st::pending_submit, st::accepted, st::triggered,
                  st::partially_filled, st::pending_cancel, st::pending_replace});
  case kind::cancel_reject:
    return s == st::pending_cancel;
  case kind::replace:
  case kind::replace_reject:
    return s == st::pending_replace;
  }
  return false;
}

std::string illegal_detail(const order& o) {
  if (is_terminal(o.state))
    return "the order is finished";
  if (is_pending_request(o.state))
    return std::string("a request is pending; working state ") +
           std::string(to_string(o.resume_state));
  return {};
}

// Checks replace changes against the order; returns the problem or nullopt.
std::optional<order_refusal> check_changes(const order& o, const order_changes& c, kind event) {
  auto refuse = [&](order_error reason, std::string detail) {
    return make_order_refusal(reason, o.id, o.state, event, detail);
  };
  if (c.empty())
    return refuse(order_error::empty_replace, "no field to change");
  if (c.quantity) {
    if (!c.quantity->is_positive())
      return refuse(order_error::non_positive_quantity, "quantity " + c.quantity->to_string());
    if (*c.quantity <= o.filled)
      return refuse(order_error::replace_quantity_not_above_filled,
                    "quantity " + c.quantity->to_string() + " <= filled " + o.filled.to_string());
  }
  if (c.limit_price) {
    if (o.type != order_type::limit && o.type != order_type::stop_limit)
      return refuse(order_error::field_not_applicable, std::string("a ") +
                                                           std::string(to_string(o.type)) +
                                                           " order has no limit price");
    if (!c.limit_price->is_positive())
      return refuse(order_error::non_positive_price, "limit price " + c.limit_price->to_string());
  }
  if (c.stop_price) {
    if (!o.is_stop())
      return refuse(order_error::field_not_applicable, std::string("a ") +
                                                           std::string(to_string(o.type)) +
                                                           " order has no stop price");
    if (o.working_state() != st::accepted)
      return refuse(order_error::field_not_applicable, "the stop price of a triggered order");
    if (!c.stop_price->is_positive())
      return refuse(order_error::non_positive_price, "stop price " + c.stop_price->to_string());
  }
  return std::nullopt;
}

void enter(order& o, st state, timestamp ts) noexcept {
  o.state = state;
  o.resume_state = state;
  o.requested_changes.reset();
  if (is_terminal(state))
    o.ts_closed = ts;
}

} // namespace

std::optional<order_refusal> validate_new_order(const order& o) {
  auto refuse = [&](order_error reason, std::string detail) {
    return make_order_refusal(reason, o.id, o.state, std::nullopt, detail);
  };
  if (o.state != st::new_order || !o.filled.is_zero() || o.requested_changes)
    return refuse(order_error::not_new, "a new order must be in state new with nothing filled");
  if (o.symbol.empty())
    return refuse(order_error::empty_symbol, "");
  if (!o.quantity.is_positive())
    return refuse(order_error::non_positive_quantity, "quantity " + o.quantity.to_string());
  const bool wants_limit = o.type == order_type::limit || o.type == order_type::stop_limit;
  const std::string type_name(to_string(o.type));
  if (wants_limit && !o.limit_price)
    return refuse(order_error::missing_limit_price, "a " + type_name + " order needs one");
  if (o.is_stop() && !o.stop_price)
    return refuse(order_error::missing_stop_price, "a " + type_name + " order needs one");
  if (!wants_limit && o.limit_price)
    return refuse(order_error::unexpected_price, "a " + type_name + " order has no limit price");
  if (!o.is_stop() && o.stop_price)
    return refuse(order_error::unexpected_price, "a " + type_name + " order has no stop price");
  if (o.limit_price && !o.limit_price->is_positive())
    return refuse(order_error::non_positive_price, "limit price " + o.limit_price->to_string());
  if (o.stop_price && !o.stop_price->is_positive())
    return refuse(order_error::non_positive_price, "stop price " + o.stop_price->to_string());
  return std::nullopt;
}

std::optional<order_refusal> apply(order& o, const order_event& e, timestamp ts) {
  if (!allowed(o, e.kind))
    return make_order_refusal(order_error::illegal_transition, o.id, o.state, e.kind,
                              illegal_detail(o));
  auto refuse = [&](order_error reason, std::string detail) {
    return make_order_refusal(reason, o.id, o.state, e.kind, detail);
  };
  const bool pending = is_pending_request(o.state);
  switch (e.kind) {
  case kind::submit:
    enter(o, st::pending_submit, ts);
    o.ts_submitted = ts;
    break;
  case kind::accept:
    enter(o, st::accepted, ts);
    o.ts_accepted = ts;
    break;
  case kind::reject:
    enter(o, st::rejected, ts);
    break;
  case kind::trigger:
    if (!o.is_stop())
      return refuse(order_error::not_a_stop_order,
                    std::string("a ") + std::string(to_string(o.type)) + " order");
    if (pending)
      o.resume_state = st::triggered;
    else
      enter(o, st::triggered, ts);
    break;
  case kind::fill: {
    if (!e.fill_quantity.is_positive())
      return refuse(order_error::non_positive_quantity,
                    "fill quantity " + e.fill_quantity.to_string());
    if (!e.fill_price.is_positive())
      return refuse(order_error::non_positive_price, "fill price " + e.fill_price.to_string());
    if (o.is_stop() && o.working_state() == st::accepted)
      return refuse(order_error::stop_not_triggered, "a stop order fills only after its trigger");
    auto new_filled = detail::add(o.filled, e.fill_quantity);
    if (!new_filled)
      return refuse(order_error::overflow, "filled quantity");
    if (*new_filled > o.quantity)
      return refuse(order_error::overfill, "filled " + o.filled.to_string() + " + fill " +
                                               e.fill_quantity.to_string() + " > quantity " +
                                               o.quantity.to_string());
    auto fill_notional = notional(e.fill_price, e.fill_quantity);
    auto new_notional =
        fill_notional ? detail::add(o.filled_notional, *fill_notional) : std::optional<money>{};
    if (!new_notional)
      return refuse(order_error::overflow, "filled notional");
    o.filled = *new_filled;
    o.filled_notional = *new_notional;
    if (o.filled == o.quantity)
      enter(o, st::filled, ts);
    else if (pending)
      o.resume_state = st::partially_filled;
    else
      enter(o, st::partially_filled, ts);
    break;
  }
  case kind::request_cancel:
    o.resume_state = o.state;
    o.state = st::pending_cancel;
    break;
  case kind::cancel:
    enter(o, st::cancelled, ts);
    break;
  case kind::cancel_reject:
  case kind::replace_reject:
    enter(o, o.resume_state, ts);
    break;
  case kind::request_replace:
    if (auto problem = check_changes(o, e.changes, e.kind))
      return problem;
    o.resume_state = o.state;
    o.state = st::pending_replace;
    o.requested_changes = e.changes;
    break;
  case kind::replace:
    if (auto problem = check_changes(o, e.changes, e.kind))
      return problem;
    if (e.changes.limit_price)
      o.limit_price = e.changes.limit_price;
    if (e.changes.stop_price)
      o.stop_price = e.changes.stop_price;
    if (e.changes.quantity)
      o.quantity = *e.changes.quantity;
    enter(o, o.resume_state, ts);
    break;
  case kind::expire:
    enter(o, st::expired, ts);
    break;
  }
  o.ts_updated = ts;
  return std::nullopt;
}

} // namespace bourse::orders
