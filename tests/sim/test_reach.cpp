// Shows the reach computation: the order manager and the venues keep strategies' flows apart, so one
// strategy's orders never reach another strategy; an undeclared actor reaches everyone.
#include <doctest/doctest.h>

#include <vector>

#include "bourse/sim/reach.hpp"

using namespace bourse;
using ranks = std::vector<participant_rank>;

namespace {

// hub 1 -> indicator 2 -> strategy 3; strategies 3 and 4 -> order manager 5 -> venue 6 -> 5;
// the order manager -> strategies and portfolio 7, which sends nothing.
std::vector<flow_node> two_strategies() {
  std::vector<flow_node> nodes(7);
  nodes[0] = {1, 0, false, false, {2, 3, 4, 5, 6, 7}};
  nodes[1] = {2, 0, false, false, {3}};
  nodes[2] = {3, 3, false, false, {5}};
  nodes[3] = {4, 4, false, false, {5}};
  nodes[4] = {5, 0, true, false, {3, 4, 6, 7}};
  nodes[5] = {6, 0, true, false, {5}};
  nodes[6] = {7, 0, false, false, {}};
  return nodes;
}

} // namespace

TEST_CASE("a strategy's orders come back to it and to the shared order path, not to other strategies") {
  const auto reach = compute_reach(two_strategies());
  REQUIRE(reach.size() == 7);
  CHECK(reach[0] == ranks{1, 2, 3, 4, 5, 6, 7}); // the hub feeds everyone
  CHECK(reach[1] == ranks{2, 3, 5, 6, 7});       // the indicator feeds strategy 3 only
  CHECK(reach[2] == ranks{3, 5, 6, 7});
  CHECK(reach[3] == ranks{4, 5, 6, 7});
  CHECK(reach[4] == ranks{3, 4, 5, 6, 7}); // the order manager's own doing reaches both
  CHECK(reach[5] == ranks{3, 4, 5, 6, 7}); // so does a venue's (e.g. market data filling orders)
  CHECK(reach[6] == ranks{7});
}

TEST_CASE("without kept flows, one strategy reaches the other through the order manager") {
  auto nodes = two_strategies();
  nodes[4].keeps_flows = false;
  const auto reach = compute_reach(nodes);
  CHECK(reach[2] == ranks{3, 4, 5, 6, 7});
}

TEST_CASE("an actor whose edges are not declared reaches everyone, and so does whoever feeds it") {
  auto nodes = two_strategies();
  nodes[6].sends_to_anyone = true; // e.g. a user's portfolio listener wired by hand
  const auto reach = compute_reach(nodes);
  CHECK(reach[6] == ranks{1, 2, 3, 4, 5, 6, 7});
  CHECK(reach[2] == ranks{1, 2, 3, 4, 5, 6, 7});
}
