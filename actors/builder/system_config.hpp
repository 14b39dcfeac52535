#pragma once
// CAF configuration for bourse programs: every protocol type registered and scheduler defaults tuned
// for small machines (docs/operations.md says what they change and why).

#include <string>

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
};

} // namespace bourse
