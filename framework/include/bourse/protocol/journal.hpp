#pragma once
// The journal's protocol: the journal actor (bourse/actors/journal/journal.hpp) takes the order
// manager's order_commands (the orders it sent to a venue) and order_events (every state change
// and fill) and commits them to SQLite in batches; flush_journal commits what is pending and
// answers with the journal's status.

#include <cstdint>
#include <string>

#include <caf/all.hpp>

#include "bourse/protocol/orders.hpp"

namespace bourse {

/// Request: commit every pending record now and answer with journal_status.
struct flush_journal {};

/// The journal's state after a flush.
struct journal_status {
  /// The session this run writes (1 for a new journal).
  std::int64_t session = 0;
  /// Records committed by this session so far.
  std::int64_t committed = 0;
  /// Commits (transactions) so far.
  std::int64_t commits = 0;
  /// The first write error (empty when none); records after it are dropped, not written.
  std::string error;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, flush_journal&) {
  return f(caf::meta::type_name("bourse::flush_journal"));
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, journal_status& x) {
  return f(caf::meta::type_name("bourse::journal_status"), x.session, x.committed, x.commits,
           x.error);
}

/// The journal actor: the order manager's journal_listener_actor plus the flush request.
using journal_actor =
    journal_listener_actor::extend<caf::replies_to<flush_journal>::with<journal_status>>;

} // namespace bourse
