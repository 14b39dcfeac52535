// Names of the order-flow enums and accessors of the commands and events.
#include "bourse/orders/order_flow.hpp"

namespace bourse {

std::string to_string(order_reject_reason reason) {
  switch (reason) {
  case order_reject_reason::unknown_symbol:
    return "unknown_symbol";
  case order_reject_reason::duplicate_id:
    return "duplicate_id";
  case order_reject_reason::unknown_order:
    return "unknown_order";
  case order_reject_reason::order_finished:
    return "order_finished";
  case order_reject_reason::invalid_order:
    return "invalid_order";
  case order_reject_reason::off_tick:
    return "off_tick";
  case order_reject_reason::off_lot:
    return "off_lot";
  case order_reject_reason::no_reference_price:
    return "no_reference_price";
  case order_reject_reason::max_order_quantity:
    return "max_order_quantity";
  case order_reject_reason::max_order_notional:
    return "max_order_notional";
  case order_reject_reason::price_band:
    return "price_band";
  case order_reject_reason::max_position:
    return "max_position";
  case order_reject_reason::rate_limit:
    return "rate_limit";
  case order_reject_reason::request_pending:
    return "request_pending";
  case order_reject_reason::not_owner:
    return "not_owner";
  case order_reject_reason::shutting_down:
    return "shutting_down";
  case order_reject_reason::would_cross:
    return "would_cross";
  case order_reject_reason::reduce_only:
    return "reduce_only";
  case order_reject_reason::overflow:
    return "overflow";
  }
  return "unknown";
}

std::string to_string(command_kind kind) {
  switch (kind) {
  case command_kind::submit:
    return "submit";
  case command_kind::cancel:
    return "cancel";
  case command_kind::replace:
    return "replace";
  }
  return "unknown";
}

std::string to_string(order_cancel_reason reason) {
  switch (reason) {
  case order_cancel_reason::user:
    return "user";
  case order_cancel_reason::no_liquidity:
    return "no_liquidity";
  case order_cancel_reason::ioc:
    return "ioc";
  case order_cancel_reason::fok:
    return "fok";
  case order_cancel_reason::shutdown:
    return "shutdown";
  case order_cancel_reason::oco:
    return "oco";
  case order_cancel_reason::parent:
    return "parent";
  case order_cancel_reason::reduce_only:
    return "reduce_only";
  }
  return "unknown";
}

std::string to_string(liquidity value) {
  return value == liquidity::maker ? "maker" : "taker";
}

} // namespace bourse

namespace bourse::orders {

const order_event_header& header_of(const execution_event& event) noexcept {
  return std::visit([](const auto& e) -> const order_event_header& { return header_of(e); }, event);
}

order_id id_of(const order_command& command) noexcept {
  return std::visit([](const auto& c) { return c.id; }, command);
}

} // namespace bourse::orders
