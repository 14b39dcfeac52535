// Opening a run's journal, recovering from it, and restoring the journaled fills.
#include "bourse/actors/builder/journal_recovery.hpp"

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <tuple>

#include "bourse/logging/logging.hpp"

namespace bourse {

std::vector<std::string> open_run_journal(const journal_config& config, run_mode mode,
                                          journal_run& out) {
  std::string error;
  // The default place is inside the output folder, which may not exist yet.
  if (auto parent = std::filesystem::path(config.path).parent_path(); !parent.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(parent, ec);
    if (ec)
      return {"journal " + config.path + ": cannot create its folder: " + ec.message()};
  }
  std::shared_ptr<journal::journal_db> db = journal::journal_db::open(config.path, config.sync, error);
  if (!db)
    return {error};
  auto records = db->read_all(error);
  if (!error.empty())
    return {error};
  if (mode == run_mode::backtest && !records.empty())
    return {"journal " + config.path + ": holds " + std::to_string(records.size()) +
            " records of an earlier run; a backtest starts over at the data's start, so it "
            "journals only to a new file (recovery is for paper mode)"};
  out.recovering = !records.empty();
  out.recovered = journal::replay(records);
  for (const auto& p : out.recovered.problems)
    logger(log_component::system).warn("Journal recovery problem={}", p);
  const auto now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  out.session = db->begin_session(now, mode == run_mode::paper ? "paper" : "backtest", error);
  if (out.session == 0)
    return {error};
  if (out.recovering) {
    if (auto e = db->record_recovery(out.session, out.recovered, out.recovered.last_ts);
        !e.empty())
      return {e};
    logger(log_component::system)
        .info("Journal recovered path={} session={} fills={} open_orders_cancelled={} "
              "resume_after_ts={}",
              config.path, out.session, out.recovered.fills.size(),
              out.recovered.open_orders.size(), out.recovered.last_ts);
    for (const auto& p : out.recovered.positions)
      logger(log_component::system)
          .info("Journal position strategy={} symbol={} net={} cash_flow={} fills={}", p.strategy,
                p.symbol, p.net.to_string(), p.cash_flow.to_string(), p.fills);
  }
  out.db = std::move(db);
  return {};
}

void restore_fills(caf::scoped_actor& self, const journal_run& run,
                   const fill_listener_actor& portfolio, const order_manager_actor& order_manager,
                   const std::map<strategy_id, order_event_listener_actor>& strategies) {
  const auto& fills = run.recovered.fills;
  // The order manager's risk rules start from the positions the fills built.
  std::map<std::tuple<strategy_id, account_id, std::string>, quantity> nets;
  for (const auto& f : fills) {
    auto& net = nets[{f.header.strategy, f.header.account, f.header.symbol.str()}];
    net = net + (f.fill_side == side::buy ? f.fill_qty : -f.fill_qty);
  }
  restore_positions restore;
  for (const auto& [key, net] : nets)
    if (!net.is_zero())
      restore.positions.push_back(
          restored_position{std::get<0>(key), std::get<1>(key), std::get<2>(key), net});
  if (!restore.positions.empty())
    self->send(order_manager, std::move(restore));
  for (std::size_t i = 0; i < fills.size(); ++i) {
    const auto& f = fills[i];
    auto it = strategies.find(f.header.strategy);
    if (it == strategies.end())
      logger(log_component::system)
          .warn("Journaled fill of a strategy this run does not host strategy={} order={} "
                "(booked in the portfolio only)",
                f.header.strategy, f.header.id);
    if (run.recovered.completes[i]) {
      self->send(portfolio, order_filled{f});
      if (it != strategies.end())
        self->send(it->second, order_filled{f});
    } else {
      self->send(portfolio, order_partially_filled{f});
      if (it != strategies.end())
        self->send(it->second, order_partially_filled{f});
    }
  }
}

} // namespace bourse
