// Shows the venue's order entry latency (fixed, or seeded uniform/exponential draws that never let
// a later command overtake an earlier one), maker/taker fees in basis points and per unit, DAY
// expiry at the session close or at the end of the run, and what stop() does to commands in flight.
#include <doctest/doctest.h>

#include <set>

#include "bourse/venue/fees.hpp"
#include "bourse/venue/latency.hpp"
#include "venue_kit.hpp"

using namespace venue_kit;
using lines = std::vector<std::string>;

namespace {

constexpr timestamp ms = 1'000'000;

timestamp at(std::string_view iso) {
  auto ts = parse_iso8601(iso);
  REQUIRE(ts);
  return *ts;
}

} // namespace

TEST_CASE("an order takes effect after a fixed latency and trades against the market then") {
  auto s = settings();
  s.latency.base = 5 * ms;
  venue::simulated_venue v(s);
  v.on_quote(make_quote(1000, "99.98", "100.02"));
  v.submit(market(1, side::buy, "10"), 1000);
  CHECK(drain(v).empty());
  CHECK(v.queued_commands() == 1);
  CHECK(v.next_wakeup() == 1000 + 5 * ms);
  v.on_quote(make_quote(1000 + ms, "100.40", "100.50"));
  v.advance_to(1000 + 5 * ms - 1);
  CHECK(drain(v).empty());
  v.advance_to(1000 + 5 * ms);
  auto events = v.take_events();
  CHECK(describe(events) == lines{"accepted 1", "fill 1 buy 10@100.50 leaves 0 taker done"});
  CHECK(header_of(events[0]).ts_event == 1000 + 5 * ms);
  CHECK(v.next_wakeup() == no_wakeup);
}

TEST_CASE("market data at an order's activation time comes after the order") {
  auto s = settings();
  s.latency.base = 5;
  venue::simulated_venue v(s);
  v.on_quote(make_quote(10, "99.98", "100.02"));
  v.submit(market(1, side::buy, "10"), 10);
  v.on_quote(make_quote(15, "100.40", "100.50"));
  CHECK(drain(v) == lines{"accepted 1", "fill 1 buy 10@100.02 leaves 0 taker done"});
}

TEST_CASE("random latencies are seeded, bounded, and never reorder commands") {
  venue::latency_model model;
  model.kind = venue::latency_kind::uniform;
  model.base = 100;
  model.jitter = 50;
  model.seed = 7;
  venue::latency_sampler a(model);
  venue::latency_sampler b(model);
  std::set<duration_ns> seen;
  for (int i = 0; i < 200; ++i) {
    const duration_ns x = a.next();
    CHECK(x == b.next());
    CHECK(x >= 100);
    CHECK(x <= 150);
    seen.insert(x);
  }
  CHECK(seen.size() > 20);
  model.seed = 8;
  venue::latency_sampler c(model);
  model.seed = 7;
  venue::latency_sampler e(model);
  bool differs = false;
  for (int i = 0; i < 20; ++i)
    differs = differs || c.next() != e.next();
  CHECK(differs);

  SUBCASE("exponential draws are at least the base") {
    model.kind = venue::latency_kind::exponential;
    venue::latency_sampler x(model);
    for (int i = 0; i < 200; ++i)
      CHECK(x.next() >= 100);
  }
  SUBCASE("a cancel sent right after its order never takes effect before it") {
    auto s = settings();
    s.latency = model;
    s.latency.jitter = 1'000'000;
    venue::simulated_venue v(s);
    for (order_id id = 1; id <= 50; ++id) {
      v.submit(limit(id, side::buy, "1", "10.00"), static_cast<timestamp>(id));
      v.cancel(cancel(id), static_cast<timestamp>(id));
    }
    v.advance_to(10'000'000);
    lines expected;
    for (order_id id = 1; id <= 50; ++id) {
      expected.push_back("accepted " + std::to_string(id));
      expected.push_back("cancelled " + std::to_string(id) + " 1 user");
    }
    CHECK(drain(v) == expected);
  }
}

TEST_CASE("fees are charged per role in basis points and per unit, rebates negative") {
  auto s = settings();
  s.fees.taker_bps = venue::basis_points::from_raw(25, 1); // 2.5 bp
  s.fees.maker_bps = venue::basis_points::from_units(-1);  // 1 bp rebate
  s.fees.taker_per_unit = cash("0.005");
  venue::simulated_venue v(s);
  v.on_quote(make_quote(1, "99.98", "100.02", "100", "100"));
  v.submit(limit(1, side::buy, "130", "100.05"), 1);
  // Taker: 10002.00 * 2.5 / 10000 = 2.5005, plus 100 * 0.005 = 0.5.
  CHECK(drain(v) == lines{"accepted 1", "fill 1 buy 100@100.02 leaves 30 taker fee 3.000500"});
  v.on_quote(make_quote(2, "99.98", "100.04", "100", "100"));
  // Maker: 3001.50 * -1 / 10000 = -0.30015.
  CHECK(drain(v) == lines{"fill 1 buy 30@100.05 leaves 0 maker fee -0.300150 done"});
}

TEST_CASE("fee arithmetic rounds half away from zero at the configured precision") {
  venue::fee_schedule f;
  f.taker_bps = venue::basis_points::from_units(5);
  f.maker_bps = venue::basis_points::from_units(-5);
  f.precision = 2;
  // 10.00 * 5 / 10000 = 0.005 -> 0.01; the rebate -0.005 -> -0.01.
  CHECK(venue::compute_fee(f, liquidity::taker, px("10.00"), qty("1")) == cash("0.01"));
  CHECK(venue::compute_fee(f, liquidity::maker, px("10.00"), qty("1")) == cash("-0.01"));
  f.precision = 4;
  // 10.01 * 5 / 10000 = 0.005005 -> 0.0050.
  CHECK(venue::compute_fee(f, liquidity::taker, px("10.01"), qty("1")).to_string() == "0.0050");
  f.taker_per_unit = cash("0.0035");
  CHECK(venue::compute_fee(f, liquidity::taker, px("10.00"), qty("200")) == cash("1.70"));
  CHECK(venue::compute_fee(venue::fee_schedule{}, liquidity::taker, px("10"), qty("1")).is_zero());
}

TEST_CASE("DAY orders expire at the session close, GTC orders stay") {
  auto s = settings();
  s.session_close = 21 * 3600 * ns_per_second;
  venue::simulated_venue v(s);
  const timestamp open = at("2024-01-02T14:30:00Z");
  const timestamp close = at("2024-01-02T21:00:00Z");
  v.on_quote(make_quote(open, "99.98", "100.02"));
  v.submit(limit(1, side::buy, "10", "99.00", time_in_force::day), open);
  v.submit(limit(2, side::buy, "10", "99.00"), open);
  v.submit(stop(3, side::buy, "5", "101.00", "", time_in_force::day), open);
  CHECK(drain(v) == lines{"accepted 1", "accepted 2", "accepted 3"});
  CHECK(v.next_wakeup() == close);
  v.advance_to(close - 1);
  CHECK(drain(v).empty());
  v.advance_to(close);
  CHECK(drain(v) == lines{"expired 1 10", "expired 3 5"});
  CHECK(v.live_orders().size() == 1);
  CHECK(v.next_wakeup() == no_wakeup);

  SUBCASE("an order arriving at the close belongs to the next session") {
    v.submit(limit(4, side::buy, "1", "99.00", time_in_force::day), close);
    CHECK(drain(v) == lines{"accepted 4"});
    CHECK(v.next_wakeup() == close + ns_per_day);
    v.on_quote(make_quote(close + 2 * ns_per_day, "99.98", "100.02"));
    CHECK(drain(v) == lines{"expired 4 1"});
  }
}

TEST_CASE("without a session close DAY orders expire at stop") {
  venue::simulated_venue v(settings());
  v.submit(limit(1, side::buy, "10", "99.00", time_in_force::day), 1);
  v.submit(limit(2, side::buy, "10", "99.00"), 1);
  CHECK(v.next_wakeup() == no_wakeup);
  (void)v.take_events();
  v.stop(2);
  CHECK(drain(v) == lines{"expired 1 10"});
  REQUIRE(v.live_orders().size() == 1);
  CHECK(v.live_orders()[0].id == 2);
}

TEST_CASE("stop ends commands in flight and refuses new orders afterwards") {
  auto s = settings();
  s.latency.base = ns_per_second;
  venue::simulated_venue v(s);
  v.submit(limit(1, side::buy, "10", "99.00"), 0);
  v.advance_to(ns_per_second);
  CHECK(drain(v) == lines{"accepted 1"});
  v.submit(limit(2, side::buy, "7", "99.00"), 2 * ns_per_second);
  v.replace(replace(1, "98.00", ""), 2 * ns_per_second);
  v.cancel(cancel(1), 2 * ns_per_second);
  v.stop(2 * ns_per_second);
  CHECK(drain(v) ==
        lines{"cancelled 2 7 shutdown", "rejected 1 replace shutting_down", "cancelled 1 10 user"});
  CHECK(v.stopped());
  CHECK(v.queued_commands() == 0);
  v.submit(limit(3, side::buy, "1", "99.00"), 3 * ns_per_second);
  v.cancel(cancel(2), 3 * ns_per_second);
  CHECK(drain(v) == lines{"rejected 3 submit shutting_down", "rejected 2 cancel order_finished"});
}

TEST_CASE("venue settings report every problem at once") {
  venue::venue_settings s;
  CHECK(s.validate() == lines{"instruments: at least one instrument is needed"});
  s.instruments = {instr("AAPL"), instr("AAPL")};
  s.instruments[1].lot_size = quantity{};
  s.latency.base = -1;
  s.latency.jitter = 5;
  s.fees.taker_bps = venue::basis_points::from_units(1001);
  s.fees.maker_bps = venue::basis_points::from_units(-2000);
  s.fees.precision = 12;
  s.session_close = ns_per_day;
  auto problems = s.validate();
  CHECK(problems.size() == 8);
  CHECK(problems[0] == "instruments[1]: duplicate symbol AAPL");
  CHECK(problems[1] == "instruments[1] (AAPL): lot size must be positive, got 0");
  CHECK(problems[2].find("latency.base") == 0);
  CHECK(problems[3] == "latency.jitter must be 0 for a fixed latency, got 5 (use kind uniform or "
                       "exponential)");
  CHECK(problems[4] == "fees.maker_bps must be between -1000 and 1000, got -2000");
  CHECK(problems[5] == "fees.taker_bps must be between 0 and 1000, got 1001");
  CHECK(problems[6] == "fees.precision must be between 0 and 9, got 12");
  CHECK(problems[7].find("session_close") == 0);
  CHECK(settings().validate().empty());
  CHECK(venue::latency_kind_from_string("Exponential") == venue::latency_kind::exponential);
  CHECK_FALSE(venue::latency_kind_from_string("gauss"));
}
