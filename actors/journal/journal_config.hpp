#pragma once
// Configuration of the journal actor (docs/operations.md, "The journal and crash recovery").

#include <cstddef>
#include <string>
#include <vector>

#include "bourse/core/time.hpp"
#include "bourse/journal/journal_db.hpp"

namespace bourse {

/// Where and how the journal commits.
struct journal_config {
  /// The SQLite file (created when absent; a paper run restarted with it recovers from it).
  std::string path;
  /// synchronous=NORMAL (survives a process crash) or FULL (also an OS crash or power loss).
  journal::sync_level sync = journal::sync_level::normal;
  /// The longest a record waits before its batch is committed (wall clock, ns).
  duration_ns flush_interval = 20'000'000;
  /// A batch is committed at once when this many records are pending.
  std::size_t max_batch = 4096;

  /// Returns every problem at once (empty when usable).
  [[nodiscard]] std::vector<std::string> validate() const {
    std::vector<std::string> out;
    if (path.empty())
      out.emplace_back("journal: path must not be empty");
    if (flush_interval <= 0 || flush_interval > 60'000'000'000)
      out.emplace_back("journal: flush interval must be from 1 ns to 60 s");
    if (max_batch == 0 || max_batch > 1'000'000)
      out.emplace_back("journal: max batch must be from 1 to 1000000");
    return out;
  }
};

} // namespace bourse
