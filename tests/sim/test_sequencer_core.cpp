// Shows the plain half of deterministic stepping: the per-sender inbox hands out exactly the inputs a
// step names, in rank order, and the sequencer core turns send counts and wakeups into waves.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "bourse/sim/sequencer_core.hpp"
#include "bourse/sim/step.hpp"

using namespace bourse;

TEST_CASE("the inbox hands out a step's inputs by sender rank, FIFO per sender") {
  step_inbox<std::string> inbox;
  inbox.push(7, "b1");
  inbox.push(3, "a1");
  inbox.push(7, "b2");
  inbox.push(external_rank, "x1");
  inbox.push(3, "a2");
  inbox.push(7, "b3"); // belongs to a later step

  std::vector<rank_count> step{{3, 2}, {7, 2}};
  REQUIRE(inbox.ready(step));
  std::vector<std::string> seen;
  inbox.drain(step, [&](std::string& s) { seen.push_back(s); });
  CHECK(seen == std::vector<std::string>{"a1", "a2", "b1", "b2", "x1"});
  CHECK(inbox.size() == 1);

  SUBCASE("a step waits until every named input has arrived") {
    std::vector<rank_count> next{{7, 2}};
    CHECK_FALSE(inbox.ready(next));
    inbox.push(7, "b4");
    CHECK(inbox.ready(next));
    seen.clear();
    inbox.drain(next, [&](std::string& s) { seen.push_back(s); });
    CHECK(seen == std::vector<std::string>{"b3", "b4"});
  }
}

TEST_CASE("the send counter reports counts per receiver, ascending, and ignores externals") {
  send_counter counter;
  counter.count(5);
  counter.count(2);
  counter.count(5);
  counter.count(external_rank);
  auto sent = counter.take();
  CHECK(sent == std::vector<rank_count>{{2, 1}, {5, 2}});
  CHECK(counter.take().empty());
}

TEST_CASE("the sequencer core steps receivers wave by wave until nothing is in flight") {
  sequencer_core core;
  core.begin_slice(100);
  core.add_sent(0, 1, 1); // sequencer (0) sent the slice to the hub (1)

  auto wave1 = core.next_wave();
  REQUIRE(wave1.size() == 1);
  CHECK(wave1[0].rank == 1);
  CHECK(wave1[0].inputs == std::vector<rank_count>{{0, 1}});

  // The hub fans out to 3 and 2; nothing due.
  core.on_step_done(1, {{2, 1}, {3, 1}}, no_wakeup);
  auto wave2 = core.next_wave();
  REQUIRE(wave2.size() == 2);
  CHECK(wave2[0].rank == 2);
  CHECK(wave2[1].rank == 3);
  CHECK(wave2[1].inputs == std::vector<rank_count>{{1, 1}});

  // Both send to 4; 3 also sets a timer for later.
  core.on_step_done(2, {{4, 2}}, no_wakeup);
  core.on_step_done(3, {{4, 1}}, 250);
  auto wave3 = core.next_wave();
  REQUIRE(wave3.size() == 1);
  CHECK(wave3[0].rank == 4);
  CHECK(wave3[0].inputs == std::vector<rank_count>{{2, 2}, {3, 1}});
  core.on_step_done(4, {}, no_wakeup);
  CHECK(core.next_wave().empty());
  CHECK(core.waves() == 3);
  CHECK(core.next_wakeup() == 250);

  SUBCASE("a due wakeup joins the first wave of its slice even without inputs") {
    core.begin_slice(250);
    auto wave = core.next_wave();
    REQUIRE(wave.size() == 1);
    CHECK(wave[0].rank == 3);
    CHECK(wave[0].inputs.empty());
  }
  SUBCASE("a wakeup in the future does not step anyone") {
    core.begin_slice(200);
    CHECK(core.next_wave().empty());
  }
}

TEST_CASE("a timer set for the current time fires in the next wave of the same slice") {
  sequencer_core core;
  core.begin_slice(10);
  core.add_sent(0, 1, 1);
  auto w = core.next_wave();
  core.on_step_done(1, {}, 10);
  auto again = core.next_wave();
  REQUIRE(again.size() == 1);
  CHECK(again[0].rank == 1);
}
