#pragma once
// Conversions between the order/indicator/aggregator protocols and the strategy core's plain
// structs (private to the strategy actor; tested through it).

#include "bourse/protocol/aggregator.hpp"
#include "bourse/protocol/indicators.hpp"
#include "bourse/protocol/orders.hpp"
#include "bourse/strategy/commands.hpp"
#include "bourse/strategy/events.hpp"

namespace bourse {

/// Returns the core form of an aggregated quote.
[[nodiscard]] cross_venue_quote to_core(const aggregated_quote& msg);
/// Returns the core form of an execution.
[[nodiscard]] fill_event to_core(const fill& msg);
/// Returns an accepted update.
[[nodiscard]] order_update to_core(const order_accepted& msg);
/// Returns a rejected update (reason by name, e.g. "max_position").
[[nodiscard]] order_update to_core(const order_rejected& msg);
/// Returns a cancelled update (reason by name, e.g. "no_liquidity").
[[nodiscard]] order_update to_core(const order_cancelled& msg);
/// Returns a replaced update.
[[nodiscard]] order_update to_core(const order_replaced& msg);
/// Returns an expired update.
[[nodiscard]] order_update to_core(const order_expired& msg);
/// Returns a triggered update.
[[nodiscard]] order_update to_core(const order_triggered& msg);

/// Returns the protocol command for a core submit, created at `ts_init`.
[[nodiscard]] submit_order to_protocol(const submit_command& cmd, timestamp ts_init);
/// Returns the protocol command for a core cancel.
[[nodiscard]] cancel_order to_protocol(const cancel_command& cmd, timestamp ts_init);
/// Returns the protocol command for a core replace.
[[nodiscard]] replace_order to_protocol(const replace_command& cmd, timestamp ts_init);

} // namespace bourse
