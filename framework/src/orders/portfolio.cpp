// A portfolio: positions by symbol, cash, and totals at marks.
#include "bourse/orders/portfolio.hpp"

#include "arithmetic.hpp"

namespace bourse::orders {

std::optional<position_error> portfolio::apply_fill(std::string_view symbol, side fill_side,
                                                    quantity qty, price px, money fee) {
  if (auto problem = check_fill(symbol, qty, px))
    return problem;
  // Cash moves by -(signed fill value) - fee; computed first so that nothing changes on overflow.
  auto value = notional(px, fill_side == side::buy ? qty : -qty);
  auto after_value = value ? detail::sub(cash_, *value) : std::optional<money>{};
  auto new_cash = after_value ? detail::sub(*after_value, fee) : std::optional<money>{};
  if (!new_cash)
    return position_error{position_error_reason::overflow,
                          "position " + std::string(symbol) + ": cash overflows on a fill of " +
                              qty.to_string() + " at " + px.to_string()};
  auto [it, inserted] = positions_.try_emplace(std::string(symbol), std::string(symbol));
  if (auto problem = it->second.apply_fill(fill_side, qty, px, fee)) {
    if (inserted)
      positions_.erase(it);
    return problem;
  }
  cash_ = *new_cash;
  return std::nullopt;
}

bool portfolio::mark(std::string_view symbol, price px) {
  auto it = positions_.find(symbol);
  if (it == positions_.end())
    return false;
  it->second.mark(px);
  return true;
}

const position* portfolio::find(std::string_view symbol) const {
  auto it = positions_.find(symbol);
  return it == positions_.end() ? nullptr : &it->second;
}

std::optional<portfolio_totals> portfolio::totals() const {
  return totals(mark_map{});
}

std::optional<portfolio_totals> portfolio::totals(const mark_map& marks) const {
  portfolio_totals t;
  t.cash = cash_;
  for (const auto& [symbol, pos] : positions_) {
    auto given = marks.find(symbol);
    std::optional<price> mark =
        given != marks.end() ? std::optional<price>{given->second} : pos.last_price();
    std::optional<money> open = mark ? pos.unrealised(*mark) : pos.unrealised();
    std::optional<money> value = money{};
    if (mark && !pos.is_flat())
      value = notional(*mark, pos.net());
    auto realised = detail::add(t.realised, pos.realised());
    auto fees = detail::add(t.fees, pos.fees());
    auto unrealised = open ? detail::add(t.unrealised, *open) : std::optional<money>{};
    auto market_value = value ? detail::add(t.market_value, *value) : std::optional<money>{};
    if (!realised || !fees || !unrealised || !market_value)
      return std::nullopt;
    t.realised = *realised;
    t.fees = *fees;
    t.unrealised = *unrealised;
    t.market_value = *market_value;
  }
  auto gross = detail::add(t.realised, t.unrealised);
  auto net = gross ? detail::sub(*gross, t.fees) : std::optional<money>{};
  auto equity = detail::add(t.cash, t.market_value);
  if (!net || !equity)
    return std::nullopt;
  t.net_pnl = *net;
  t.equity = *equity;
  return t;
}

} // namespace bourse::orders
