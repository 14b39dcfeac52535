// Shows the flow-control core: one batch in flight per consumer; while it is unacknowledged,
// conflation keeps only the newest record per symbol and a bounded buffer drops its oldest batches,
// and the counters say how many records were conflated, dropped and held.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "bourse/market/flow_control.hpp"

using namespace bourse;

namespace {

struct rec {
  std::string symbol;
  int value = 0;
};

struct batch {
  long ts = 0;
  std::vector<rec> recs;
};

struct traits {
  static std::vector<rec>& items(batch& b) { return b.recs; }
  static const std::string& key(const rec& r) { return r.symbol; }
};

using queue = flow_queue<batch, traits>;

batch make(long ts, std::vector<rec> recs) { return batch{ts, std::move(recs)}; }

} // namespace

TEST_CASE("an unbounded flow queue hands every batch out at once and takes no credit") {
  queue q;
  for (int i = 0; i < 5; ++i)
    CHECK(q.offer(make(i, {{"A", i}})).has_value());
  CHECK_FALSE(q.in_flight());
  CHECK(q.counters().sent == 5);
  CHECK(q.counters().held == 0);
}

TEST_CASE("conflation keeps the newest record per symbol while a batch is in flight") {
  queue q{flow_policy{flow_mode::conflate, 0}};
  auto first = q.offer(make(1, {{"A", 1}}));
  REQUIRE(first.has_value());
  CHECK(q.in_flight());
  CHECK_FALSE(q.offer(make(2, {{"A", 2}, {"B", 2}})).has_value());
  CHECK_FALSE(q.offer(make(3, {{"A", 3}})).has_value());
  CHECK_FALSE(q.offer(make(4, {{"B", 4}, {"A", 4}})).has_value());
  CHECK(q.counters().held == 2);
  CHECK(q.counters().max_held == 2);
  CHECK(q.counters().conflated == 3); // A2 by A3, A3 by A4, B2 by B4
  auto next = q.ack();
  REQUIRE(next.has_value());
  CHECK(next->ts == 4); // the newest batch's time
  REQUIRE(next->recs.size() == 2);
  CHECK(next->recs[0].symbol == "A"); // first seen first
  CHECK(next->recs[0].value == 4);
  CHECK(next->recs[1].symbol == "B");
  CHECK(next->recs[1].value == 4);
  CHECK(q.counters().held == 0);
  CHECK(q.in_flight());
  CHECK_FALSE(q.ack().has_value()); // nothing held: the credit comes back
  CHECK_FALSE(q.in_flight());
  CHECK(q.offer(make(5, {{"A", 5}})).has_value());
  CHECK(q.counters().sent == 3);
  CHECK(q.counters().acks == 2);
}

TEST_CASE("conflation of one batch with a repeated symbol keeps its newest record") {
  queue q{flow_policy{flow_mode::conflate, 0}};
  REQUIRE(q.offer(make(1, {{"A", 1}})).has_value());
  CHECK_FALSE(q.offer(make(2, {{"A", 2}, {"A", 3}})).has_value());
  auto next = q.ack();
  REQUIRE(next.has_value());
  REQUIRE(next->recs.size() == 1);
  CHECK(next->recs[0].value == 3);
  CHECK(q.counters().conflated == 1);
}

TEST_CASE("a bounded buffer drops its oldest batches and hands the rest out in order") {
  queue q{flow_policy{flow_mode::buffer, 2}};
  REQUIRE(q.offer(make(1, {{"A", 1}})).has_value());
  CHECK_FALSE(q.offer(make(2, {{"A", 2}, {"B", 2}})).has_value());
  CHECK_FALSE(q.offer(make(3, {{"A", 3}})).has_value());
  CHECK(q.counters().dropped == 0);
  CHECK_FALSE(q.offer(make(4, {{"A", 4}})).has_value()); // drops batch 2 (two records)
  CHECK(q.counters().dropped == 2);
  CHECK(q.counters().held == 2);
  CHECK(q.counters().max_held == 3);
  auto a = q.ack();
  REQUIRE(a.has_value());
  CHECK(a->ts == 3);
  auto b = q.ack();
  REQUIRE(b.has_value());
  CHECK(b->ts == 4);
  CHECK_FALSE(q.ack().has_value());
  CHECK(q.counters().held == 0);
}

TEST_CASE("clearing a flow queue counts what it held as dropped") {
  queue q{flow_policy{flow_mode::conflate, 0}};
  REQUIRE(q.offer(make(1, {{"A", 1}})).has_value());
  CHECK_FALSE(q.offer(make(2, {{"A", 2}, {"B", 2}})).has_value());
  q.clear();
  CHECK(q.counters().dropped == 2);
  CHECK(q.counters().held == 0);
  CHECK_FALSE(q.in_flight());
}

TEST_CASE("flow modes parse and print and a zero buffer is refused") {
  CHECK(parse_flow_mode("conflate") == flow_mode::conflate);
  CHECK(parse_flow_mode("buffer") == flow_mode::buffer);
  CHECK(parse_flow_mode("unbounded") == flow_mode::unbounded);
  CHECK_FALSE(parse_flow_mode("Conflate").has_value());
  CHECK(to_string(flow_mode::buffer) == "buffer");
  CHECK(flow_policy{flow_mode::buffer, 0}.validate().size() == 1);
  CHECK(flow_policy{flow_mode::conflate, 0}.validate().empty());
}
