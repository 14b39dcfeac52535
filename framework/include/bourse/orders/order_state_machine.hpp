#pragma once
// The order state machine: checks a new order, applies events, refuses illegal ones with a reason.

#include <optional>

#include "bourse/core/time.hpp"
#include "bourse/orders/order.hpp"
#include "bourse/orders/order_refusal.hpp"

namespace bourse::orders {

/// Checks that a freshly made order can enter the state machine: state new, nothing filled, a
/// non-empty symbol, a positive quantity, exactly the prices its type needs, all positive.
/// Returns the first problem found, or nullopt when the order is valid.
[[nodiscard]] std::optional<order_refusal> validate_new_order(const order& candidate);

/// Applies `event` at time `ts` to `target`. On success updates state, quantities, prices and
/// timestamps and returns nullopt; on refusal returns why and leaves `target` unchanged.
/// Refused: any event in a terminal state, events the table in docs/orders.md does not allow,
/// overfills, non-positive quantities and prices, triggers of non-stop orders, fills of stop orders
/// before they trigger, and replaces that change nothing or fields the order does not have.
[[nodiscard]] std::optional<order_refusal> apply(order& target, const order_event& event,
                                                 timestamp ts);

} // namespace bourse::orders
