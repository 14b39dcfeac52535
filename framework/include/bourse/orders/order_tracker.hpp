#pragma once
// A set of orders by id: adds checked new orders, applies events by id, and keeps the open order
// quantity per owner, symbol and side up to date for the max-position risk rule.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "bourse/core/time.hpp"
#include "bourse/orders/exposure.hpp"
#include "bourse/orders/finished_orders.hpp"
#include "bourse/orders/order.hpp"
#include "bourse/orders/order_refusal.hpp"

namespace bourse::orders {

/// Holds orders by id (std::map: iteration in id order) and their open quantities per owner.
class order_tracker {
public:
  /// Adds a new order after validate_new_order(); refuses duplicates (also of forgotten orders)
  /// and invalid orders.
  [[nodiscard]] std::optional<order_refusal> add(order fresh);

  /// Applies `event` at `ts` to the order with `id`; refuses unknown ids and whatever apply()
  /// refuses, leaving everything unchanged then.
  [[nodiscard]] std::optional<order_refusal> apply(order_id id, const order_event& event,
                                                   timestamp ts);

  /// Returns the order with `id`, or nullptr.
  [[nodiscard]] const order* find(order_id id) const noexcept;

  /// Returns the open order quantities of `owner` in `symbol` (zero when it has none). An order is
  /// open until terminal; while a replace is pending, the larger of old and new quantity counts.
  [[nodiscard]] open_quantities open(owner_ref owner, std::string_view symbol) const;

  /// Returns all orders by id.
  [[nodiscard]] const std::map<order_id, order>& orders() const noexcept { return orders_; }

  /// Returns how many held orders are not terminal yet.
  [[nodiscard]] std::size_t live() const noexcept { return live_; }

  /// Returns the number of orders held (open and finished, not the forgotten ones).
  [[nodiscard]] std::size_t size() const noexcept { return orders_.size(); }

  /// Forgets the finished (terminal) order `id`, keeping its id, owner, account, symbol and final
  /// state in finished(); returns false (and changes nothing) for an order not held or not
  /// terminal. Later events for it are refused as unknown ids.
  bool forget(order_id id);

  /// Forgets every finished (terminal) order (see forget); returns how many.
  std::size_t remove_finished();

  /// Returns what is kept of a forgotten order (its final state as the tag), or nullopt.
  [[nodiscard]] std::optional<finished_order> forgotten(order_id id) const {
    return finished_.find(id);
  }

  /// Returns the record of forgotten orders.
  [[nodiscard]] const finished_orders& finished() const noexcept { return finished_; }

  /// Returns the ids of orders that became terminal since the last call, in that order.
  [[nodiscard]] std::vector<order_id> take_terminal();

private:
  using key = std::tuple<owner_kind, std::uint32_t, std::string>;

  void adjust(const order& o, quantity change);

  std::map<order_id, order> orders_;
  finished_orders finished_;
  std::vector<order_id> terminal_;
  std::map<key, open_quantities, std::less<>> open_;
  std::size_t live_ = 0;
};

} // namespace bourse::orders
