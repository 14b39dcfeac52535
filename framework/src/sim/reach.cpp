// Reach of every participant over the wired edges, keeping flows apart where participants do.
#include "bourse/sim/reach.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

namespace bourse {

std::vector<std::vector<participant_rank>> compute_reach(const std::vector<flow_node>& nodes) {
  std::map<participant_rank, std::size_t> index;
  for (std::size_t i = 0; i < nodes.size(); ++i)
    index.emplace(nodes[i].rank, i);
  auto targets = [&](const flow_node& n) {
    std::vector<std::size_t> out;
    if (n.sends_to_anyone) {
      for (std::size_t i = 0; i < nodes.size(); ++i)
        out.push_back(i);
      return out;
    }
    for (auto r : n.sends_to)
      if (auto it = index.find(r); it != index.end())
        out.push_back(it->second);
    return out;
  };
  std::vector<std::vector<std::size_t>> edges;
  for (const auto& n : nodes)
    edges.push_back(targets(n));

  std::vector<std::vector<participant_rank>> out;
  for (std::size_t origin = 0; origin < nodes.size(); ++origin) {
    // States are (participant, flow of the messages it handles); 0 = no flow.
    std::set<std::pair<std::size_t, std::uint64_t>> seen;
    std::vector<std::pair<std::size_t, std::uint64_t>> todo{{origin, nodes[origin].flow}};
    std::set<participant_rank> reached{nodes[origin].rank};
    while (!todo.empty()) {
      auto [at, flow] = todo.back();
      todo.pop_back();
      if (!seen.insert({at, flow}).second)
        continue;
      const auto& from = nodes[at];
      // What a participant of a flow sends belongs to its flow; what a keeper sends belongs to
      // the flow it handles; anyone else's messages belong to none.
      const std::uint64_t sent = from.flow != 0 ? from.flow : (from.keeps_flows ? flow : 0);
      for (auto to : edges[at]) {
        const auto& next = nodes[to];
        if (from.keeps_flows && sent != 0 && next.flow != 0 && next.flow != sent)
          continue;
        reached.insert(next.rank);
        todo.emplace_back(to, sent);
      }
    }
    out.emplace_back(reached.begin(), reached.end());
  }
  return out;
}

} // namespace bourse
