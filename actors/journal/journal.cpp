// The journal actor: records in, batched SQLite commits out.
#include "bourse/actors/journal/journal.hpp"

#include <chrono>
#include <utility>
#include <vector>

#include "bourse/logging/logging.hpp"

namespace bourse {

namespace {

/// Internal: the flush interval after a batch's first record has passed.
struct journal_tick {};

template <class Inspector> typename Inspector::result_type inspect(Inspector& f, journal_tick&) {
  return f(caf::meta::type_name("bourse::journal_tick"));
}

using journal_impl = journal_actor::extend<caf::reacts_to<journal_tick>>;

struct journal_state {
  std::shared_ptr<journal::journal_db> db;
  journal_config config;
  journal_status status;
  std::vector<journal::record> pending;
  bool tick_scheduled = false;
  static inline const char* name = "journal";

  // Commits what is pending in one transaction.
  void commit() {
    if (pending.empty() || !db)
      return;
    if (status.error.empty()) {
      if (auto e = db->append(status.session, pending); e.empty()) {
        status.committed += static_cast<std::int64_t>(pending.size());
        ++status.commits;
      } else {
        status.error = e;
        logger(log_component::system).error("Journal write failed error=\"{}\" records={}", e,
                                             pending.size());
      }
    }
    pending.clear();
  }

  ~journal_state() { commit(); } // at exit: nothing pending is left behind
};

using self_ptr = journal_impl::stateful_pointer<journal_state>;

void queued(self_ptr self) {
  auto& st = self->state;
  if (st.pending.size() >= st.config.max_batch) {
    st.commit();
  } else if (!st.tick_scheduled && !st.pending.empty()) {
    st.tick_scheduled = true;
    self->delayed_send(self, std::chrono::nanoseconds(st.config.flush_interval), journal_tick{});
  }
}

// Spawned with arguments (CAF 0.17 binds a reference to a null tuple pointer otherwise).
journal_impl::behavior_type journal_behavior(self_ptr self, journal_config config,
                                             std::shared_ptr<journal::journal_db> db,
                                             std::int64_t session) {
  auto& st = self->state;
  st.db = std::move(db);
  st.config = std::move(config);
  st.status.session = session;
  st.pending.reserve(st.config.max_batch);
  return {
      [=](order_commands& batch) {
        for (auto& c : batch.commands)
          if (auto* s = caf::get_if<submit_order>(&c))
            self->state.pending.emplace_back(std::move(*s));
        queued(self);
      },
      [=](order_events& batch) {
        for (auto& e : batch.events)
          caf::visit([&](auto& ev) { self->state.pending.emplace_back(std::move(ev)); }, e);
        queued(self);
      },
      [=](journal_tick) {
        self->state.tick_scheduled = false;
        self->state.commit();
      },
      [=](flush_journal) -> journal_status {
        self->state.commit();
        return self->state.status;
      },
  };
}

} // namespace

journal_actor spawn_journal(caf::actor_system& sys, const journal_config& config,
                            std::shared_ptr<journal::journal_db> db, std::int64_t session) {
  return caf::actor_cast<journal_actor>(
      sys.spawn(journal_behavior, config, std::move(db), session));
}

} // namespace bourse
