// Shows the plain half of deterministic stepping: the inbox learns its inputs' stamps from the step's
// counts and hands them out in (stamp, sender rank, FIFO) order; the send counter reports per
// (receiver, stamp); the sequencer core plans sweeps that let quiet participants run ahead, hold
// participants that are not quiet to the next event, and settle answers sent to lower ranks.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "bourse/sim/sequencer_core.hpp"
#include "bourse/sim/step.hpp"

using namespace bourse;

TEST_CASE("the inbox hands out inputs by stamp, then sender rank, FIFO per sender") {
  step_inbox<std::string> inbox;
  inbox.push(7, "b1@10");
  inbox.push(3, "a1@10");
  inbox.push(7, "b2@20");
  inbox.push(external_rank, "x1");
  inbox.push(3, "a2@20");
  inbox.expect(3, 10, 1);
  inbox.expect(3, 20, 1);
  inbox.expect(7, 10, 1);
  CHECK(inbox.ready()); // an input may arrive before its count (b2)
  inbox.expect(7, 20, 1);
  REQUIRE(inbox.ready());
  inbox.expect(9, 20, 1);
  CHECK_FALSE(inbox.ready()); // nothing from 9 yet
  inbox.push(9, "c1@20");
  REQUIRE(inbox.ready());
  CHECK(inbox.next_stamp() == 10);

  std::vector<std::string> seen;
  inbox.drain_through(10, [&](std::string& s) { seen.push_back(s); });
  CHECK(seen == std::vector<std::string>{"a1@10", "b1@10"});
  CHECK(inbox.next_stamp() == 20);
  inbox.drain_through(20, [&](std::string& s) { seen.push_back(s); });
  inbox.drain_external([&](std::string& s) { seen.push_back(s); });
  CHECK(seen == std::vector<std::string>{"a1@10", "b1@10", "a2@20", "b2@20", "c1@20", "x1"});
  CHECK(inbox.size() == 0);
  CHECK(inbox.next_stamp() == no_wakeup);

  SUBCASE("a step waits until every announced input has arrived") {
    inbox.expect(7, 30, 2);
    CHECK_FALSE(inbox.ready());
    inbox.push(7, "b3");
    CHECK_FALSE(inbox.ready());
    inbox.push(7, "b4");
    CHECK(inbox.ready());
  }
}

TEST_CASE("the send counter reports counts per receiver and stamp, ascending, and ignores externals") {
  send_counter counter;
  counter.count(5, 100);
  counter.count(2, 100);
  counter.count(5, 100);
  counter.count(5, 200);
  counter.count(external_rank, 100);
  counter.count(2, 300);
  auto sent = counter.take();
  CHECK(sent == std::vector<stamped_count>{{2, 100, 1}, {2, 300, 1}, {5, 100, 2}, {5, 200, 1}});
  CHECK(counter.take().empty());
  counter.count(5, 400);
  CHECK(counter.take() == std::vector<stamped_count>{{5, 400, 1}});
}

namespace {

step_report reply(std::vector<stamped_count> sent, timestamp reach, bool quiet = true,
                  timestamp next_input = no_wakeup, timestamp wakeup = no_wakeup) {
  return step_report{std::move(sent), reach, next_input, wakeup, quiet};
}

} // namespace

TEST_CASE("a sweep steps participants in rank order and quiet ones run to the end of the window") {
  sequencer_core core({3, 1, 2}, 0);
  for (timestamp t : {100, 200, 300})
    core.release(1, t);
  CHECK(core.next_event() == 100);
  core.begin_sweep(300);

  auto hub = core.next_step();
  REQUIRE(hub);
  CHECK(hub->rank == 1);
  CHECK(hub->bound == 300);
  CHECK(hub->inputs == std::vector<stamped_count>{{0, 100, 1}, {0, 200, 1}, {0, 300, 1}});
  core.on_step_done(1, reply({{2, 100, 1}, {2, 300, 1}}, 300));

  auto two = core.next_step();
  REQUIRE(two);
  CHECK(two->rank == 2);
  CHECK(two->inputs == std::vector<stamped_count>{{1, 100, 1}, {1, 300, 1}});
  core.on_step_done(2, reply({}, 300));
  CHECK_FALSE(core.next_step()); // 3 has nothing to do
  CHECK(core.settled() == 300);
  CHECK_FALSE(core.needs_settle());
  CHECK(core.next_event() == no_wakeup);
  CHECK(core.sweeps() == 1);
}

TEST_CASE("a participant that stops early holds everyone after it to where it stopped") {
  sequencer_core core({1, 2, 3}, 0);
  for (timestamp t : {100, 200, 300})
    core.release(1, t);
  core.begin_sweep(300);
  REQUIRE(core.next_step());
  core.on_step_done(1, reply({{2, 100, 1}, {2, 200, 1}, {2, 300, 1}, {3, 100, 1}, {3, 300, 1}},
                             300));
  auto strat = core.next_step();
  REQUIRE(strat);
  // 2 sends an order at 200 and is no longer quiet: it stops there.
  core.on_step_done(2, reply({{3, 200, 1}}, 200, false, 300));
  auto om = core.next_step();
  REQUIRE(om);
  CHECK(om->rank == 3);
  CHECK(om->bound == 200);
  // 3 answers 2 at 200 (a lower rank) and stops there.
  core.on_step_done(3, reply({{2, 200, 1}}, 200, true, 300));
  CHECK_FALSE(core.next_step());
  CHECK(core.settled() == 200);
  CHECK_FALSE(core.all_quiet());

  // The answer must be settled at 200 before anything later.
  REQUIRE(core.needs_settle());
  core.begin_sweep(core.settled());
  auto again = core.next_step();
  REQUIRE(again);
  CHECK(again->rank == 2);
  CHECK(again->bound == 200);
  CHECK(again->inputs == std::vector<stamped_count>{{3, 200, 1}});
  core.on_step_done(2, reply({}, 200, true, 300));
  CHECK_FALSE(core.next_step()); // 3's next input is at 300
  CHECK_FALSE(core.needs_settle());
  CHECK(core.all_quiet());
  CHECK(core.next_event() == 300);
}

TEST_CASE("a participant that is not quiet goes no further than the next event of anyone") {
  sequencer_core core({1, 2, 3}, 0);
  core.release(1, 100);
  core.begin_sweep(100);
  REQUIRE(core.next_step());
  core.on_step_done(1, reply({{2, 100, 1}}, 100));
  REQUIRE(core.next_step());
  // 2 has an order out; 3 (the venue) has a timer at 150 for it.
  core.on_step_done(2, reply({{3, 100, 1}}, 100, false));
  REQUIRE(core.next_step());
  core.on_step_done(3, reply({}, 100, true, no_wakeup, 150));
  CHECK_FALSE(core.next_step());
  for (timestamp t : {200, 300})
    core.release(1, t);

  core.begin_sweep(300);
  auto hub = core.next_step();
  REQUIRE(hub);
  CHECK(hub->bound == 300); // quiet and first: runs ahead
  core.on_step_done(1, reply({{2, 200, 1}, {2, 300, 1}}, 300));
  // 2 is not quiet: it and everyone after it stop at the next event, 3's timer at 150. 2 has
  // nothing at or before 150 and is skipped.
  auto venue = core.next_step();
  REQUIRE(venue);
  CHECK(venue->rank == 3);
  CHECK(venue->bound == 150);
  core.on_step_done(3, reply({{2, 150, 1}}, 150));
  CHECK_FALSE(core.next_step());
  CHECK(core.settled() == 150);
  CHECK(core.needs_settle());
}

TEST_CASE("a timer due again at the time just handled is settled at that time") {
  sequencer_core core({1}, 0);
  core.set_wakeup(1, 10);
  core.begin_sweep(10);
  auto s = core.next_step();
  REQUIRE(s);
  CHECK(s->inputs.empty());
  core.on_step_done(1, reply({}, 10, true, no_wakeup, 10));
  CHECK_FALSE(core.next_step());
  CHECK(core.needs_settle());
  SUBCASE("a timer in the future does not need settling") {
    core.begin_sweep(10);
    REQUIRE(core.next_step());
    core.on_step_done(1, reply({}, 10, true, no_wakeup, 50));
    CHECK_FALSE(core.next_step());
    CHECK_FALSE(core.needs_settle());
    CHECK(core.next_event() == 50);
  }
}

TEST_CASE("what a participant sends when stopped is settled at the stop time") {
  sequencer_core core({1, 2}, 0);
  core.on_stop_done(2, reply({{1, 500, 2}}, 500), 500);
  CHECK(core.settled() == 500);
  REQUIRE(core.needs_settle());
  core.begin_sweep(500);
  auto s = core.next_step();
  REQUIRE(s);
  CHECK(s->rank == 1);
  CHECK(s->inputs == std::vector<stamped_count>{{2, 500, 2}});
}

namespace {
std::vector<participant_rank> ranks_of(const std::vector<step_order>& steps) {
  std::vector<participant_rank> out;
  for (const auto& s : steps)
    out.push_back(s.rank);
  return out;
}
} // namespace

TEST_CASE("without declared reach a sweep hands out one step at a time") {
  sequencer_core core({1, 2, 3, 4}, 0);
  core.release(1, 100);
  core.begin_sweep(300);
  CHECK(ranks_of(core.ready_steps()) == std::vector<participant_rank>{1});
  CHECK(core.ready_steps().empty()); // 1 is in flight
  CHECK(core.in_flight() == 1);
  core.on_step_done(1, reply({{2, 100, 1}, {3, 100, 1}}, 300));
  CHECK(ranks_of(core.ready_steps()) == std::vector<participant_rank>{2});
  core.on_step_done(2, reply({}, 300));
  CHECK(ranks_of(core.ready_steps()) == std::vector<participant_rank>{3});
  core.on_step_done(3, reply({}, 300));
  CHECK(core.ready_steps().empty());
  CHECK_FALSE(core.sweeping());
  CHECK(core.settled() == 300);
}

TEST_CASE("participants that cannot affect each other step together and bound only what they reach") {
  // 1 = hub, 2 and 3 = two strategies, 4 = the order manager they share; a strategy reaches the
  // order manager and itself (answers come back only to the strategy that sent the order).
  sequencer_core core({1, 2, 3, 4}, 0);
  core.set_reach(2, {4});
  core.set_reach(3, {4});
  core.set_reach(4, {2, 3});
  CHECK(core.reaches(2, 4));
  CHECK_FALSE(core.reaches(2, 3));
  CHECK(core.reaches(1, 3)); // undeclared: everyone
  for (timestamp t : {100, 200, 300})
    core.release(1, t);
  core.begin_sweep(300);
  REQUIRE(ranks_of(core.ready_steps()) == std::vector<participant_rank>{1});
  core.on_step_done(1, reply({{2, 100, 1}, {2, 300, 1}, {3, 100, 1}, {3, 300, 1}}, 300));
  auto both = core.ready_steps();
  REQUIRE(ranks_of(both) == std::vector<participant_rank>{2, 3});
  CHECK(both[0].bound == 300);
  CHECK(both[1].bound == 300);
  CHECK(core.ready_steps().empty()); // 4 waits for both
  // 3 replies first; 2 sends an order at 100 and stops there.
  core.on_step_done(3, reply({}, 300));
  CHECK(core.ready_steps().empty());
  core.on_step_done(2, reply({{4, 100, 1}}, 100, false, 300));
  auto om = core.ready_steps();
  REQUIRE(ranks_of(om) == std::vector<participant_rank>{4});
  CHECK(om[0].bound == 100); // held to where 2 stopped
  core.on_step_done(4, reply({{2, 100, 1}}, 100, true));
  CHECK(core.ready_steps().empty());
  CHECK_FALSE(core.sweeping());
  CHECK(core.settled() == 100);
  CHECK(core.error().empty());
}

TEST_CASE("a send outside the declared reach is a protocol error") {
  sequencer_core core({1, 2, 3}, 0);
  core.set_reach(2, {3});
  core.set_reach(3, {});
  core.release(2, 100);
  core.begin_sweep(100);
  REQUIRE(core.next_step());
  core.on_step_done(2, reply({{3, 100, 1}}, 100));
  CHECK(core.error().empty());
  REQUIRE(core.next_step());
  core.on_step_done(3, reply({{2, 100, 1}}, 100));
  CHECK(core.error() == "participant 3 sent to participant 2, which is outside its declared reach");
}

TEST_CASE("a participant that is not quiet holds at the next event, and goes on once its answers "
          "made it quiet") {
  sequencer_core core({1, 2, 3}, 0);
  core.release(1, 100);
  core.begin_sweep(100);
  REQUIRE(core.next_step());
  core.on_step_done(1, reply({{2, 100, 1}}, 100));
  REQUIRE(core.next_step());
  core.on_step_done(2, reply({{3, 100, 1}}, 100, false)); // an order out
  REQUIRE(core.next_step());
  core.on_step_done(3, reply({{2, 100, 1}}, 100)); // its answer, to a lower rank
  CHECK_FALSE(core.next_step());
  REQUIRE(core.needs_settle());
  for (timestamp t : {200, 300})
    core.release(1, t);

  core.begin_sweep(300);
  REQUIRE(core.next_step());
  core.on_step_done(1, reply({{2, 200, 1}, {2, 300, 1}, {3, 300, 1}}, 300));
  auto strategy = core.next_step();
  REQUIRE(strategy);
  CHECK(strategy->rank == 2);
  CHECK(strategy->bound == 300);
  CHECK(strategy->hold == 100); // the answer at 100 first; past it only once quiet
  CHECK(strategy->inputs == std::vector<stamped_count>{{3, 100, 1}, {1, 200, 1}, {1, 300, 1}});
  // The answer made it quiet: it went on to 300, and so may everyone after it.
  core.on_step_done(2, reply({}, 300, true));
  auto om = core.next_step();
  REQUIRE(om);
  CHECK(om->bound == 300);
  CHECK(om->hold == no_wakeup);
  core.on_step_done(3, reply({}, 300));
  CHECK_FALSE(core.next_step());
  CHECK(core.settled() == 300);
}

TEST_CASE("an isolated participant is never stepped again and holds nobody back") {
  // 1 = hub, 2 and 3 = two strategies, 4 = the order manager they share.
  sequencer_core core({1, 2, 3, 4}, 0);
  core.set_reach(2, {4});
  core.set_reach(3, {4});
  core.set_reach(4, {2, 3});
  for (timestamp t : {100, 200, 300})
    core.release(1, t);
  core.begin_sweep(300);
  REQUIRE(ranks_of(core.ready_steps()) == std::vector<participant_rank>{1});
  core.on_step_done(1, reply({{2, 100, 1}, {2, 300, 1}, {3, 100, 1}, {3, 300, 1}}, 300));
  REQUIRE(ranks_of(core.ready_steps()) == std::vector<participant_rank>{2, 3});
  core.on_step_done(3, reply({}, 300));
  CHECK(core.ready_steps().empty()); // 4 waits for 2
  CHECK(core.in_flight() == 1);

  SUBCASE("a step in flight counts as done with nothing sent") {
    core.isolate(2);
    CHECK(core.isolated(2));
    CHECK_FALSE(core.isolated(3));
    CHECK(core.in_flight() == 0);
    CHECK(core.ready_steps().empty()); // 4 has nothing to do
    CHECK_FALSE(core.sweeping());
    CHECK(core.settled() == 300);
    // What is sent to it later is dropped; a late reply is ignored.
    core.on_step_done(2, reply({{4, 100, 1}}, 100, false, 300));
    CHECK(core.all_quiet());
    core.release(1, 400);
    core.begin_sweep(400);
    REQUIRE(ranks_of(core.ready_steps()) == std::vector<participant_rank>{1});
    core.on_step_done(1, reply({{2, 400, 1}, {3, 400, 1}}, 400));
    REQUIRE(ranks_of(core.ready_steps()) == std::vector<participant_rank>{3});
    core.on_step_done(3, reply({}, 400));
    CHECK(core.ready_steps().empty());
    CHECK_FALSE(core.sweeping());
    CHECK(core.next_event() == no_wakeup);
    CHECK(core.error().empty());
  }
  SUBCASE("the order manager's reach is known for stamping a message to it") {
    core.on_step_done(2, reply({{4, 100, 1}}, 100, false, 300));
    REQUIRE(ranks_of(core.ready_steps()) == std::vector<participant_rank>{4});
    core.on_step_done(4, reply({{2, 100, 1}}, 100, true));
    CHECK(core.reach_of(4) == 100);
    CHECK(core.reach_of(99) == before_data);
    core.isolate(2); // between steps: its pending answer is dropped
    CHECK_FALSE(core.needs_settle());
  }
}
