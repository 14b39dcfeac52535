#pragma once
// The journal's SQLite file: schema, sessions, batched appends in one transaction each, reading
// every record back, and cancelling on recovery the orders a crash left open. Plain C++ (no CAF);
// the journal actor (bourse/actors/journal/journal.hpp) owns one. docs/operations.md describes the
// tables and what is durable when.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "bourse/core/time.hpp"
#include "bourse/journal/journal_records.hpp"

struct sqlite3;

namespace bourse::journal {

/// How hard a commit waits for the disk (SQLite's `synchronous` in WAL mode).
enum class sync_level : std::uint8_t {
  /// synchronous=NORMAL: a commit survives a crash of the process; a power loss or OS crash can
  /// lose the last commits (never corrupt the file).
  normal,
  /// synchronous=FULL: every commit is on disk (fsync of the WAL) before append() returns.
  full
};

/// Parses "normal" or "full".
[[nodiscard]] bool parse_sync_level(const std::string& text, sync_level& out) noexcept;

/// An open journal file. Not thread-safe; move-only.
class journal_db {
public:
  /// Opens (creating when absent) the journal at `path` in WAL mode and creates its tables;
  /// returns null and sets `error` (naming the file) when that fails or the file is not a
  /// journal of this version.
  [[nodiscard]] static std::unique_ptr<journal_db> open(const std::string& path, sync_level sync,
                                                        std::string& error);
  ~journal_db();
  journal_db(const journal_db&) = delete;
  journal_db& operator=(const journal_db&) = delete;

  /// Starts a new session (one per start of a run with this journal) and returns its number;
  /// `started` is the wall-clock time and `mode` the run mode, for the record. Returns 0 and
  /// sets `error` on failure.
  [[nodiscard]] std::int64_t begin_session(timestamp started, const std::string& mode,
                                           std::string& error);

  /// Writes `records` of `session` in one transaction (all or nothing); a fill already journaled
  /// (same session, order and trade id) is skipped. Returns an error text (empty on success).
  [[nodiscard]] std::string append(std::int64_t session, const std::vector<record>& records);

  /// Reads every record in journal order; sets `error` on failure.
  [[nodiscard]] std::vector<stored_record> read_all(std::string& error) const;

  /// Recovery: journals every order of `open` as cancelled by recovery (kind
  /// "recovery_cancelled", in the session that placed it, noted as done by `session`) and writes
  /// the positions rebuilt at startup to `recovered_positions` (for audit), in one transaction.
  /// Returns an error text (empty on success).
  [[nodiscard]] std::string record_recovery(std::int64_t session, const recovery_state& state,
                                            timestamp now);

  /// Returns the file's path.
  [[nodiscard]] const std::string& path() const noexcept { return path_; }

private:
  journal_db(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  std::string exec(const char* sql);
  std::string error_text(const char* what) const;
  // Begins a write transaction and reads the highest sequence number written; on failure nothing
  // is left open and the problem is returned.
  std::string begin_write(std::int64_t& seq);
  // Rolls the transaction back; returns error_text(what).
  std::string roll_back(const char* what);

  sqlite3* db_ = nullptr;
  std::string path_;
};

} // namespace bourse::journal
