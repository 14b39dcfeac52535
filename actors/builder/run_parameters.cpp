// Labels of strategies for reports.
#include "bourse/actors/builder/run_parameters.hpp"

#include <map>

namespace bourse {

std::vector<std::string>
strategy_labels(const std::vector<std::pair<strategy_id, std::string>>& strategies) {
  std::map<std::string, std::size_t> uses;
  for (const auto& [id, name] : strategies)
    ++uses[name];
  std::vector<std::string> out;
  out.reserve(strategies.size());
  for (const auto& [id, name] : strategies)
    out.push_back(uses[name] > 1 ? name + "#" + std::to_string(id) : name);
  return out;
}

} // namespace bourse
