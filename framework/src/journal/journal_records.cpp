// The journal's records: names, ids, and the replay that rebuilds positions and open orders.
#include "bourse/journal/journal_records.hpp"

#include <set>
#include <tuple>

namespace bourse::journal {

namespace {

template <class... Ts> struct overloaded : Ts... { using Ts::operator()...; };
template <class... Ts> overloaded(Ts...) -> overloaded<Ts...>;

timestamp ts_of(const record& r) noexcept {
  return std::visit(
      [](const auto& x) -> timestamp {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, submit_order>)
          return x.ts_event;
        else
          return orders::header_of(x).ts_event;
      },
      r);
}

} // namespace

const char* kind_name(const record& r) noexcept {
  static constexpr const char* names[] = {"submitted", "accepted",  "rejected",
                                          "partially_filled", "filled", "cancelled",
                                          "replaced",  "expired",   "triggered"};
  return names[r.index()];
}

order_id order_of(const record& r) noexcept {
  return std::visit(
      [](const auto& x) -> order_id {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, submit_order>)
          return x.id;
        else
          return orders::header_of(x).id;
      },
      r);
}

quantity recovery_state::position(strategy_id strategy, const std::string& symbol) const {
  for (const auto& p : positions)
    if (p.strategy == strategy && p.symbol == symbol)
      return p.net;
  return {};
}

recovery_state replay(const std::vector<stored_record>& records) {
  recovery_state out;
  using order_key = std::pair<std::int64_t, order_id>;
  std::map<order_key, open_order> open;
  std::set<std::tuple<std::int64_t, order_id, trade_id>> seen_fills;
  std::map<std::pair<strategy_id, std::string>, position_total> positions;

  auto book_fill = [&](std::int64_t session, const fill& f, bool completes) {
    if (!seen_fills.emplace(session, f.header.id, f.trade).second)
      return false; // the same fill again: counted once
    out.fills.push_back(f);
    out.completes.push_back(completes);
    auto key = std::make_pair(f.header.strategy, std::string(f.header.symbol.str()));
    auto& p = positions[key];
    p.strategy = key.first;
    p.symbol = key.second;
    const quantity signed_qty = f.fill_side == side::buy ? f.fill_qty : -f.fill_qty;
    p.net += signed_qty;
    ++p.fills;
    if (auto value = notional(f.fill_price, signed_qty))
      p.cash_flow = p.cash_flow - *value - f.fee;
    else
      out.problems.push_back("fill of order " + std::to_string(f.header.id) + " trade " +
                             std::to_string(f.trade) + ": notional overflows");
    auto it = open.find({session, f.header.id});
    if (it != open.end()) {
      it->second.filled += f.fill_qty;
      if (completes)
        open.erase(it);
    }
    return true;
  };

  for (const auto& sr : records) {
    const auto session = sr.session;
    if (auto ts = ts_of(sr.item); ts > out.last_ts)
      out.last_ts = ts;
    std::visit(overloaded{
                   [&](const submit_order& s) {
                     open.emplace(order_key{session, s.id}, open_order{session, s, quantity{}});
                   },
                   [&](const order_partially_filled& e) { book_fill(session, e.execution, false); },
                   [&](const order_filled& e) { book_fill(session, e.execution, true); },
                   [&](const order_replaced& e) {
                     auto it = open.find({session, e.header.id});
                     if (it == open.end())
                       return;
                     auto& o = it->second;
                     if (!e.new_price.is_zero()) {
                       if (o.order.type == order_type::stop)
                         o.order.stop_price = e.new_price;
                       else
                         o.order.limit_price = e.new_price;
                     }
                     o.order.qty = o.filled + e.new_qty;
                   },
                   [&](const order_accepted&) {},
                   [&](const order_triggered&) {},
                   [&](const order_rejected& e) { // a refused cancel or replace ends nothing
                     if (e.command == command_kind::submit)
                       open.erase({session, e.header.id});
                   },
                   [&](const auto& ended) { // cancelled, expired
                     if (ended.header.id != 0)
                       open.erase({session, ended.header.id});
                   }},
               sr.item);
  }
  for (auto& [key, p] : positions)
    out.positions.push_back(std::move(p));
  for (auto& [key, o] : open)
    out.open_orders.push_back(std::move(o));
  return out;
}

} // namespace bourse::journal
