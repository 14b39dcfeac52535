// Tuned CAF defaults for bourse programs.
#include "builder/system_config.hpp"

#include <algorithm>
#include <thread>
#include <vector>

#include "bourse/protocol/all.hpp"

namespace bourse {

system_config::system_config() {
  register_protocol_types(*this);
  // CAF 0.17 starts max(4, cores) workers; on a 2-core machine the extra workers only steal and
  // sleep. One worker per core.
  auto cores = std::max(1u, std::thread::hardware_concurrency());
  set("scheduler.max-threads", static_cast<std::size_t>(cores));
  // A stepped backtest is a chain of short request/reply hops, many of them to and from detached
  // indicator threads. Work stealing parks idle workers in an uninterruptible 50 us sleep, so every
  // hop that finds the pool idle waits; the sharing policy wakes a worker through a condition
  // variable at once. Measured in docs/operations.md.
  set("scheduler.policy", caf::atom("sharing"));
  set("logger.console", caf::atom("none"));
}

std::string system_config::parse_options(int argc, char** argv, const std::string& config_file) {
  // CAF reads ./caf-application.ini when no file is named; name one that is empty unless the user
  // gave one, so that a stray file in the working directory cannot change a run.
  const char* file = config_file.empty() ? "/dev/null" : config_file.c_str();
  if (auto err = parse(argc, argv, file))
    return render(err);
  return {};
}

} // namespace bourse
