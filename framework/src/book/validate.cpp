// Validation of new orders and replaces against the instrument's tick and lot grid.
#include "bourse/book/order_book.hpp"

namespace bourse::book {

bool order_book::to_ticks(price px, std::int64_t& ticks) const noexcept {
  std::int64_t raw = px.raw();
  if (px.precision() != price_precision_) {
    auto at = px.rescaled(price_precision_);
    if (!at)
      return false;
    raw = at->raw();
  }
  if (tick_raw_ == 1) {
    ticks = raw;
    return true;
  }
  ticks = raw / tick_raw_;
  return ticks * tick_raw_ == raw;
}

bool order_book::to_raw(quantity qty, std::int64_t& raw) const noexcept {
  raw = qty.raw();
  if (qty.precision() != size_precision_) {
    auto at = qty.rescaled(size_precision_);
    if (!at)
      return false;
    raw = at->raw();
  }
  return lot_raw_ == 1 || raw % lot_raw_ == 0;
}

std::optional<reject_reason> order_book::check_qty(quantity qty, std::int64_t& raw) const noexcept {
  if (!qty.is_positive())
    return reject_reason::non_positive_quantity;
  if (!to_raw(qty, raw))
    return reject_reason::off_lot;
  return std::nullopt;
}

std::optional<reject_reason> order_book::check_price(price px, std::int64_t& ticks) const noexcept {
  if (!px.is_positive())
    return reject_reason::non_positive_price;
  if (!to_ticks(px, ticks))
    return reject_reason::off_tick;
  return std::nullopt;
}

// Checks in a fixed order: quantity, limit price, stop price (the id is checked by submit()).
std::optional<reject_reason> order_book::check(const new_order& order, std::int64_t& limit,
                                               std::int64_t& stop,
                                               std::int64_t& qty) const noexcept {
  if (auto reason = check_qty(order.qty, qty))
    return reason;
  bool wants_limit = order.type == order_type::limit || order.type == order_type::stop_limit;
  if (wants_limit) {
    if (!order.limit_price)
      return reject_reason::missing_price;
    if (auto reason = check_price(*order.limit_price, limit))
      return reason;
  } else if (order.limit_price) {
    return reject_reason::unexpected_price;
  }
  bool wants_stop = order.type == order_type::stop || order.type == order_type::stop_limit;
  if (wants_stop) {
    if (!order.stop_price)
      return reject_reason::missing_stop_price;
    if (auto reason = check_price(*order.stop_price, stop))
      return reason;
  } else if (order.stop_price) {
    return reject_reason::unexpected_stop_price;
  }
  return std::nullopt;
}

} // namespace bourse::book
