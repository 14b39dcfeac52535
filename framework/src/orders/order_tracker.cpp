// The order tracker: orders by id and their open quantities per owner, symbol and side.
#include "bourse/orders/order_tracker.hpp"

#include <utility>

#include "bourse/orders/order_state_machine.hpp"

namespace bourse::orders {

std::optional<order_refusal> order_tracker::add(order fresh) {
  if (orders_.count(fresh.id) != 0 || finished_.contains(fresh.id))
    return make_order_refusal(order_error::duplicate_order_id, fresh.id, std::nullopt, std::nullopt,
                              "the tracker already holds this id");
  if (auto problem = validate_new_order(fresh))
    return problem;
  auto it = orders_.emplace(fresh.id, std::move(fresh)).first;
  if (!is_terminal(it->second.state))
    ++live_;
  else
    terminal_.push_back(it->first);
  adjust(it->second, it->second.open_quantity());
  return std::nullopt;
}

std::optional<order_refusal> order_tracker::apply(order_id id, const order_event& event,
                                                  timestamp ts) {
  auto it = orders_.find(id);
  if (it == orders_.end())
    return make_order_refusal(order_error::unknown_order_id, id, std::nullopt, event.kind,
                              "the tracker holds no order with this id");
  // Only a change of the order's open quantity touches the per-owner totals.
  const quantity before = it->second.open_quantity();
  const bool was_terminal = is_terminal(it->second.state);
  auto refusal = orders::apply(it->second, event, ts);
  if (!refusal) {
    if (!was_terminal && is_terminal(it->second.state)) {
      --live_;
      terminal_.push_back(id);
    }
    const quantity change = it->second.open_quantity() - before;
    if (!change.is_zero())
      adjust(it->second, change);
  }
  return refusal;
}

const order* order_tracker::find(order_id id) const noexcept {
  auto it = orders_.find(id);
  return it == orders_.end() ? nullptr : &it->second;
}

open_quantities order_tracker::open(owner_ref owner, std::string_view symbol) const {
  auto it = open_.find(std::make_tuple(owner.kind, owner.id, symbol));
  return it == open_.end() ? open_quantities{} : it->second;
}

bool order_tracker::forget(order_id id) {
  auto it = orders_.find(id);
  if (it == orders_.end() || !is_terminal(it->second.state))
    return false;
  const order& o = it->second;
  // A terminal order has no open quantity: the per-owner totals do not change.
  finished_.add(id, o.strategy_id, o.account_id, o.symbol, static_cast<std::uint8_t>(o.state));
  orders_.erase(it);
  return true;
}

std::vector<order_id> order_tracker::take_terminal() {
  return std::exchange(terminal_, {});
}

std::size_t order_tracker::remove_finished() {
  std::size_t removed = 0;
  for (auto it = orders_.begin(); it != orders_.end();) {
    if (is_terminal(it->second.state)) {
      const order& o = it->second;
      finished_.add(it->first, o.strategy_id, o.account_id, o.symbol,
                    static_cast<std::uint8_t>(o.state));
      it = orders_.erase(it);
      ++removed;
    } else {
      ++it;
    }
  }
  return removed;
}

void order_tracker::adjust(const order& o, quantity change) {
  if (change.is_zero())
    return;
  for (owner_ref owner : {owner_ref{owner_kind::strategy, o.strategy_id},
                          owner_ref{owner_kind::account, o.account_id}}) {
    // Look up without copying the symbol; insert (one copy) only for a new key.
    auto it = open_.find(std::make_tuple(owner.kind, owner.id, std::string_view(o.symbol)));
    if (it == open_.end())
      it = open_.emplace(key{owner.kind, owner.id, o.symbol}, open_quantities{}).first;
    quantity& side_total = o.side == side::buy ? it->second.buy : it->second.sell;
    side_total += change;
    if (it->second.buy.is_zero() && it->second.sell.is_zero())
      open_.erase(it);
  }
}

} // namespace bourse::orders
