#pragma once
// CAF configuration for bourse programs: every protocol type registered and scheduler defaults tuned
// for small machines (docs/operations.md says what they change and why).

#include <string>
#include <vector>

#include <caf/all.hpp>

#include "bourse/protocol/system.hpp"

namespace bourse {

/// An actor_system_config with bourse's message types registered and tuned scheduler defaults.
/// Command-line options and a config file (parse()) still override every default.
class system_config : public caf::actor_system_config {
public:
  /// Registers the protocol types and sets the defaults for `mode` (paper mode tunes the scheduler
  /// for latency, docs/operations.md).
  explicit system_config(run_mode mode = run_mode::backtest);

  /// Parses CAF's options (e.g. --scheduler.max-threads=2) and, when `config_file` is not empty,
  /// that file; unlike CAF's own parse() it never reads ./caf-application.ini silently.
  /// Returns a readable error, or an empty string.
  [[nodiscard]] std::string parse_options(int argc, char** argv, const std::string& config_file);

  /// Returns every problem of the CAF config file at `path`, each naming the file, the line (when
  /// found) and the key: unreadable or malformed file, unknown keys, values of the wrong type.
  /// parse_options() runs it first; CAF itself keeps such keys and values silently.
  [[nodiscard]] std::vector<std::string> check_config_file(const std::string& path) const;
};

} // namespace bourse
