// messaging: bourse's typed market-data message (a quote_batch of one quote to a typed
// market_data_listener_actor) against raw CAF (an int64 to an untyped actor), 1 -> 1 and 4 -> 1,
// on one scheduler worker, in the same run.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include <caf/all.hpp>

#include "bourse/protocol/all.hpp"
#include "system_benchmarks.hpp"

namespace bourse::bench::detail {

namespace {

struct go {};
struct done {};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, go&) {
  return f(caf::meta::type_name("bourse::bench::go"));
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, done&) {
  return f(caf::meta::type_name("bourse::bench::done"));
}

constexpr std::uint64_t burst = 1000; // messages a sender sends per wake-up (then it yields)

// Counts `expected` messages, then tells `report`.
caf::behavior raw_receiver(caf::event_based_actor* self, std::uint64_t expected,
                           caf::actor report) {
  auto seen = std::make_shared<std::uint64_t>(0);
  return {[=](std::int64_t) {
    if (++*seen == expected)
      self->send(report, done{});
  }};
}

market_data_listener_actor::behavior_type
typed_receiver(market_data_listener_actor::pointer, std::uint64_t expected, caf::actor report) {
  auto seen = std::make_shared<std::uint64_t>(0);
  auto count = [=] {
    if (++*seen == expected)
      caf::anon_send(report, done{}); // a typed actor sends to untyped ones anonymously
  };
  return {[=](quote_batch&) { count(); }, [=](trade_batch&) { count(); },
          [=](bar_batch&) { count(); }, [=](market_window&) { count(); }};
}

// Sends `n` messages made by `make` to `to`, `burst` per wake-up.
template <class Handle, class Make>
caf::behavior sender(caf::event_based_actor* self, Handle to, std::uint64_t n, Make make) {
  auto sent = std::make_shared<std::uint64_t>(0);
  return {[=](go) {
    for (std::uint64_t i = 0; i < burst && *sent < n; ++i, ++*sent)
      self->send(to, make(*sent));
    if (*sent < n)
      self->send(self, go{});
  }};
}

// Returns messages per second for `senders` senders of n / senders messages each.
template <bool Typed>
double run_once(std::uint64_t n, int senders) {
  caf::actor_system_config cfg;
  register_protocol_types(cfg);
  cfg.set("scheduler.max-threads", 1);
  caf::actor_system sys{cfg};
  caf::scoped_actor self{sys};
  const std::uint64_t per = n / static_cast<std::uint64_t>(senders);
  const std::uint64_t total = per * static_cast<std::uint64_t>(senders);
  std::vector<caf::actor> sources;
  caf::actor receiver_handle;
  if constexpr (Typed) {
    auto r = sys.spawn(typed_receiver, total, caf::actor{self});
    receiver_handle = caf::actor_cast<caf::actor>(r);
    quote q;
    q.symbol = "ETH.A";
    q.bid = price::from_raw(200000, 2);
    q.ask = price::from_raw(200001, 2);
    for (int s = 0; s < senders; ++s)
      sources.push_back(sys.spawn(sender<market_data_listener_actor, std::function<quote_batch(std::uint64_t)>>, r, per,
                                  std::function<quote_batch(std::uint64_t)>([q](std::uint64_t i) {
                                    quote_batch b;
                                    b.ts_event = b.ts_init = static_cast<timestamp>(i);
                                    b.quotes.push_back(q);
                                    return b;
                                  })));
  } else {
    receiver_handle = sys.spawn(raw_receiver, total, caf::actor{self});
    for (int s = 0; s < senders; ++s)
      sources.push_back(sys.spawn(sender<caf::actor, std::function<std::int64_t(std::uint64_t)>>, receiver_handle, per,
                                  std::function<std::int64_t(std::uint64_t)>(
                                      [](std::uint64_t i) { return static_cast<std::int64_t>(i); })));
  }
  auto started = std::chrono::steady_clock::now();
  for (auto& s : sources)
    self->send(s, go{});
  self->receive([](done) {});
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  for (auto& s : sources)
    self->send_exit(s, caf::exit_reason::user_shutdown);
  self->send_exit(receiver_handle, caf::exit_reason::user_shutdown);
  return static_cast<double>(total) / seconds;
}

template <bool Typed>
double median_rate(std::uint64_t n, int senders, int repeats) {
  std::vector<double> rates;
  for (int r = 0; r < repeats; ++r)
    rates.push_back(run_once<Typed>(n, senders));
  std::sort(rates.begin(), rates.end());
  return rates[rates.size() / 2];
}

} // namespace

void messaging_benchmarks(const bench_options& opts, std::vector<bench_row>& rows,
                          std::vector<std::string>&) {
  const std::uint64_t n = opts.quick ? 1'000'000 : 5'000'000;
  const int repeats = opts.quick ? 3 : 5;
  for (int senders : {1, 4}) {
    std::fprintf(stderr, "messaging: %d -> 1, %llu messages, median of %d\n", senders,
                 static_cast<unsigned long long>(n), repeats);
    const double raw = median_rate<false>(n, senders, repeats);
    const double typed = median_rate<true>(n, senders, repeats);
    rows.push_back({"messaging." + std::to_string(senders) + "to1", typed, "msgs/s",
                    "raw_caf_int64", raw, typed / raw});
  }
}

} // namespace bourse::bench::detail
