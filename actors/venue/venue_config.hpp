#pragma once
// Configuration of the simulated venue actor: a name for the logs and the venue core's settings
// (instruments, latency, fees, session close); docs/venue.md has the fill model.

#include <string>
#include <vector>

#include "bourse/venue/venue_settings.hpp"

namespace bourse {

/// Everything a simulated venue actor needs to start.
struct venue_config {
  /// The venue's name in log lines.
  std::string name = "venue";
  /// Instruments (symbol, tick, lot), latency, fees and session close.
  venue::venue_settings settings;

  /// Returns every problem at once (empty when usable): an empty name, and the settings' problems
  /// (no instruments, duplicate symbol, negative latency, fee out of range, ...).
  [[nodiscard]] std::vector<std::string> validate() const {
    std::vector<std::string> problems;
    if (name.empty())
      problems.emplace_back("name must not be empty");
    for (auto& p : settings.validate())
      problems.push_back(std::move(p));
    return problems;
  }
};

} // namespace bourse
