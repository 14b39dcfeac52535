// The portfolio actor: fills and marks in, position and equity events out, report on request.
#include "bourse/actors/portfolio/portfolio.hpp"

#include <algorithm>
#include <filesystem>
#include <memory>
#include <system_error>
#include <type_traits>
#include <variant>
#include <vector>

#include "bourse/actors/portfolio/fill_file.hpp"
#include "bourse/logging/logging.hpp"
#include "bourse/strategy/marks.hpp"
#include "bourse/strategy/portfolio_ledger.hpp"

namespace bourse {

namespace {

using portfolio_input =
    std::variant<order_partially_filled, order_filled, quote_batch, trade_batch, bar_batch>;

struct portfolio_state {
  participant<portfolio_input> part;
  portfolio_ledger ledger{ledger_config{}};
  // The fills: in memory up to fills_in_memory, then all of them in a temporary file.
  std::vector<fill> fills;
  std::size_t fill_count = 0;
  std::size_t fills_in_memory = 0;
  std::string fill_directory;
  std::unique_ptr<fill_file_writer> spill;
  bool spill_handed_over = false;
  std::vector<portfolio_listener_actor> listeners;
  // Fills the ledger refused: the first ones in words, and how many.
  std::vector<std::string> unbooked;
  std::uint64_t unbooked_count = 0;
  static inline const char* name = "portfolio";

  portfolio_state() = default;
  portfolio_state(const portfolio_state&) = delete;
  portfolio_state& operator=(const portfolio_state&) = delete;
  ~portfolio_state() {
    if (spill && !spill_handed_over) {
      const std::string path = spill->path();
      spill.reset();
      std::error_code ec;
      std::filesystem::remove(path, ec);
    }
  }
};

using self_ptr = portfolio_actor::stateful_pointer<portfolio_state>;

equity_sampled to_protocol(const equity_point& p, timestamp ts_init) {
  return equity_sampled{p.ts, ts_init, p.strategy, p.equity};
}

position_changed to_protocol(const position_snapshot& s, timestamp ts_init) {
  position_changed out;
  out.ts_event = s.ts;
  out.ts_init = ts_init;
  out.strategy = s.strategy;
  out.account = s.account;
  out.symbol = s.symbol;
  out.net_qty = s.net;
  out.avg_price = s.avg_price ? s.avg_price->to_string() : std::string{};
  out.realized_pnl = s.realised;
  out.unrealized_pnl = s.unrealised;
  out.fees = s.fees;
  return out;
}

template <class Message>
void tell_listeners(self_ptr self, const Message& msg) {
  auto& st = self->state;
  for (const auto& listener : st.listeners)
    st.part.send(self, listener, msg);
}

void publish(self_ptr self, const std::vector<equity_point>& samples) {
  for (const auto& p : samples)
    tell_listeners(self, to_protocol(p, self->state.part.now()));
}

// Moves the ledger's clock; samples of the slice it leaves go to the listeners.
void advance(self_ptr self, timestamp ts) { publish(self, self->state.ledger.advance(ts)); }

// Keeps a booked fill for the report: in memory, or in the fill file once there are too many.
void record(portfolio_state& st, const fill& f) {
  ++st.fill_count;
  if (!st.spill && st.fill_count <= st.fills_in_memory) {
    st.fills.push_back(f);
    return;
  }
  if (!st.spill) {
    st.spill = std::make_unique<fill_file_writer>(temporary_fill_path(st.fill_directory));
    if (!st.spill->ok())
      logger(log_component::portfolio).error("Fill file not created path={}", st.spill->path());
    logger(log_component::portfolio)
        .info("Fills spill to a file path={} in_memory={}", st.spill->path(), st.fills.size());
    for (const auto& kept : st.fills)
      st.spill->write(kept);
    st.fills = std::vector<fill>{};
  }
  st.spill->write(f);
}

void book(self_ptr self, const fill& f) {
  auto& st = self->state;
  std::vector<position_snapshot> changed;
  auto problem = st.ledger.book(ledger_fill{f.header.ts_event, f.header.strategy, f.header.account,
                                            f.header.symbol, f.fill_side, f.fill_price, f.fill_qty,
                                            f.fee},
                                &changed);
  if (problem) {
    logger(log_component::portfolio)
        .error("Fill not booked order={} strategy={} symbol={} error=\"{}\"", f.header.id,
               f.header.strategy, f.header.symbol, problem->message);
    if (++st.unbooked_count <= 16)
      st.unbooked.push_back("order " + std::to_string(f.header.id) + " (strategy " +
                            std::to_string(f.header.strategy) + ", " + f.header.symbol.str() +
                            "): " + problem->message);
    return;
  }
  record(st, f);
  for (const auto& s : changed)
    tell_listeners(self, to_protocol(s, st.part.now()));
}

template <class Item>
void mark_all(portfolio_ledger& ledger, const std::vector<Item>& items) {
  for (const auto& item : items)
    if (auto px = mark_price(item))
      ledger.mark(item.symbol, *px);
}

void handle(self_ptr self, portfolio_input& input) {
  auto& st = self->state;
  if (st.part.mode() == run_mode::paper) {
    timestamp ts = std::visit(
        [](const auto& m) {
          if constexpr (std::is_same_v<std::decay_t<decltype(m)>, order_filled> ||
                        std::is_same_v<std::decay_t<decltype(m)>, order_partially_filled>)
            return m.execution.header.ts_event;
          else
            return m.ts_event;
        },
        input);
    st.part.set_now(std::max(st.part.now(), ts));
    advance(self, st.part.now());
  }
  std::visit(
      [&](auto& m) {
        using T = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<T, order_filled> || std::is_same_v<T, order_partially_filled>)
          book(self, m.execution);
        else if constexpr (std::is_same_v<T, quote_batch>)
          mark_all(st.ledger, m.quotes);
        else if constexpr (std::is_same_v<T, trade_batch>)
          mark_all(st.ledger, m.trades);
        else {
          for (const auto& b : m.bars)
            if (auto px = mark_price(b.data))
              st.ledger.mark(b.symbol, *px);
        }
      },
      input);
}

portfolio_report report_of(portfolio_state& st) {
  portfolio_report out;
  out.fill_count = st.fill_count;
  if (st.spill) {
    if (!st.spill->flush())
      logger(log_component::portfolio)
          .error("Fill file not written path={} fills={}", st.spill->path(), st.fill_count);
    out.fill_file = st.spill->path();
    st.spill_handed_over = true;
  } else {
    out.fills = st.fills;
  }
  out.equity.reserve(st.ledger.curve().size());
  for (const auto& p : st.ledger.curve())
    out.equity.push_back(to_protocol(p, p.ts));
  for (const auto& s : st.ledger.positions())
    out.positions.push_back(to_protocol(s, st.ledger.now()));
  out.marks = st.ledger.mark_curve();
  out.unbooked = st.unbooked;
  out.unbooked_count = st.unbooked_count;
  return out;
}

portfolio_actor::behavior_type portfolio_behavior(self_ptr self, portfolio_config config,
                                                  participant_setup setup) {
  auto& st = self->state;
  st.ledger = portfolio_ledger{config.ledger()};
  st.fills_in_memory = config.fills_in_memory;
  st.fill_directory = config.fill_directory;
  participant_hooks<portfolio_input> hooks;
  hooks.handle = [self](portfolio_input& input) { handle(self, input); };
  hooks.fire_due = [self](timestamp now) { advance(self, now); };
  st.part.configure(setup, std::move(hooks));
  auto accept = [self](auto& msg) {
    self->state.part.accept(self, portfolio_input{std::move(msg)});
  };
  return {
      [=](sim_step& step) -> caf::result<sim_step_done> {
        return self->state.part.step(self, step);
      },
      [=](stop_run& stop) -> sim_step_done {
        return self->state.part.stop(stop.ts_event, [self, ts = stop.ts_event] {
          advance(self, ts);
          publish(self, self->state.ledger.flush());
        });
      },
      [=](get_runtime_info) { return participant<portfolio_input>::runtime(self); },
      [=](order_partially_filled& m) { accept(m); },
      [=](order_filled& m) { accept(m); },
      [=](quote_batch& m) { accept(m); },
      [=](trade_batch& m) { accept(m); },
      [=](bar_batch& m) { accept(m); },
      [=](market_window& w) {
        self->state.part.accept_all(self, window_inputs<portfolio_input>(std::move(w)));
      },
      [=](subscribe_portfolio& sub) {
        auto& list = self->state.listeners;
        if (std::find(list.begin(), list.end(), sub.listener) == list.end())
          list.push_back(std::move(sub.listener));
      },
      [=](get_portfolio_report) { return report_of(self->state); },
  };
}

} // namespace

portfolio_actor spawn_portfolio(caf::actor_system& sys, const portfolio_config& config,
                                participant_setup setup) {
  // Arguments rather than captures: see spawn_strategy.
  return sys.spawn(portfolio_behavior, config, std::move(setup));
}

} // namespace bourse
