// The pre-trade risk rules: sanity, overflow, max quantity, max notional, price band, max position.
#include "bourse/orders/risk_rules.hpp"

#include <limits>

#include "arithmetic.hpp"

namespace bourse::orders {

namespace {

std::string describe(owner_ref owner) {
  return std::string(to_string(owner.kind)) + " " + std::to_string(owner.id);
}

std::string prefix(const order& o) {
  return "order " + std::to_string(o.id) + ": ";
}

risk_denial deny(risk_denial_reason reason, std::optional<owner_ref> owner, const order& o,
                 const std::string& text) {
  return risk_denial{reason, owner, o.id, prefix(o) + text};
}

// Returns the price the band rule looks at: limit price, or the stop price of stop orders.
std::optional<price> banded_price(const order& o) noexcept {
  if (o.type == order_type::stop)
    return o.stop_price;
  if (o.type == order_type::limit || o.type == order_type::stop_limit)
    return o.limit_price;
  return std::nullopt;
}

// Formats hundredths as "x.yy".
std::string format_hundredths(detail::int128 value) {
  const bool overflow = !detail::fits(value);
  return overflow ? std::string("huge")
                  : bourse::detail::format_decimal(static_cast<std::int64_t>(value), 2);
}

} // namespace

std::string_view to_string(risk_denial_reason reason) noexcept {
  switch (reason) {
  case risk_denial_reason::invalid_order:
    return "invalid_order";
  case risk_denial_reason::no_reference_price:
    return "no_reference_price";
  case risk_denial_reason::max_order_quantity:
    return "max_order_quantity";
  case risk_denial_reason::max_order_notional:
    return "max_order_notional";
  case risk_denial_reason::price_band:
    return "price_band";
  case risk_denial_reason::max_position:
    return "max_position";
  case risk_denial_reason::rate_limit:
    return "rate_limit";
  case risk_denial_reason::overflow:
    return "overflow";
  }
  return "unknown";
}

std::optional<risk_denial> check_order_sanity(const order& o) {
  if (!o.quantity.is_positive())
    return deny(risk_denial_reason::invalid_order, std::nullopt, o,
                "quantity " + o.quantity.to_string() + " is not positive");
  if ((o.type == order_type::limit || o.type == order_type::stop_limit) && !o.limit_price)
    return deny(risk_denial_reason::invalid_order, std::nullopt, o,
                std::string("a ") + std::string(to_string(o.type)) + " order without limit price");
  if (o.is_stop() && !o.stop_price)
    return deny(risk_denial_reason::invalid_order, std::nullopt, o,
                std::string("a ") + std::string(to_string(o.type)) + " order without stop price");
  return std::nullopt;
}

std::optional<risk_denial> check_overflow(const order& o, std::optional<price> reference,
                                          const exposure& current, owner_ref owner) {
  constexpr detail::int128 limit = detail::raw_limit / overflow_headroom;
  auto too_big = [](auto value) {
    const detail::int128 raw = value.raw();
    return raw > limit || raw < -limit;
  };
  auto refuse = [&](const std::string& what) {
    return deny(risk_denial_reason::overflow, owner, o,
                what + " of " + describe(owner) + " would overflow (quantity " +
                    o.quantity.to_string() + ")");
  };
  if (current.position.raw() == std::numeric_limits<std::int64_t>::min())
    return refuse("the position after the order"); // its magnitude has no int64
  const quantity held = current.position.is_negative() ? -current.position : current.position;
  const quantity open = o.side == side::buy ? current.open.buy : current.open.sell;
  auto partial = detail::add(held, open);
  auto after = partial ? detail::add(*partial, o.quantity) : std::optional<quantity>{};
  if (too_big(o.quantity) || !after || too_big(*after))
    return refuse("the position after the order");
  auto px = notional_price(o, reference);
  if (!px)
    return std::nullopt; // a market order without a reference price: nothing to value it at
  auto value = notional(*px, o.quantity);
  if (!value || too_big(*value))
    return refuse("the notional " + o.quantity.to_string() + " at " + px->to_string());
  auto exposure_value = notional(*px, *after);
  if (!exposure_value || too_big(*exposure_value))
    return refuse("the exposure " + after->to_string() + " at " + px->to_string());
  return std::nullopt;
}

std::optional<risk_denial> check_max_order_quantity(const order& o, quantity max, owner_ref owner) {
  if (o.quantity <= max)
    return std::nullopt;
  return deny(risk_denial_reason::max_order_quantity, owner, o,
              "quantity " + o.quantity.to_string() + " above the max order quantity " +
                  max.to_string() + " of " + describe(owner));
}

std::optional<price> notional_price(const order& o, std::optional<price> reference) noexcept {
  switch (o.type) {
  case order_type::limit:
  case order_type::stop_limit:
    return o.limit_price;
  case order_type::stop:
    return o.stop_price;
  case order_type::market:
    if (reference && reference->is_positive())
      return reference;
    return std::nullopt;
  }
  return std::nullopt;
}

std::optional<risk_denial> check_max_order_notional(const order& o, money max,
                                                    std::optional<price> reference,
                                                    owner_ref owner) {
  auto px = notional_price(o, reference);
  if (!px)
    return deny(risk_denial_reason::no_reference_price, owner, o,
                "no positive reference price to value a " + std::string(to_string(o.type)) +
                    " order for the max order notional of " + describe(owner));
  auto value = notional(*px, o.quantity);
  if (!value)
    return deny(risk_denial_reason::max_order_notional, owner, o,
                "notional of " + o.quantity.to_string() + " at " + px->to_string() +
                    " overflows; max order notional " + max.to_string() + " of " + describe(owner));
  if (*value <= max)
    return std::nullopt;
  return deny(risk_denial_reason::max_order_notional, owner, o,
              "notional " + value->to_string() + " (" + o.quantity.to_string() + " at " +
                  px->to_string() + ") above the max order notional " + max.to_string() + " of " +
                  describe(owner));
}

std::optional<risk_denial> check_price_band(const order& o, std::int64_t band_bps,
                                            std::optional<price> reference, owner_ref owner) {
  auto px = banded_price(o);
  if (!px)
    return std::nullopt; // market orders carry no price to band
  if (!reference || !reference->is_positive())
    return deny(risk_denial_reason::no_reference_price, owner, o,
                "no positive reference price for the price band of " + describe(owner));
  const int p = px->precision() > reference->precision() ? px->precision() : reference->precision();
  const detail::int128 a = detail::widen(px->raw(), px->precision(), p);
  const detail::int128 r = detail::widen(reference->raw(), reference->precision(), p);
  const detail::int128 distance = a > r ? a - r : r - a;
  auto allowed = detail::mul(band_bps, r);
  if (!allowed || distance * 10'000 <= *allowed)
    return std::nullopt;
  const detail::int128 hundredths_bps = detail::div_round(distance * 1'000'000, r);
  return deny(risk_denial_reason::price_band, owner, o,
              "price " + px->to_string() + " is " + format_hundredths(hundredths_bps) +
                  " bps from reference " + reference->to_string() + ", beyond the " +
                  std::to_string(band_bps) + " bps band of " + describe(owner));
}

std::optional<risk_denial> check_max_position(const order& o, quantity max, const exposure& current,
                                              owner_ref owner) {
  const bool buy = o.side == side::buy;
  const quantity position_part = buy ? current.position : -current.position;
  const quantity open_part = buy ? current.open.buy : current.open.sell;
  auto partial = detail::add(position_part, open_part);
  auto worst = partial ? detail::add(*partial, o.quantity) : std::optional<quantity>{};
  if (worst && *worst <= max)
    return std::nullopt;
  const std::string worst_text = worst ? worst->to_string() : std::string("beyond range");
  return deny(risk_denial_reason::max_position, owner, o,
              std::string(to_string(o.side)) + " " + o.quantity.to_string() + " could take the " +
                  (buy ? "long" : "short") + " position of " + describe(owner) + " to " +
                  worst_text + " (position " + current.position.to_string() + ", open " +
                  (buy ? "buys " : "sells ") + open_part.to_string() + ", order " +
                  o.quantity.to_string() + "), above the max position " + max.to_string());
}

} // namespace bourse::orders
