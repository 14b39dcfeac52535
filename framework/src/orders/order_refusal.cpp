// Names of order refusal reasons and the refusal messages.
#include "bourse/orders/order_refusal.hpp"

#include <utility>

namespace bourse::orders {

std::string_view to_string(order_error reason) noexcept {
  switch (reason) {
  case order_error::illegal_transition:
    return "illegal_transition";
  case order_error::non_positive_quantity:
    return "non_positive_quantity";
  case order_error::non_positive_price:
    return "non_positive_price";
  case order_error::overfill:
    return "overfill";
  case order_error::not_a_stop_order:
    return "not_a_stop_order";
  case order_error::stop_not_triggered:
    return "stop_not_triggered";
  case order_error::empty_replace:
    return "empty_replace";
  case order_error::replace_quantity_not_above_filled:
    return "replace_quantity_not_above_filled";
  case order_error::field_not_applicable:
    return "field_not_applicable";
  case order_error::missing_limit_price:
    return "missing_limit_price";
  case order_error::missing_stop_price:
    return "missing_stop_price";
  case order_error::unexpected_price:
    return "unexpected_price";
  case order_error::empty_symbol:
    return "empty_symbol";
  case order_error::not_new:
    return "not_new";
  case order_error::duplicate_order_id:
    return "duplicate_order_id";
  case order_error::unknown_order_id:
    return "unknown_order_id";
  case order_error::overflow:
    return "overflow";
  }
  return "unknown";
}

order_refusal make_order_refusal(order_error reason, order_id id, std::optional<order_state> from,
                                 std::optional<order_event_kind> event, std::string_view detail) {
  std::string text = "order " + std::to_string(id) + ": ";
  text += event ? std::string(to_string(*event)) : std::string("new order");
  text += " refused";
  if (from) {
    text += " in state ";
    text += to_string(*from);
  }
  text += ": ";
  text += to_string(reason);
  if (!detail.empty()) {
    text += " (";
    text += detail;
    text += ')';
  }
  return order_refusal{reason, id, from, event, std::move(text)};
}

} // namespace bourse::orders
