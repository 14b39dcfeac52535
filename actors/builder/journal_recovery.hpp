#pragma once
// Opening a run's journal and recovering from it (trading_system::run with set_journal): read
// every record, rebuild positions and open orders (bourse/journal/journal_records.hpp), start a new
// session, journal the open orders as cancelled by recovery and the rebuilt positions, and hand
// the journaled fills to the portfolio and the strategies before the feed starts.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <caf/all.hpp>

#include "bourse/journal/journal_db.hpp"
#include "bourse/journal/journal_records.hpp"
#include "bourse/protocol/all.hpp"
#include "bourse/actors/journal/journal_config.hpp"

namespace bourse {

/// A run's open journal and what it recovered.
struct journal_run {
  /// The open file (the journal actor writes through it).
  std::shared_ptr<journal::journal_db> db;
  /// This run's session.
  std::int64_t session = 0;
  /// What the journal held before this session (empty for a new journal).
  journal::recovery_state recovered;
  /// True when the journal held records of earlier sessions.
  bool recovering = false;
};

/// Opens the journal of `config` for a run in `mode` and recovers from it; returns the problems
/// (each naming the file). A backtest refuses a journal that already holds records (a backtest
/// starts over at the data's start: use a new file).
[[nodiscard]] std::vector<std::string> open_run_journal(const journal_config& config,
                                                        run_mode mode, journal_run& out);

/// Sends every recovered fill to `portfolio` and to the strategy that owns it (by id in
/// `strategies`; a strategy not hosted any more is logged), in journal order, from `self`, and the
/// positions they build (per strategy, account and symbol) to `order_manager` for its risk rules.
void restore_fills(caf::scoped_actor& self, const journal_run& run,
                   const fill_listener_actor& portfolio, const order_manager_actor& order_manager,
                   const std::map<strategy_id, order_event_listener_actor>& strategies);

} // namespace bourse
