#pragma once
// The journal actor: an I/O actor on the cooperative pool that commits the order manager's
// records (orders sent to venues, order events, fills) to the journal's SQLite file in batches,
// off the order path. A batch is committed when `max_batch` records are pending, `flush_interval`
// after its first record, on flush_journal, and when the actor ends. It implements journal_actor
// (bourse/protocol/journal.hpp); point the order manager at it with attach_journal.

#include <cstdint>
#include <memory>

#include <caf/all.hpp>

#include "bourse/journal/journal_db.hpp"
#include "bourse/protocol/journal.hpp"
#include "bourse/actors/journal/journal_config.hpp"

namespace bourse {

/// Spawns the journal actor, which writes session `session` of the open journal `db` (opened and
/// the session begun by the caller, e.g. trading_system::run after recovering from it).
[[nodiscard]] journal_actor spawn_journal(caf::actor_system& sys, const journal_config& config,
                                          std::shared_ptr<journal::journal_db> db,
                                          std::int64_t session);

} // namespace bourse
