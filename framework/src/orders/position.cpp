// Average-cost position accounting: increase, reduce, close and flip, with fees kept apart.
#include "bourse/orders/position.hpp"

#include "arithmetic.hpp"

namespace bourse::orders {

namespace {

position_error fail(position_error_reason reason, std::string_view symbol,
                    const std::string& detail) {
  return position_error{reason, "position " + std::string(symbol) + ": " + detail};
}

int sign_of(quantity q) noexcept {
  return q.is_positive() ? 1 : q.is_negative() ? -1 : 0;
}

money zero_money(int precision) noexcept {
  return money::from_raw(0, precision);
}

} // namespace

std::string_view to_string(position_error_reason reason) noexcept {
  switch (reason) {
  case position_error_reason::non_positive_quantity:
    return "non_positive_quantity";
  case position_error_reason::non_positive_price:
    return "non_positive_price";
  case position_error_reason::overflow:
    return "overflow";
  }
  return "unknown";
}

std::optional<position_error> check_fill(std::string_view symbol, quantity qty, price px) {
  if (!qty.is_positive())
    return fail(position_error_reason::non_positive_quantity, symbol,
                "fill quantity " + qty.to_string() + " is not positive");
  if (!px.is_positive())
    return fail(position_error_reason::non_positive_price, symbol,
                "fill price " + px.to_string() + " is not positive");
  return std::nullopt;
}

std::optional<position_error> position::apply_fill(side fill_side, quantity qty, price px,
                                                   money fee) {
  if (auto problem = check_fill(symbol_, qty, px))
    return problem;
  auto overflow = [&](const char* what) {
    return fail(position_error_reason::overflow, symbol_,
                std::string(what) + " overflows on a fill of " + qty.to_string() + " at " +
                    px.to_string());
  };
  const quantity signed_qty = fill_side == side::buy ? qty : -qty;
  auto fill_value = notional(px, signed_qty); // signed: buys positive, sells negative
  auto new_fees = detail::add(fees_, fee);
  if (!fill_value || !new_fees)
    return overflow(fill_value ? "fees" : "fill value");

  quantity new_net = net_;
  money new_cost = cost_basis_;
  money new_realised = realised_;
  const int net_sign = sign_of(net_);
  const quantity abs_net = net_sign < 0 ? -net_ : net_;

  if (net_sign == 0 || net_sign == sign_of(signed_qty)) {
    // Open or increase: quantity and exact cost add up.
    auto n = detail::add(net_, signed_qty);
    auto c = detail::add(cost_basis_, *fill_value);
    if (!n || !c)
      return overflow("position");
    new_net = *n;
    new_cost = *c;
  } else if (qty < abs_net) {
    // Reduce: the closed part carries its share of the cost, rounded at the cost's precision.
    const int qp = qty.precision() > abs_net.precision() ? qty.precision() : abs_net.precision();
    auto product = detail::mul(cost_basis_.raw(), detail::widen(qty.raw(), qty.precision(), qp));
    if (!product)
      return overflow("closed cost");
    const detail::int128 removed_raw =
        detail::div_round(*product, detail::widen(abs_net.raw(), abs_net.precision(), qp));
    const money removed =
        money::from_raw(static_cast<std::int64_t>(removed_raw), cost_basis_.precision());
    // The closed part's value at the fill price is -fill_value (the fill is against the position).
    auto gain = detail::sub(-*fill_value, removed);
    auto r = gain ? detail::add(realised_, *gain) : std::optional<money>{};
    auto n = detail::add(net_, signed_qty);
    auto c = detail::sub(cost_basis_, removed);
    if (!r || !n || !c)
      return overflow("realised PnL");
    new_realised = *r;
    new_net = *n;
    new_cost = *c;
  } else {
    // Close (and flip when the fill is larger): the whole cost basis is realised against the
    // closing value net * price; a remainder opens on the other side at the fill price.
    auto closing_value = notional(px, net_);
    auto gain = closing_value ? detail::sub(*closing_value, cost_basis_) : std::optional<money>{};
    auto r = gain ? detail::add(realised_, *gain) : std::optional<money>{};
    auto remainder = detail::add(net_, signed_qty);
    auto opened = remainder ? notional(px, *remainder) : std::optional<money>{};
    if (!r || !remainder || !opened)
      return overflow("realised PnL");
    new_realised = *r;
    new_net = *remainder;
    new_cost = remainder->is_zero() ? zero_money(cost_basis_.precision()) : *opened;
  }

  net_ = new_net;
  cost_basis_ = new_cost;
  realised_ = new_realised;
  fees_ = *new_fees;
  last_price_ = px;
  ++fill_count_;
  return std::nullopt;
}

std::optional<price> position::average_price() const noexcept {
  if (net_.is_zero())
    return std::nullopt;
  const detail::int128 cost = cost_basis_.raw();
  const detail::int128 amount = net_.raw();
  return detail::divide_to_price(cost < 0 ? -cost : cost, cost_basis_.precision(),
                                 amount < 0 ? -amount : amount, net_.precision());
}

std::optional<money> position::unrealised(price mark) const noexcept {
  if (net_.is_zero())
    return zero_money(cost_basis_.precision());
  auto value = notional(mark, net_);
  if (!value)
    return std::nullopt;
  return detail::sub(*value, cost_basis_);
}

std::optional<money> position::unrealised() const noexcept {
  if (net_.is_zero() || !last_price_)
    return zero_money(cost_basis_.precision());
  return unrealised(*last_price_);
}

std::optional<money> position::net_pnl(price mark) const noexcept {
  auto open = unrealised(mark);
  auto gross = open ? detail::add(realised_, *open) : std::optional<money>{};
  return gross ? detail::sub(*gross, fees_) : std::nullopt;
}

} // namespace bourse::orders
