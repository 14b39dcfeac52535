// Shows the order manager core's priority lane: cancels and market orders queued behind limit
// orders are handled first when the lanes are drained; a cancel whose order still waits in the
// queue removes it there without involving a venue; queued orders show in open_orders as new.
#include <doctest/doctest.h>

#include "desk.hpp"

using namespace venue_kit;
using lines = std::vector<std::string>;

namespace {

std::string line(const om_action& a) {
  if (auto* c = std::get_if<venue_command>(&a)) {
    static const char* const kinds[] = {"submit", "cancel", "replace"};
    return std::string("venue ") + kinds[c->command.index()] + " " +
           std::to_string(id_of(c->command));
  }
  if (auto* e = std::get_if<strategy_event>(&a))
    return std::to_string(e->strategy) + ": " + describe(e->event);
  return "fill report";
}

} // namespace

TEST_CASE("a cancel behind 1,000 queued limit orders is handled first") {
  order_manager_core om({});
  REQUIRE(om.add_route("AAPL", 0));

  SUBCASE("the cancelled order is still queued: it never reaches the venue") {
    for (order_id id = 1; id <= 1000; ++id)
      om.enqueue(limit(id, side::buy, "1", "10.00"));
    om.enqueue(cancel(1000));
    CHECK(om.queued() == 1001);
    om.drain(5);
    auto actions = om.take_actions();
    REQUIRE(actions.size() == 1000);
    CHECK(line(actions[0]) == "7: cancelled 1000 1 user");
    CHECK(line(actions[1]) == "venue submit 1");
    CHECK(line(actions[999]) == "venue submit 999");
    for (const auto& a : actions)
      CHECK(line(a) != "venue submit 1000");
    CHECK(om.tracker().find(1000)->state == order_state::cancelled);
    CHECK(om.queued() == 0);
  }
  SUBCASE("the cancelled order is at the venue: the cancel goes out before the queued orders") {
    om.enqueue(limit(1, side::buy, "1", "10.00"));
    om.drain(1);
    (void)om.take_actions();
    for (order_id id = 2; id <= 1001; ++id)
      om.enqueue(limit(id, side::buy, "1", "10.00"));
    om.enqueue(cancel(1));
    om.drain(2);
    auto actions = om.take_actions();
    REQUIRE(actions.size() == 1001);
    CHECK(line(actions[0]) == "venue cancel 1");
    CHECK(line(actions[1]) == "venue submit 2");
    CHECK(line(actions[1000]) == "venue submit 1001");
  }
}

TEST_CASE("market orders overtake queued limit orders, each lane keeps its arrival order") {
  order_manager_core om({});
  REQUIRE(om.add_route("AAPL", 0));
  om.enqueue(limit(1, side::buy, "1", "10.00"));
  om.enqueue(stop(2, side::buy, "1", "11.00"));
  om.enqueue(market(3, side::buy, "1"));
  om.enqueue(replace(1, "10.01", ""));
  om.enqueue(market(4, side::sell, "1"));
  om.drain(1);
  lines got;
  for (const auto& a : om.take_actions())
    got.push_back(line(a));
  CHECK(got == lines{"venue submit 3", "venue submit 4", "venue submit 1", "venue submit 2",
                     "7: rejected 1 replace request_pending"});
}

TEST_CASE("a cancel of another strategy's queued order is refused and the order goes on") {
  order_manager_core om({});
  REQUIRE(om.add_route("AAPL", 0));
  om.enqueue(limit(1, side::buy, "1", "10.00"));
  om.enqueue(cancel(1, 8));
  CHECK(om.open_orders().size() == 1);
  CHECK(om.open_orders()[0].state == order_state::new_order);
  CHECK(om.open_orders(8).empty());
  om.drain(1);
  lines got;
  for (const auto& a : om.take_actions())
    got.push_back(line(a));
  CHECK(got == lines{"8: rejected 1 cancel not_owner", "venue submit 1"});
  CHECK(om.open_orders(7)[0].state == order_state::pending_submit);
}

TEST_CASE("with a venue attached the overtaking cancel leaves the other orders working") {
  desk d({});
  for (order_id id = 1; id <= 1000; ++id)
    d.om.enqueue(limit(id, side::buy, "1", "10.00"));
  d.om.enqueue(cancel(500));
  d.pump();
  auto got = d.lines();
  REQUIRE(got.size() == 1000);
  CHECK(got[0] == "7: cancelled 500 1 user");
  CHECK(got[1] == "7: accepted 1");
  CHECK(d.venues[0]->live_orders().size() == 999);
  CHECK(d.om.open_orders().size() == 999);
}
