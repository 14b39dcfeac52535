// A strategy's open orders, updated from its own commands and the events it receives.
#include "bourse/strategy/working_orders.hpp"

namespace bourse {

namespace {

bool is_pending_request(working_status s) {
  return s == working_status::pending_cancel || s == working_status::pending_replace;
}

// Moves an order to `next`, or only its resume status while a request is pending.
void move_to(working_order& o, working_status next) {
  if (is_pending_request(o.status))
    o.resume = next;
  else
    o.status = o.resume = next;
}

} // namespace

std::string_view to_string(working_status status) noexcept {
  switch (status) {
    case working_status::pending_new:
      return "pending_new";
    case working_status::working:
      return "working";
    case working_status::triggered:
      return "triggered";
    case working_status::pending_cancel:
      return "pending_cancel";
    case working_status::pending_replace:
      return "pending_replace";
  }
  return "unknown";
}

void working_orders::add(order_id id, const order_request& request, timestamp ts,
                         order_id parent, order_id oco) {
  working_order o;
  o.id = id;
  o.request = request;
  o.leaves = parent != 0 ? quantity{} : request.qty;
  o.ts_sent = ts;
  o.parent = parent;
  o.oco = oco;
  orders_[id] = std::move(o);
}

bool working_orders::apply(const order_update& update) {
  auto it = orders_.find(update.id);
  if (it == orders_.end())
    return false;
  auto& o = it->second;
  switch (update.kind) {
    case order_update_kind::accepted:
      if (o.status == working_status::pending_new || o.resume == working_status::pending_new)
        move_to(o, working_status::working);
      break;
    case order_update_kind::triggered:
      move_to(o, working_status::triggered);
      break;
    case order_update_kind::rejected:
      if (update.command == order_request_kind::submit)
        orders_.erase(it);
      else if (is_pending_request(o.status))
        o.status = o.resume;
      break;
    case order_update_kind::replaced:
      // A plain stop's price is its stop price (a trailing stop moved by the order manager).
      if (update.new_price.is_positive() && o.request.type == order_type::stop)
        o.request.stop_price = update.new_price;
      else if (update.new_price.is_positive())
        o.request.limit_price = update.new_price;
      if (update.new_qty.is_positive()) {
        o.leaves = update.new_qty;
        o.request.qty = o.filled + update.new_qty;
      }
      if (o.status == working_status::pending_replace)
        o.status = o.resume;
      break;
    case order_update_kind::cancelled:
    case order_update_kind::expired:
      orders_.erase(it);
      break;
  }
  return true;
}

bool working_orders::apply(const fill_event& fill) {
  auto it = orders_.find(fill.id);
  if (it == orders_.end())
    return false;
  auto& o = it->second;
  o.filled += fill.fill_qty;
  o.leaves = fill.leaves_qty;
  // The order manager opens a bracket's exits as the entry fills and shrinks a one-cancels-other
  // sibling by what the other filled; the venue's events confirm it later.
  for (auto& [id, child] : orders_)
    if (child.parent == fill.id)
      child.leaves += fill.fill_qty;
  if (o.oco != 0)
    if (auto sibling = orders_.find(o.oco); sibling != orders_.end()) {
      auto& s = sibling->second;
      s.leaves = s.leaves > fill.fill_qty ? s.leaves - fill.fill_qty : quantity{};
    }
  if (!o.leaves.is_positive())
    orders_.erase(it);
  else if (o.status == working_status::pending_new)
    o.status = o.resume = working_status::working;
  return true;
}

bool working_orders::request_cancel(order_id id) {
  auto it = orders_.find(id);
  if (it == orders_.end() || is_pending_request(it->second.status))
    return false;
  it->second.resume = it->second.status;
  it->second.status = working_status::pending_cancel;
  return true;
}

bool working_orders::request_replace(order_id id) {
  auto it = orders_.find(id);
  if (it == orders_.end() || is_pending_request(it->second.status))
    return false;
  it->second.resume = it->second.status;
  it->second.status = working_status::pending_replace;
  return true;
}

const working_order* working_orders::find(order_id id) const {
  auto it = orders_.find(id);
  return it == orders_.end() ? nullptr : &it->second;
}

std::vector<working_order> working_orders::list(std::string_view symbol) const {
  std::vector<working_order> out;
  for (const auto& [id, o] : orders_)
    if (symbol.empty() || o.request.symbol == symbol)
      out.push_back(o);
  return out;
}

quantity working_orders::net_open(std::string_view symbol) const {
  quantity net;
  for (const auto& [id, o] : orders_) {
    if (o.request.symbol != symbol)
      continue;
    quantity leaves = o.leaves;
    if (o.oco != 0)
      if (auto sibling = orders_.find(o.oco); sibling != orders_.end()) {
        if (o.oco < id)
          continue; // counted with the sibling
        if (sibling->second.leaves > leaves)
          leaves = sibling->second.leaves;
      }
    net += o.request.order_side == side::buy ? leaves : -leaves;
  }
  return net;
}

} // namespace bourse
