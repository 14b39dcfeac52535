#pragma once
// The exit status every bourse tool uses (docs/operations.md, "Command-line conventions").

namespace bourse {

/// Exit status: the tool did what it was asked.
inline constexpr int exit_ok = 0;
/// Exit status: a data or run error (unreadable or malformed input, a failed run, an output that
/// could not be written, a failed benchmark).
inline constexpr int exit_failure = 1;
/// Exit status: a usage error (unknown option, bad option value, bad --log-level or SPDLOG_LEVEL).
inline constexpr int exit_usage = 2;
/// Exit status of a run stopped by signal `signal` (SIGINT: 130, SIGTERM: 143), as shells report
/// it: the results so far were written, marked partial (docs/operations.md, "Stopping a run").
[[nodiscard]] constexpr int exit_signal(int signal) noexcept { return 128 + signal; }

} // namespace bourse
