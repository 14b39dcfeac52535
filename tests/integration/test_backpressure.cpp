// Shows backpressure in paper mode: a burst of 1,000,000 quotes (250,000 slices of 4 symbols)
// released at full speed into a deliberately slow strategy (it spins per quote) stays bounded under
// a credit-based policy: at most one market data batch waits in the strategy's mailbox, the hub
// holds at most one quote per symbol (conflate) or `buffer` batches (buffer), every quote is either
// handled, conflated or dropped (the counts add up to the burst), and every order the strategy sent
// got its answer and every fill reached both the strategy and the portfolio. Counts are asserted,
// never times. The unbounded comparison (the mailbox grows with the burst) is a skipped case, run by
// hand to measure peak RSS (docs/operations.md, Backpressure).
#include <doctest/doctest.h>

#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "bourse/actors/builder/trading_system.hpp"

using namespace bourse;

namespace {

constexpr std::size_t burst_slices = 250'000;
constexpr timestamp burst_start = 1'700'000'000'000'000'000;
constexpr timestamp slice_step = 1'000'000;
const std::vector<std::string> burst_symbols = {"B0", "B1", "B2", "B3"};

// 250,000 slices 1 ms apart, each with one quote of every symbol, generated on demand (the data
// itself takes no memory).
class burst_source final : public slice_source {
public:
  bool next(data_slice& out) override {
    if (n_ == burst_slices)
      return false;
    out.clear();
    out.ts = burst_start + static_cast<timestamp>(n_) * slice_step;
    for (std::size_t i = 0; i < burst_symbols.size(); ++i) {
      quote q;
      q.ts = out.ts;
      q.symbol = burst_symbols[i];
      auto mid = 10'000 + static_cast<std::int64_t>((n_ + i) % 50);
      q.bid = price::from_raw(mid * 100 - 1, 2);
      q.ask = price::from_raw(mid * 100 + 1, 2);
      q.bid_size = quantity::from_units(100);
      q.ask_size = quantity::from_units(100);
      out.quotes.push_back(q);
    }
    ++n_;
    return true;
  }
  const std::optional<csv_error>& error() const noexcept override { return none_; }
  double progress() override { return static_cast<double>(n_) / burst_slices; }
  std::uint64_t records() const noexcept override { return n_ * burst_symbols.size(); }
  const std::string& name() const noexcept override { return name_; }
  std::optional<served_data> serves() const override {
    served_data d;
    for (const auto& s : burst_symbols)
      d[s].quotes = true;
    return d;
  }

private:
  std::size_t n_ = 0;
  std::optional<csv_error> none_;
  std::string name_ = "burst";
};

struct trader_counts {
  std::atomic<std::uint64_t> quotes{0};
  std::atomic<std::uint64_t> submitted{0};
  std::atomic<std::uint64_t> answered{0}; // orders that reached a terminal state
  std::atomic<std::uint64_t> fills{0};
  std::atomic<std::uint64_t> open_at_stop{0};
};

// Spins ~20 µs per quote (far slower than the feed) and sends a market order every 25 quotes it
// sees in the first half of the burst's data time, alternating buy and sell (so that the answers to
// its last orders come while it still handles data, not after its on_stop).
class slow_trader final : public strategy {
public:
  explicit slow_trader(std::shared_ptr<trader_counts> counts) : counts_(std::move(counts)) {}
  strategy_spec requirements() const override {
    strategy_spec spec;
    for (const auto& s : burst_symbols)
      spec.data.push_back({s, market_stream::quotes});
    return spec;
  }
  void on_quote(const quote& q) override {
    auto until = std::chrono::steady_clock::now() + std::chrono::microseconds(20);
    while (std::chrono::steady_clock::now() < until) {
    }
    const bool first_half =
        q.ts < burst_start + static_cast<timestamp>(burst_slices / 2) * slice_step;
    if (++counts_->quotes % 25 == 0 && first_half) {
      submit_market(q.symbol.str(), buy_ ? side::buy : side::sell, quantity::from_units(1));
      buy_ = !buy_;
      ++counts_->submitted;
    }
  }
  void on_order_update(const order_update& u) override {
    if (u.kind == order_update_kind::rejected || u.kind == order_update_kind::cancelled ||
        u.kind == order_update_kind::expired)
      ++counts_->answered;
  }
  void on_fill(const fill_event& f) override {
    ++counts_->fills;
    if (f.leaves_qty.is_zero())
      ++counts_->answered;
  }
  void on_stop() override { counts_->open_at_stop = open_order_count(); }

private:
  std::shared_ptr<trader_counts> counts_;
  bool buy_ = true;
};

struct burst_result {
  run_result run;
  std::shared_ptr<trader_counts> counts;
  actor_metrics hub, strategy;
  long max_rss_kb = 0;
};

burst_result run_burst(flow_policy policy) {
  system_config cfg{run_mode::paper};
  cfg.set("scheduler.max-threads", 2); // the strategy spins on one worker, the feed runs on the other
  trading_system ts{cfg, run_mode::paper};
  ts.add_source(std::make_unique<burst_source>());
  venue_config v;
  v.name = "SIM";
  for (const auto& s : burst_symbols)
    v.settings.instruments.push_back(*instrument::make(s, "0.01", "1"));
  ts.add_venue(v);
  auto counts = std::make_shared<trader_counts>();
  strategy_actor_config sc{1, 1, "slow"};
  sc.market_data = policy;
  ts.add_strategy(std::make_unique<slow_trader>(counts), sc);
  sequencer_config seq;
  seq.speed = 1e12; // every slice is due at once: a burst
  ts.set_sequencer(seq);
  metrics_options m;
  m.enabled = true;
  ts.set_metrics(m);
  burst_result out;
  out.run = ts.run();
  out.counts = counts;
  MESSAGE(metrics_table(out.run.metrics));
  for (const auto& s : out.run.metrics) {
    if (s.actor == "hub")
      out.hub = s.metrics;
    if (s.actor == "strategy slow")
      out.strategy = s.metrics;
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  out.max_rss_kb = usage.ru_maxrss;
  return out;
}

void check_nothing_lost(const burst_result& r) {
  const auto& c = *r.counts;
  // Every order the strategy sent got a terminal answer, and every fill reached the strategy and
  // the portfolio.
  const std::uint64_t submitted = c.submitted, answered = c.answered, fills = c.fills;
  CHECK(submitted > 0);
  CHECK(answered == submitted);
  CHECK(c.open_at_stop.load() == 0);
  CHECK(fills == r.run.fill_count());
  CHECK(r.run.fill_count() == submitted); // one fill of quantity 1 per market order
  CHECK(r.run.fill_count() > 0);
}

} // namespace

TEST_CASE("a 1M-quote burst into a slow strategy stays bounded under conflation") {
  auto r = run_burst(flow_policy{flow_mode::conflate, 0});
  REQUIRE_MESSAGE(r.run.ok, (r.run.problems.empty() ? "" : r.run.problems.front()));
  REQUIRE(r.run.summary.quotes == burst_slices * burst_symbols.size());
  const auto& c = *r.counts;
  MESSAGE("conflate: quotes handled=" << c.quotes.load() << " conflated=" << r.hub.conflated
                                      << " dropped=" << r.hub.dropped << " hub max_held="
                                      << r.hub.max_held << " strategy max_mailbox="
                                      << r.strategy.max_mailbox_depth
                                      << " peak_rss_kb=" << r.max_rss_kb);
  // Every quote was handled by the strategy, replaced by a newer one, or held at the end.
  CHECK(c.quotes + r.hub.conflated + r.hub.dropped == burst_slices * burst_symbols.size());
  CHECK(r.hub.conflated > 0);
  CHECK(r.hub.max_held <= burst_symbols.size()); // one quote per symbol at most
  CHECK(r.hub.held == 0);
  // One quote batch in flight, plus the events of the orders in flight (unbounded: ~10^5).
  CHECK(r.strategy.max_mailbox_depth <= 512);
  // The sequencer keeps at most paper_window (1024) slices in flight to the hub.
  CHECK(r.hub.max_mailbox_depth <= 1024);
  CHECK(r.strategy.received < burst_slices);
  check_nothing_lost(r);
}

TEST_CASE("a 1M-quote burst into a slow strategy stays bounded with a bounded buffer") {
  auto r = run_burst(flow_policy{flow_mode::buffer, 64});
  REQUIRE_MESSAGE(r.run.ok, (r.run.problems.empty() ? "" : r.run.problems.front()));
  const auto& c = *r.counts;
  MESSAGE("buffer 64: quotes handled=" << c.quotes.load() << " dropped=" << r.hub.dropped
                                       << " hub max_held=" << r.hub.max_held
                                       << " strategy max_mailbox=" << r.strategy.max_mailbox_depth
                                       << " peak_rss_kb=" << r.max_rss_kb);
  CHECK(c.quotes + r.hub.dropped == burst_slices * burst_symbols.size());
  CHECK(r.hub.conflated == 0);
  CHECK(r.hub.dropped > 0);
  CHECK(r.hub.max_held <= 64 * burst_symbols.size()); // 64 batches of 4 quotes
  CHECK(r.strategy.max_mailbox_depth <= 512);
  CHECK(r.hub.max_mailbox_depth <= 1024);
  check_nothing_lost(r);
}

TEST_CASE("a 1M-quote burst into a slow strategy without flow control (measurement only)" *
          doctest::skip()) {
  // Run by hand: test_integration -tc="*without flow control*" --no-skip. Every quote is handled
  // (about 20 s of spinning), and the strategy's mailbox holds the burst meanwhile. Its stop_run
  // queues behind that backlog and ahead of the answers to the orders it sends while working
  // through it, so it does not see all of them (the portfolio books every fill): one more reason
  // for a credit-based policy.
  auto r = run_burst(flow_policy{});
  REQUIRE(r.run.ok);
  MESSAGE("unbounded: quotes handled=" << r.counts->quotes.load() << " strategy max_mailbox="
                                       << r.strategy.max_mailbox_depth
                                       << " peak_rss_kb=" << r.max_rss_kb << " submitted="
                                       << r.counts->submitted.load() << " fills seen="
                                       << r.counts->fills.load() << " booked=" << r.run.fill_count());
  CHECK(r.counts->quotes == burst_slices * burst_symbols.size());
  CHECK(r.strategy.max_mailbox_depth > 10'000); // the burst waits in the strategy's mailbox
}
