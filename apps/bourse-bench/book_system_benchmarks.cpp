// book.*: the matching engine reached three ways with the same mixed order flow: the order book
// alone, the simulated venue core that wraps it (book.direct), and the venue actor fed batches of
// commands (book.venue_actor). Event counts must agree, or the benchmark fails.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <caf/all.hpp>

#include "bourse/book/order_book.hpp"
#include "bourse/protocol/all.hpp"
#include "bourse/venue/simulated_venue.hpp"
#include "order_flow.hpp"
#include "system_benchmarks.hpp"
#include "tick_scenario.hpp"
#include "bourse/actors/venue/venue.hpp"

namespace bourse::bench::detail {

namespace {

using bourse_bench::command;
using clock_type = std::chrono::steady_clock;

double seconds_since(clock_type::time_point start) {
  return std::chrono::duration<double>(clock_type::now() - start).count();
}

// Counts the book's callbacks (the thinnest possible consumer).
struct counting_listener final : book::listener {
  std::uint64_t events = 0;
  void on_accepted(order_id, timestamp) override { ++events; }
  void on_rejected(order_id, book::request_kind, book::reject_reason, timestamp) override {
    ++events;
  }
  void on_trade(const book::trade_event&) override { ++events; }
  void on_cancelled(order_id, quantity, book::cancel_reason, timestamp) override { ++events; }
  void on_replaced(const book::order_view&, timestamp) override { ++events; }
  void on_triggered(order_id, timestamp) override { ++events; }
};

// The flow as protocol commands, stamped 1, 2, 3... (what an order manager would send a venue).
std::vector<order_command_message> to_messages(const std::vector<command>& flow,
                                               const std::string& symbol) {
  std::vector<order_command_message> out;
  out.reserve(flow.size());
  timestamp ts = 0;
  for (const auto& c : flow) {
    ++ts;
    switch (c.what) {
    case command::kind::add: {
      submit_order m;
      m.ts_event = ts;
      m.id = c.id;
      m.strategy = 1;
      m.account = 1;
      m.symbol = symbol;
      m.order_side = c.side;
      m.type = order_type::limit;
      m.limit_price = price::from_raw(c.cents, 2);
      m.qty = quantity::from_units(c.qty);
      out.emplace_back(std::move(m));
      break;
    }
    case command::kind::cancel:
      out.emplace_back(cancel_order{ts, 0, c.id, 1});
      break;
    case command::kind::replace_qty:
      out.emplace_back(replace_order{ts, 0, c.id, 1, price{}, quantity::from_units(c.qty)});
      break;
    case command::kind::replace_price:
      out.emplace_back(replace_order{ts, 0, c.id, 1, price::from_raw(c.cents, 2), quantity{}});
      break;
    }
  }
  return out;
}

venue::venue_settings bench_venue() {
  venue::venue_settings s;
  s.instruments.push_back(bourse_bench::bench_instrument());
  return s;
}

// The venue core driven directly; returns the number of execution events.
std::uint64_t run_direct(const std::vector<order_command_message>& flow) {
  venue::simulated_venue core{bench_venue()};
  std::uint64_t events = 0;
  for (const auto& m : flow) {
    caf::visit(
        [&](const auto& cmd) {
          using T = std::decay_t<decltype(cmd)>;
          if constexpr (std::is_same_v<T, submit_order>)
            core.submit(cmd, cmd.ts_event);
          else if constexpr (std::is_same_v<T, cancel_order>)
            core.cancel(cmd, cmd.ts_event);
          else
            core.replace(cmd, cmd.ts_event);
        },
        m);
    events += core.take_events().size();
  }
  return events;
}

// Counts order events (single or batched) and tells `done` when `expected` have arrived.
struct counter_state {
  std::uint64_t events = 0;
  std::uint64_t expected = 0;
  caf::actor done;
};

caf::behavior event_counter(caf::stateful_actor<counter_state>* self, std::uint64_t expected,
                            caf::actor done) {
  self->state.expected = expected;
  self->state.done = std::move(done);
  auto add = [self](std::uint64_t n) {
    auto& st = self->state;
    st.events += n;
    if (st.events == st.expected)
      self->send(st.done, st.events);
  };
  return {
      [=](order_events& b) { add(b.events.size()); },
      [=](order_accepted&) { add(1); },
      [=](order_rejected&) { add(1); },
      [=](order_partially_filled&) { add(1); },
      [=](order_filled&) { add(1); },
      [=](order_cancelled&) { add(1); },
      [=](order_replaced&) { add(1); },
      [=](order_expired&) { add(1); },
      [=](order_triggered&) { add(1); },
  };
}

struct actor_result {
  double seconds = 0;
  std::uint64_t events = 0;
  bool complete = false;
};

// The venue actor in paper mode on one worker, fed the flow in batches of `batch` commands.
actor_result run_venue_actor(const std::vector<order_command_message>& flow, std::size_t batch,
                             std::uint64_t expected) {
  caf::actor_system_config cfg;
  register_protocol_types(cfg);
  cfg.set("scheduler.max-threads", 1);
  cfg.set("logger.verbosity", caf::atom("quiet"));
  actor_result out;
  {
    caf::actor_system sys{cfg};
    venue_config vc;
    vc.name = "bench";
    vc.settings = bench_venue();
    participant_setup setup;
    setup.mode = run_mode::paper;
    auto venue = spawn_venue(sys, vc, setup);
    caf::scoped_actor self{sys};
    auto counter = sys.spawn(event_counter, expected, caf::actor{self});
    self->send(venue, attach_order_listener{caf::actor_cast<order_event_listener_actor>(counter)});
    // Batches are built before the clock starts: the timing covers the hop, not the copy.
    std::vector<order_commands> batches;
    for (std::size_t i = 0; i < flow.size(); i += batch) {
      order_commands b;
      b.commands.assign(flow.begin() + static_cast<std::ptrdiff_t>(i),
                        flow.begin() + static_cast<std::ptrdiff_t>(std::min(flow.size(), i + batch)));
      batches.push_back(std::move(b));
    }
    const auto start = clock_type::now();
    for (auto& b : batches)
      self->send(venue, std::move(b));
    self->receive([&](std::uint64_t n) { out.events = n; },
                  caf::after(std::chrono::seconds(60)) >> [] {});
    out.seconds = seconds_since(start);
    out.complete = out.events == expected;
    self->send_exit(venue, caf::exit_reason::user_shutdown);
    self->send_exit(counter, caf::exit_reason::user_shutdown);
  }
  return out;
}

} // namespace

void book_system_benchmarks(const bench_options& opts, std::vector<bench_row>& rows,
                            std::vector<std::string>& problems) {
  const std::size_t count = opts.quick ? 200'000 : 1'000'000;
  const int repeats = opts.quick ? 3 : 5;
  const std::size_t batch = 256;
  const auto flow = bourse_bench::mixed_flow(count, 2024);
  const auto messages = to_messages(flow, bourse_bench::bench_instrument().symbol);
  std::vector<double> book_s, direct_s, actor_s;
  std::uint64_t direct_events = 0;
  for (int i = 0; i < repeats; ++i) {
    std::fprintf(stderr, "book: run %d/%d (%zu commands)\n", i + 1, repeats, flow.size());
    {
      counting_listener events;
      book::order_book b(bourse_bench::bench_instrument(), events,
                         bourse_bench::bench_config(count));
      const auto start = clock_type::now();
      for (std::size_t k = 0; k < flow.size(); ++k)
        bourse_bench::send(b, flow[k], static_cast<timestamp>(k + 1));
      book_s.push_back(seconds_since(start));
    }
    const auto start = clock_type::now();
    direct_events = run_direct(messages);
    direct_s.push_back(seconds_since(start));
    auto actor = run_venue_actor(messages, batch, direct_events);
    if (!actor.complete) {
      problems.push_back("book.venue_actor: the venue actor sent " + std::to_string(actor.events) +
                         " order events, the venue core " + std::to_string(direct_events));
      return;
    }
    actor_s.push_back(actor.seconds);
  }
  const double n = static_cast<double>(flow.size());
  const double book_rate = n / median(book_s);
  const double direct_rate = n / median(direct_s);
  const double actor_rate = n / median(actor_s);
  rows.push_back({"book.direct", direct_rate, "commands/s", "order_book", book_rate,
                  direct_rate / book_rate});
  rows.push_back({"book.venue_actor", actor_rate, "commands/s", "book.direct", direct_rate,
                  actor_rate / direct_rate});
}

} // namespace bourse::bench::detail
