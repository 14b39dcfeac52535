#pragma once
// A strategy's own view of its open orders, kept from what it sent and the events it got back.

#include <cstddef>
#include <map>
#include <string_view>
#include <vector>

#include "bourse/core/fixed_point.hpp"
#include "bourse/core/ids.hpp"
#include "bourse/core/time.hpp"
#include "bourse/strategy/commands.hpp"
#include "bourse/strategy/events.hpp"

namespace bourse {

/// Where an open order is, as far as its strategy knows.
enum class working_status : std::uint8_t {
  pending_new,     ///< Sent, not yet accepted.
  working,         ///< Accepted (possibly partially filled).
  triggered,       ///< A stop order whose stop price was reached.
  pending_cancel,  ///< A cancel was sent, no answer yet.
  pending_replace  ///< A replace was sent, no answer yet.
};

/// Returns "pending_new", "working", "triggered", "pending_cancel" or "pending_replace".
[[nodiscard]] std::string_view to_string(working_status status) noexcept;

/// One open order of a strategy.
struct working_order {
  /// The order's id.
  order_id id = 0;
  /// What was ordered; `qty` and `limit_price` follow replaces.
  order_request request;
  /// Quantity filled so far.
  quantity filled;
  /// Open quantity (request.qty - filled, or the replaced open quantity).
  quantity leaves;
  /// Where the order is.
  working_status status = working_status::pending_new;
  /// The status to return to when a pending cancel or replace is refused.
  working_status resume = working_status::pending_new;
  /// When the strategy sent it (ns).
  timestamp ts_sent = 0;
  /// Bracket exit: its entry order (0: none). Nothing is open (leaves zero) until the entry fills.
  order_id parent = 0;
  /// One-cancels-other sibling (0: none): only one of the two can fill, so they count once.
  order_id oco = 0;
};

/// The open orders of one strategy by id (std::map: listings in id order, which is send order).
/// An order leaves the set when it fills completely, is cancelled, expires, or its submit is
/// rejected.
class working_orders {
public:
  /// Records a new order the strategy just sent; `parent` and `oco` link bracket exits and
  /// one-cancels-other pairs the way the order manager does: a bracket exit opens as its entry
  /// fills, and a fill of one member shrinks its sibling by as much.
  void add(order_id id, const order_request& request, timestamp ts, order_id parent = 0,
           order_id oco = 0);

  /// Applies an order update; unknown ids are ignored (returns false).
  bool apply(const order_update& update);

  /// Applies a fill; unknown ids are ignored (returns false).
  bool apply(const fill_event& fill);

  /// Marks a cancel (or replace) as sent; returns false when the order is unknown or a cancel or
  /// replace is already pending.
  bool request_cancel(order_id id);
  /// Marks a replace as sent; see request_cancel.
  bool request_replace(order_id id);

  /// Returns the order with `id`, or nullptr when it is not open.
  [[nodiscard]] const working_order* find(order_id id) const;

  /// Returns the open orders in `symbol` (every symbol when empty), ascending by id.
  [[nodiscard]] std::vector<working_order> list(std::string_view symbol = {}) const;

  /// Returns the signed open quantity in `symbol`: buys' leaves minus sells' leaves, a
  /// one-cancels-other pair counted once (the larger leaves).
  [[nodiscard]] quantity net_open(std::string_view symbol) const;

  /// Returns how many orders are open.
  [[nodiscard]] std::size_t size() const noexcept { return orders_.size(); }

private:
  std::map<order_id, working_order> orders_;
};

} // namespace bourse
