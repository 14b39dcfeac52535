#pragma once
// Portfolio protocol: position and equity events, and the end-of-run report query.

#include <cstdint>
#include <string>
#include <vector>

#include <caf/all.hpp>

#include "bourse/core/interned_string.hpp"
#include "bourse/protocol/orders.hpp"
#include "bourse/strategy/portfolio_ledger.hpp"

namespace bourse {

/// Event: a position changed (after a fill).
struct position_changed {
  timestamp ts_event = 0;   ///< Data time of the fill (ns).
  timestamp ts_init = 0;    ///< Creation time (ns).
  strategy_id strategy = 0; ///< The strategy whose position it is.
  account_id account = 0;   ///< Its account.
  symbol_id symbol;         ///< The instrument.
  quantity net_qty;         ///< Signed net quantity (negative = short).
  std::string avg_price;    ///< Average entry price as decimal text (may carry extra decimals).
  money realized_pnl;       ///< Realised PnL so far.
  money unrealized_pnl;     ///< Unrealised PnL at the latest mark.
  money fees;               ///< Fees paid so far.
};

/// Event: an equity curve sample of one strategy (strategy 0 = the whole portfolio).
struct equity_sampled {
  timestamp ts_event = 0;   ///< Data time of the sample (ns).
  timestamp ts_init = 0;    ///< Creation time (ns).
  strategy_id strategy = 0; ///< The strategy, or 0 for the total.
  money equity;             ///< Initial cash + realised + unrealised - fees.
};

/// Query: everything the portfolio recorded, for the end-of-run report.
struct get_portfolio_report {};

/// Reply to get_portfolio_report.
struct portfolio_report {
  /// Every fill, in the order it was booked, while there were at most
  /// portfolio_config::fills_in_memory of them; empty when they went to `fill_file`.
  std::vector<fill> fills;
  /// The number of fills booked (in `fills` or in `fill_file`).
  std::uint64_t fill_count = 0;
  /// The file holding every fill of a run with more than fills_in_memory fills (read it with
  /// read_fill_file, actors/portfolio/fill_file.hpp), or empty. The receiver owns it afterwards
  /// and removes it (trading_system::run hands it to run_result).
  std::string fill_file;
  std::vector<equity_sampled> equity;       ///< Equity samples (per strategy and total).
  std::vector<position_changed> positions;  ///< The final position of every strategy and symbol.
  /// The marks of the sampled symbols at the equity samples (portfolio_config::sampled_symbols).
  std::vector<mark_point> marks;
  /// Fills the ledger could not book (e.g. a position or cash past int64), each as "order N
  /// (strategy S, SYMBOL): reason"; at most the first 16. Any of them makes the run fail: the books
  /// no longer match the fills.
  std::vector<std::string> unbooked;
  /// How many fills were not booked (unbooked holds the first ones).
  std::uint64_t unbooked_count = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, position_changed& x) {
  return f(caf::meta::type_name("bourse::position_changed"), x.ts_event, x.ts_init, x.strategy,
           x.account, x.symbol, x.net_qty, x.avg_price, x.realized_pnl, x.unrealized_pnl, x.fees);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, equity_sampled& x) {
  return f(caf::meta::type_name("bourse::equity_sampled"), x.ts_event, x.ts_init, x.strategy,
           x.equity);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, mark_point& x) {
  return f(caf::meta::type_name("bourse::mark_point"), x.ts, x.symbol, x.px);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, get_portfolio_report&) {
  return f(caf::meta::type_name("bourse::get_portfolio_report"));
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, portfolio_report& x) {
  return f(caf::meta::type_name("bourse::portfolio_report"), x.fills, x.fill_count, x.fill_file,
           x.equity, x.positions, x.marks, x.unbooked, x.unbooked_count);
}

/// Receives position and equity events (e.g. a strategy that wants its own PnL, a UI).
using portfolio_listener_actor =
    caf::typed_actor<caf::reacts_to<position_changed>, caf::reacts_to<equity_sampled>>;

/// Command (setup): send position_changed and equity_sampled events to `listener`.
struct subscribe_portfolio {
  portfolio_listener_actor listener; ///< Who receives the events.
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, subscribe_portfolio& x) {
  return f(caf::meta::type_name("bourse::subscribe_portfolio"), x.listener);
}

/// The portfolio: positions and PnL per strategy and account, marked to market, equity samples.
using portfolio_actor = participant_actor::extend_with<fill_listener_actor>::extend_with<
    market_data_listener_actor>::extend<caf::reacts_to<subscribe_portfolio>,
                                        caf::replies_to<get_portfolio_report>::with<portfolio_report>>;

/// Registers the portfolio protocol's message types.
void register_portfolio_types(caf::actor_system_config& cfg);

} // namespace bourse
