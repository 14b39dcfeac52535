// The generic feed actor: chunks on request, read-ahead in background steps, restart with backoff.
#include "bourse/actors/market_data/slice_feed.hpp"

#include <algorithm>
#include <chrono>
#include <deque>
#include <exception>
#include <optional>
#include <utility>
#include <variant>

#include "bourse/core/duration.hpp"
#include "bourse/core/restart_policy.hpp"
#include "bourse/logging/logging.hpp"
#include "bourse/system/participant.hpp"

namespace bourse {

namespace {

/// Internal: read the next step of the read-ahead.
struct read_step {};
/// Internal: the backoff after a failure has passed; open the source again.
struct reopen_source {};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, read_step&) {
  return f(caf::meta::type_name("bourse::feed_read_step"));
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, reopen_source&) {
  return f(caf::meta::type_name("bourse::feed_reopen_source"));
}

using slice_feed_impl =
    inspectable_feed_actor::extend<caf::reacts_to<read_step>, caf::reacts_to<reopen_source>>;

struct ready_slice {
  market_slice slice;
  double progress = 0; // the source's progress once the slice was read
};

struct pending_request {
  caf::typed_response_promise<feed_chunk> promise;
  std::uint32_t max = 1;
};

struct slice_feed_state {
  std::unique_ptr<slice_source> source;
  slice_source_opener opener;        // empty: the source cannot be reopened
  feed_restart_listener on_restart;
  restart_budget budget;
  std::string source_name = "source"; // the last opened source's name
  feed_options options;
  std::deque<ready_slice> ready;
  std::uint32_t target = 1;  // slices to keep ready
  bool exhausted = false;    // the source has no more slices (end of data or error)
  bool stepping = false;     // a read_step is queued
  bool restarting = false;   // waiting for the backoff before reopening the source
  bool error_logged = false;
  std::optional<std::string> failure; // why the feed stopped early (served after `ready`)
  std::size_t skips_logged = 0;
  std::uint64_t produced = 0; // slices taken into `ready` since the start (over every opening)
  std::uint64_t to_skip = 0;  // slices a reopened source still has to skip
  timestamp last_ts = 0;      // data time of the last slice taken
  double progress = 0;        // the source's last progress
  std::optional<pending_request> pending;
  static inline const char* name = "feed";
};

using self_ptr = slice_feed_impl::stateful_pointer<slice_feed_state>;

void log_skips(slice_feed_state& st) {
  const auto& errors = st.source->skipped_errors();
  auto limit = std::min(errors.size(), st.options.log_errors);
  for (; st.skips_logged < limit; ++st.skips_logged)
    logger(log_component::feed)
        .warn("Feed skipped a bad row source={} error=\"{}\"", st.source_name,
              errors[st.skips_logged].to_string());
}

void on_exhausted(slice_feed_state& st) {
  st.exhausted = true;
  log_skips(st);
  if (st.source->skipped() > 0)
    logger(log_component::feed)
        .warn("Feed skipped bad rows source={} count={}", st.source_name, st.source->skipped());
}

std::int64_t wall_now() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// A transient failure (`error` says what): restart after the backoff when the policy and the
// budget allow, else stop with the error (served once the slices read before it are).
void on_failure(self_ptr self, std::string error) {
  auto& st = self->state;
  const auto& policy = st.budget.policy();
  auto now = wall_now();
  auto at = st.opener ? st.budget.failed(now) : timestamp{-1};
  if (at < 0) {
    st.exhausted = true;
    st.failure = policy.enabled() && st.opener
                     ? error + " (after " + std::to_string(st.budget.restarts()) +
                           (st.budget.restarts() == 1 ? " restart)" : " restarts)")
                     : std::move(error);
    if (policy.enabled())
      logger(log_component::feed)
          .warn("Feed source failed, no restart left source={} error=\"{}\" restarts={}",
                st.source_name, *st.failure, st.budget.restarts());
    return;
  }
  auto attempt = st.budget.restarts();
  auto wait = at - now;
  logger(log_component::feed)
      .warn("Feed source failed, restarting source={} error=\"{}\" attempt={} max={} backoff={} "
            "slices_read={}",
            st.source_name, error, attempt, policy.max_restarts, format_duration(wait),
            st.produced);
  if (st.on_restart)
    st.on_restart(feed_restart_event{st.source_name, error, attempt, policy.max_restarts, wait,
                                     st.last_ts});
  st.restarting = true;
  st.source.reset(); // releases the file; the progress so far stays
  self->delayed_send(self, std::chrono::nanoseconds(wait), reopen_source{});
}

// The source's next() returned false: the end of its data, a bad row, or an I/O failure.
void on_source_stopped(self_ptr self) {
  auto& st = self->state;
  const auto& err = st.source->error();
  if (err && err->kind == csv_error_kind::io) {
    log_skips(st);
    on_failure(self, err->to_string());
    return;
  }
  on_exhausted(st);
  if (err)
    st.failure = err->to_string(); // the reader's error names the file, line and column already
}

// Reads up to step_records records (completing the slice in progress) while fewer than `want`
// slices are ready; a reopened source first skips the slices read before its failure.
void read_some(self_ptr self, std::size_t want) {
  auto& st = self->state;
  if (st.exhausted || st.restarting || !st.source)
    return;
  auto first_new = st.ready.size();
  std::optional<std::string> thrown;
  try {
    auto start = st.source->records();
    data_slice scratch;
    while (!st.exhausted && st.ready.size() < want &&
           st.source->records() - start < st.options.step_records) {
      if (!st.source->next(scratch)) {
        on_source_stopped(self);
        break;
      }
      if (st.to_skip > 0) {
        --st.to_skip; // read before the restart: served already or waiting in `ready`
        continue;
      }
      ++st.produced;
      st.last_ts = scratch.ts;
      st.ready.push_back(ready_slice{to_market_slice(std::move(scratch)), 0});
    }
    if (st.source) {
      st.progress = st.source->progress();
      log_skips(st);
    }
  } catch (const std::exception& e) {
    thrown = std::string("exception: ") + e.what();
  } catch (...) {
    thrown = "unknown exception";
  }
  for (auto i = first_new; i < st.ready.size(); ++i)
    st.ready[i].progress = st.progress;
  if (thrown)
    on_failure(self, st.source_name + ": " + *thrown);
}

// Opens the source (first time or after a backoff); a failed opening is a failure like another.
void open_source(self_ptr self) {
  auto& st = self->state;
  std::optional<std::string> problem;
  try {
    st.source = st.opener();
    if (!st.source)
      problem = "the opener returned no source";
  } catch (const std::exception& e) {
    problem = std::string("exception: ") + e.what();
  } catch (...) {
    problem = "unknown exception";
  }
  if (problem) {
    st.source.reset();
    on_failure(self, st.source_name + ": open failed: " + *problem);
    return;
  }
  st.source_name = st.source->name();
  st.to_skip = st.produced;
}

caf::error stop_error(slice_feed_state& st) {
  auto text = st.failure ? *st.failure : "feed " + st.source_name + " stopped";
  if (!st.error_logged) {
    st.error_logged = true;
    // The error ends the run and reaches its caller: info here, so that a tool prints it once.
    logger(log_component::feed)
        .info("Feed stopped on a bad input source={} error=\"{}\"", st.source_name, text);
  }
  return caf::make_error(caf::sec::runtime_error, std::move(text));
}

// Builds the reply to a request for `max` slices from what is ready; an error once everything
// read before a stop was served.
std::variant<feed_chunk, caf::error> answer(slice_feed_state& st, std::uint32_t max) {
  if (st.ready.empty() && st.exhausted && st.failure)
    return stop_error(st);
  feed_chunk chunk;
  auto n = std::min<std::size_t>(max, st.ready.size());
  chunk.slices.reserve(n);
  double progress = st.progress;
  for (std::size_t i = 0; i < n; ++i) {
    progress = st.ready.front().progress;
    chunk.slices.push_back(std::move(st.ready.front().slice));
    st.ready.pop_front();
  }
  chunk.finished = st.exhausted && st.ready.empty() && !st.failure;
  chunk.progress = chunk.finished ? 1.0 : progress;
  return chunk;
}

void schedule(self_ptr self) {
  auto& st = self->state;
  if (st.stepping || st.exhausted || st.restarting)
    return;
  std::size_t want = std::max<std::size_t>(st.target, st.pending ? st.pending->max : 0);
  if (st.ready.size() >= want)
    return;
  st.stepping = true;
  self->send(self, read_step{});
}

// A full chunk, or the rest; while the source is down (backoff) whatever is ready, so that the
// slices read before a failure are not held back for the whole wait.
bool can_answer(const slice_feed_state& st, std::uint32_t max) {
  return st.exhausted || st.ready.size() >= max || (st.restarting && !st.ready.empty());
}

void deliver_pending(self_ptr self) {
  auto& s = self->state;
  if (s.pending && can_answer(s, s.pending->max)) {
    auto pending = std::move(*s.pending);
    s.pending.reset();
    auto reply = answer(s, pending.max);
    if (auto* err = std::get_if<caf::error>(&reply))
      pending.promise.deliver(std::move(*err));
    else
      pending.promise.deliver(std::move(std::get<feed_chunk>(reply)));
  }
}

struct feed_start {
  std::unique_ptr<slice_source> source; // set: serve it first
  slice_source_opener opener;           // reopens after a failure (opens first when no source)
  feed_restart_listener on_restart;
};

feed_actor spawn_feed(caf::actor_system& sys, feed_start start, const feed_options& options) {
  // The options travel as a spawn argument: CAF 0.17 binds a reference to the null tuple of a
  // spawn without arguments (undefined behaviour that UBSan reports).
  auto impl = sys.spawn([start = std::move(start)](
                            self_ptr self, feed_options options) mutable -> slice_feed_impl::behavior_type {
    auto& st = self->state;
    st.options = options;
    st.budget = restart_budget{options.restart};
    st.opener = std::move(start.opener);
    st.on_restart = std::move(start.on_restart);
    st.target = std::max<std::uint32_t>(1, options.read_ahead);
    if (start.source) {
      st.source = std::move(start.source);
      st.source_name = st.source->name();
    } else {
      open_source(self);
    }
    schedule(self); // the first chunk is read before anyone asks
    return {
        [=](next_slices& req) -> caf::result<feed_chunk> {
          auto& s = self->state;
          auto max = std::max<std::uint32_t>(1, req.max);
          if (s.pending)
            return caf::make_error(caf::sec::runtime_error,
                                   "feed " + s.source_name + ": a request is already pending");
          s.target = max;
          if (!can_answer(s, max)) {
            auto promise = self->make_response_promise<feed_chunk>();
            s.pending = pending_request{promise, max};
            schedule(self);
            return promise;
          }
          auto reply = answer(s, max);
          schedule(self);
          if (auto* err = std::get_if<caf::error>(&reply))
            return std::move(*err);
          return std::move(std::get<feed_chunk>(reply));
        },
        [=](read_step) {
          auto& s = self->state;
          s.stepping = false;
          std::size_t want = std::max<std::size_t>(s.target, s.pending ? s.pending->max : 0);
          read_some(self, want);
          deliver_pending(self);
          schedule(self);
        },
        [=](reopen_source) {
          auto& s = self->state;
          s.restarting = false;
          open_source(self);
          if (!s.restarting && s.source)
            logger(log_component::feed)
                .warn("Feed source reopened source={} attempt={} skip={}", s.source_name,
                      s.budget.restarts(), s.to_skip);
          deliver_pending(self); // a failed reopening without budget left ends the feed
          schedule(self);
        },
        [=](get_runtime_info) { return participant<int>::runtime(self); },
    };
  }, options);
  return caf::actor_cast<feed_actor>(impl);
}

} // namespace

market_slice to_market_slice(data_slice&& slice) {
  market_slice out;
  out.ts_event = slice.ts;
  out.ts_init = slice.ts;
  out.quotes = std::move(slice.quotes);
  out.trades = std::move(slice.trades);
  out.bars = std::move(slice.bars);
  return out;
}

feed_actor spawn_slice_feed(caf::actor_system& sys, std::unique_ptr<slice_source> source,
                            const feed_options& options) {
  return spawn_feed(sys, feed_start{std::move(source), {}, {}}, options);
}

feed_actor spawn_slice_feed(caf::actor_system& sys, slice_source_opener open,
                            const feed_options& options, feed_restart_listener on_restart) {
  return spawn_feed(sys, feed_start{nullptr, std::move(open), std::move(on_restart)}, options);
}

feed_actor spawn_slice_feed(caf::actor_system& sys, std::unique_ptr<slice_source> first,
                            slice_source_opener open, const feed_options& options,
                            feed_restart_listener on_restart) {
  return spawn_feed(sys, feed_start{std::move(first), std::move(open), std::move(on_restart)},
                    options);
}

} // namespace bourse
