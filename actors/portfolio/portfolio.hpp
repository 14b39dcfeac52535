#pragma once
// The portfolio actor: books every fill per strategy and per account, marks positions to market
// from the data it is subscribed to, tells listeners about position changes and equity samples,
// and hands out everything it recorded for the end-of-run report.
//
// It is a participant (bourse/system/participant.hpp) implementing portfolio_actor from
// bourse/protocol/portfolio.hpp; the books are a bourse::portfolio_ledger.
// - Fills: order_filled and order_partially_filled (from the order manager, or whoever the builder
//   points at it). Each is booked, recorded for the report, and followed by two position_changed
//   events to the listeners: the strategy's position, then the account's (strategy 0).
// - Marks: a quote marks its symbol at the mid ((bid + ask) / 2, or the one side present), a
//   trade at its price, a bar at its close; subscribe the portfolio at the hub to the symbols (and
//   kinds) that should mark.
// - Equity: when data time moves past a slice in which fills or marks arrived, every strategy's
//   equity (cash + market value at the latest marks) and the total (strategy 0) are sampled,
//   stamped with that slice's time, recorded and sent to the listeners as equity_sampled; stop_run
//   samples the last slice. sample_interval thins the curve.

#include <caf/all.hpp>

#include "bourse/protocol/portfolio.hpp"
#include "bourse/system/participant.hpp"
#include "bourse/actors/portfolio/portfolio_config.hpp"

namespace bourse {

/// Spawns the portfolio on the cooperative pool. Call config.validate() first.
[[nodiscard]] portfolio_actor spawn_portfolio(caf::actor_system& sys,
                                              const portfolio_config& config,
                                              participant_setup setup);

} // namespace bourse
