#pragma once
// The interface through which the matching engine reports every outcome.

#include "bourse/book/types.hpp"

namespace bourse::book {

/// Receives the book's events, in the order they happen. Every method has an empty default, so a
/// listener overrides only what it needs. A listener must not call back into the book it listens
/// to.
class listener {
public:
  virtual ~listener() = default;

  /// Reports that a new order passed validation and entered the book's processing.
  virtual void on_accepted(order_id /*id*/, timestamp /*ts*/) {}

  /// Reports that a request was refused; the order (if any) is unchanged.
  virtual void on_rejected(order_id /*id*/, request_kind /*kind*/, reject_reason /*reason*/,
                           timestamp /*ts*/) {}

  /// Reports one execution at the maker's price.
  virtual void on_trade(const trade_event& /*trade*/) {}

  /// Reports that an order left the book with `remaining` open quantity.
  virtual void on_cancelled(order_id /*id*/, quantity /*remaining*/, cancel_reason /*reason*/,
                            timestamp /*ts*/) {}

  /// Reports a successful replace with the order as it is afterwards (before any matching).
  virtual void on_replaced(const order_view& /*order*/, timestamp /*ts*/) {}

  /// Reports that a stop order triggered and now executes as a market or limit order.
  virtual void on_triggered(order_id /*id*/, timestamp /*ts*/) {}

protected:
  listener() = default;
  listener(const listener&) = default;
  listener& operator=(const listener&) = default;
};

/// A listener that ignores everything.
class null_listener final : public listener {};

} // namespace bourse::book
