#pragma once
// Field-by-field conversions between the order protocol's messages (bourse/protocol/orders.hpp,
// CAF) and the plain structs of the cores (bourse/orders/order_flow.hpp). Used by the order
// manager and venue actors; no trading logic here. (A namespace of their own: other actors have
// conversions of the same messages to their own core types.)

#include <vector>

#include "bourse/orders/order.hpp"
#include "bourse/orders/order_flow.hpp"
#include "bourse/protocol/orders.hpp"

namespace bourse::order_convert {

/// Returns the core form of a submit command.
[[nodiscard]] orders::new_order_request to_core(const submit_order& msg);
/// Returns the core form of a cancel command.
[[nodiscard]] orders::cancel_request to_core(const cancel_order& msg);
/// Returns the core form of a replace command.
[[nodiscard]] orders::replace_request to_core(const replace_order& msg);

/// Returns the protocol form of a submit command.
[[nodiscard]] submit_order to_protocol(const orders::new_order_request& cmd);
/// Returns the protocol form of a cancel command.
[[nodiscard]] cancel_order to_protocol(const orders::cancel_request& cmd);
/// Returns the protocol form of a replace command.
[[nodiscard]] replace_order to_protocol(const orders::replace_request& cmd);

/// Returns the core form of a venue event.
[[nodiscard]] orders::execution_event to_core(const order_accepted& msg);
/// Returns the core form of a venue event.
[[nodiscard]] orders::execution_event to_core(const order_rejected& msg);
/// Returns the core form of a venue event (a fill that leaves the order open).
[[nodiscard]] orders::execution_event to_core(const order_partially_filled& msg);
/// Returns the core form of a venue event (a fill that completes the order).
[[nodiscard]] orders::execution_event to_core(const order_filled& msg);
/// Returns the core form of a venue event.
[[nodiscard]] orders::execution_event to_core(const order_cancelled& msg);
/// Returns the core form of a venue event.
[[nodiscard]] orders::execution_event to_core(const order_replaced& msg);
/// Returns the core form of a venue event.
[[nodiscard]] orders::execution_event to_core(const order_expired& msg);
/// Returns the core form of a venue event.
[[nodiscard]] orders::execution_event to_core(const order_triggered& msg);

/// Returns the protocol form of a fill.
[[nodiscard]] fill to_protocol(const orders::fill_event& f);

/// Calls `send(message)` with the protocol message for a core event: order_filled or
/// order_partially_filled for a fill (by its `complete` flag), the matching struct otherwise.
template <class Send> void with_protocol(const orders::execution_event& event, Send&& send) {
  auto header = [](const orders::event_header& h) {
    return order_event_header{h.ts_event, h.ts_init, h.id, h.strategy, h.account, h.symbol};
  };
  std::visit(
      [&](const auto& e) {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, orders::accepted_event>) {
          send(order_accepted{header(e.header)});
        } else if constexpr (std::is_same_v<T, orders::rejected_event>) {
          send(order_rejected{header(e.header), static_cast<command_kind>(e.command),
                              static_cast<order_reject_reason>(e.reason), e.detail});
        } else if constexpr (std::is_same_v<T, orders::fill_event>) {
          if (e.complete)
            send(order_filled{to_protocol(e)});
          else
            send(order_partially_filled{to_protocol(e)});
        } else if constexpr (std::is_same_v<T, orders::cancelled_event>) {
          send(order_cancelled{header(e.header), e.remaining,
                               static_cast<order_cancel_reason>(e.reason)});
        } else if constexpr (std::is_same_v<T, orders::replaced_event>) {
          send(order_replaced{header(e.header), e.new_price, e.new_qty});
        } else if constexpr (std::is_same_v<T, orders::expired_event>) {
          send(order_expired{header(e.header), e.remaining});
        } else {
          send(order_triggered{header(e.header)});
        }
      },
      event);
}

/// Returns the protocol view of the order manager's open orders.
[[nodiscard]] open_orders to_protocol(const std::vector<orders::order>& list);

} // namespace bourse::order_convert
