// Names of the matching engine's enums.
#include "bourse/book/types.hpp"

namespace bourse::book {

std::string_view to_string(reject_reason value) noexcept {
  switch (value) {
  case reject_reason::duplicate_id:
    return "duplicate_id";
  case reject_reason::unknown_id:
    return "unknown_id";
  case reject_reason::order_finished:
    return "order_finished";
  case reject_reason::non_positive_quantity:
    return "non_positive_quantity";
  case reject_reason::off_lot:
    return "off_lot";
  case reject_reason::non_positive_price:
    return "non_positive_price";
  case reject_reason::off_tick:
    return "off_tick";
  case reject_reason::missing_price:
    return "missing_price";
  case reject_reason::unexpected_price:
    return "unexpected_price";
  case reject_reason::missing_stop_price:
    return "missing_stop_price";
  case reject_reason::unexpected_stop_price:
    return "unexpected_stop_price";
  }
  return "unknown";
}

std::string_view to_string(cancel_reason value) noexcept {
  switch (value) {
  case cancel_reason::user:
    return "user";
  case cancel_reason::no_liquidity:
    return "no_liquidity";
  case cancel_reason::ioc:
    return "ioc";
  case cancel_reason::fok:
    return "fok";
  case cancel_reason::expired:
    return "expired";
  }
  return "unknown";
}

std::string_view to_string(request_kind value) noexcept {
  switch (value) {
  case request_kind::submit:
    return "submit";
  case request_kind::cancel:
    return "cancel";
  case request_kind::replace:
    return "replace";
  }
  return "unknown";
}

std::string_view to_string(order_status value) noexcept {
  switch (value) {
  case order_status::unknown:
    return "unknown";
  case order_status::resting:
    return "resting";
  case order_status::pending_stop:
    return "pending_stop";
  case order_status::finished:
    return "finished";
  }
  return "unknown";
}

} // namespace bourse::book
