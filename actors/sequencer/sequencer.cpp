// The sequencer: feeds -> hub, then sweeps over the participants (backtest) or wall-clock pacing
// (paper), then an ordered stop.
#include "bourse/actors/sequencer/sequencer.hpp"

#include <algorithm>
#include <string>
#include <chrono>
#include <deque>
#include <map>
#include <optional>
#include <utility>

#include "bourse/logging/logging.hpp"
#include "bourse/sim/sequencer_core.hpp"
#include "bourse/system/error_text.hpp"
#include "bourse/system/wall_clock.hpp"

namespace bourse {

namespace {

/// Internal: the paper-mode pacing timer fired.
struct pace_tick {};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, pace_tick&) {
  return f(caf::meta::type_name("bourse::pace_tick"));
}

/// Internal: the hang detector's periodic check of the steps in flight.
struct watchdog_tick {};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, watchdog_tick&) {
  return f(caf::meta::type_name("bourse::watchdog_tick"));
}

using sequencer_impl =
    sequencer_actor::extend<caf::reacts_to<pace_tick>, caf::reacts_to<watchdog_tick>,
                           caf::reacts_to<slices_handled>>;

// The hang detector checks the steps in flight this many times per deadline. Steps are requests
// without a CAF timeout: a timeout per request costs the actor clock's lock and wake-ups on every
// step (the cross-venue pipeline ran 2.6x slower); one periodic check costs nothing per step.
constexpr std::uint32_t watchdog_checks = 4;

std::chrono::milliseconds watchdog_period(const sequencer_config& config) {
  return std::max(std::chrono::milliseconds(1), config.deadline / watchdog_checks);
}

struct feed_buffer {
  feed_actor handle;
  std::deque<market_slice> slices;
  bool finished = false;
  bool requested = false;
  double progress = 0;
  caf::error error; // a feed error, raised once the slices before it are processed
};

enum class phase { idle, running, stopping, done };

struct sequencer_state {
  sequencer_config config;
  sequencer_wiring wiring;
  std::optional<sequencer_core> core; // backtest: sweep planning
  market_slices outbox;               // slices released, not yet sent to the hub
  timestamp sent_through = before_data; // data time of the last slice released to the hub
  timestamp last_settled = before_data;
  std::uint64_t settle_sweeps = 0;      // sweeps in a row at one data time
  std::vector<feed_buffer> feeds;
  std::map<participant_rank, participant_actor> by_rank;
  std::map<participant_rank, std::size_t> index_of; // rank -> position in wiring.participants
  std::map<caf::actor_addr, participant_rank> rank_of_addr; // monitored participants
  std::map<participant_rank, std::string> died;             // down reasons not yet acted on
  // Steps in flight, by rank: the step's serial number (0: none), and for the hang detector the
  // serial seen at the last check and for how many checks in a row.
  std::vector<std::uint64_t> stepping;
  std::vector<std::uint64_t> watched;
  std::vector<std::uint32_t> stale;
  // Paper: a heartbeat (get_runtime_info) in flight, by rank.
  std::vector<bool> heartbeat;
  caf::typed_response_promise<run_summary> promise;
  run_summary summary;
  phase current = phase::idle;
  bool in_slice = false;        // paper: waiting for the pacing tick; backtest: a sweep is running
  bool waiting_for_feed = false; // advance() is blocked on a feed reply
  bool waiting_for_hub = false;  // paper: paper_window slices in flight to the hub
  std::uint64_t paper_in_flight = 0; // paper: slices sent to the hub and not yet handled
  bool clock_started = false;
  bool have_data_ts = false;
  bool stop_requested = false;   // stop_feeds: no more data from the feeds
  std::size_t outstanding = 0;
  std::size_t stop_index = 0;
  std::uint64_t last_progress_slices = 0;
  std::chrono::steady_clock::time_point wall_start;
  timestamp data_start = 0;
  static inline const char* name = "sequencer";
};

using self_ptr = sequencer_impl::stateful_pointer<sequencer_state>;

void advance(self_ptr self);
void step_next(self_ptr self);
void next_stop(self_ptr self);
void settle_stop(self_ptr self);

void fail(self_ptr self, const caf::error& err) {
  // The run's caller reports the error (trading_system::run puts it in run_result::problems): a
  // log line at info, so that a tool prints it once.
  log_time_scope log_time;
  if (self->state.config.mode == run_mode::backtest && self->state.have_data_ts)
    log_time.set(self->state.summary.last_ts);
  if (self->state.current == phase::done)
    return; // a later reply of a step that was in flight when the run failed
  logger(log_component::sequencer).info("Sequencer failed error=\"{}\"", error_text(err));
  if (self->state.promise.pending())
    self->state.promise.deliver(err);
  // Stays up (its owner stops it) so that get_run_summary can tell how far the run got.
  self->state.current = phase::done;
}

// Supervision --------------------------------------------------------------------------------

// The deadline of every request the sequencer makes.
caf::duration request_deadline(const sequencer_state& st) {
  if (st.config.deadline.count() <= 0)
    return caf::duration{caf::infinite};
  return caf::duration{st.config.deadline};
}

const ranked_participant* participant_of(const sequencer_state& st, participant_rank rank) {
  auto it = st.index_of.find(rank);
  return it == st.index_of.end() ? nullptr : &st.wiring.participants[it->second];
}

std::string name_of(const sequencer_state& st, participant_rank rank) {
  const auto* p = participant_of(st, rank);
  if (p == nullptr || p->name.empty())
    return "participant " + std::to_string(rank);
  return p->name;
}

std::string format_deadline(std::chrono::milliseconds d) {
  if (d.count() % 1000 == 0)
    return std::to_string(d.count() / 1000) + "s";
  return std::to_string(d.count()) + "ms";
}

// What happened to a participant whose request failed with `err`.
std::string failure_text(const sequencer_state& st, participant_rank rank, const caf::error& err) {
  if (err == caf::sec::request_timeout)
    return "no answer within " + format_deadline(st.config.deadline) + " (hung)";
  if (auto it = st.died.find(rank); it != st.died.end())
    return "died: " + it->second;
  if (err == caf::sec::request_receiver_down)
    return "died";
  // Otherwise the request failed with the reason the actor exited with.
  return "died: " + error_text(err);
}

// A step refused for breaking the stepping protocol (participant.hpp) is a bug, not a failure of
// the participant: it fails the run whoever it is.
bool protocol_error(const caf::error& err) {
  return error_text(err).rfind("causality:", 0) == 0;
}

// A request to a participant failed (it died, or did not answer within the deadline), noticed
// while the sequencer was at data time `at`. A strategy is isolated: never stepped again, its
// orders cancelled by the order manager, the run goes on. Anything else fails the run.
// Returns true when it acted (false: the run is over or the participant was isolated already).
bool participant_failed(self_ptr self, participant_rank rank, timestamp at, const caf::error& err) {
  auto& st = self->state;
  if (rank < st.stepping.size())
    st.stepping[rank] = 0;
  if (st.current == phase::done || st.core->isolated(rank))
    return false;
  const auto* p = participant_of(st, rank);
  supervision_event event;
  event.rank = rank;
  event.participant = name_of(st, rank);
  event.what = failure_text(st, rank, err);
  log_time_scope log_time;
  if (st.config.mode == run_mode::backtest && std::max(at, st.core->settled()) != before_data)
    log_time.set(std::max(at, st.core->settled()));
  if (protocol_error(err)) {
    fail(self, err);
    return true;
  }
  if (p == nullptr || p->strategy == 0) {
    logger(log_component::sequencer)
        .error("Participant failed participant=\"{}\" rank={} what=\"{}\" action=run_failed",
               event.participant, rank, event.what);
    fail(self, caf::make_error(caf::sec::runtime_error, event.participant + " " + event.what));
    return true;
  }
  // The cancels are stamped where both the strategy and the order manager had got to: a data time
  // that depends on the data only, not on when the failure was seen.
  timestamp stamp = std::max({at, st.core->reach_of(rank), st.core->settled()});
  if (st.wiring.order_manager)
    stamp = std::max(stamp, st.core->reach_of(st.wiring.order_manager_rank));
  if (st.config.mode == run_mode::paper)
    stamp = st.summary.last_ts;
  st.core->isolate(rank);
  // A hung strategy is killed (when it returns from the handler it is stuck in); a dead one is
  // gone already.
  self->send_exit(p->handle, caf::exit_reason::kill);
  event.data_time = stamp;
  event.action = "isolated";
  if (st.wiring.order_manager) {
    if (st.config.mode == run_mode::backtest)
      st.core->release(st.wiring.order_manager_rank, stamp);
    self->send(st.wiring.order_manager, isolate_strategy{p->strategy, stamp});
    ++st.summary.messages;
    event.action = "isolated, open orders cancelled";
  }
  logger(log_component::sequencer)
      .error("Strategy isolated participant=\"{}\" rank={} what=\"{}\" action=\"{}\"",
             event.participant, rank, event.what, event.action);
  st.summary.supervision.push_back(std::move(event));
  return true;
}

void stop_failed(self_ptr self, participant_rank rank, const caf::error& err);

// A monitored actor went down. A strategy's death is acted on when the sequencer next asks it
// something (its request bounces), so that a backtest notices it at a data time that depends on
// the data only; in paper mode at once. A core participant's death fails the run at once.
void on_down(self_ptr self, const caf::down_msg& dm) {
  auto& st = self->state;
  if (st.current == phase::done || st.current == phase::idle)
    return;
  auto it = st.rank_of_addr.find(dm.source);
  if (it == st.rank_of_addr.end())
    return;
  auto rank = it->second;
  if (st.core->isolated(rank))
    return;
  std::string reason = dm.reason ? error_text(dm.reason) : std::string{"exited normally"};
  st.died.emplace(rank, reason);
  auto err = caf::make_error(caf::sec::runtime_error, reason);
  const auto* p = participant_of(st, rank);
  if (st.current == phase::stopping && st.in_slice && st.stop_index < st.wiring.participants.size() &&
      st.wiring.participants[st.stop_index].rank == rank) {
    // It died handling stop_run: that request may never be answered.
    stop_failed(self, rank, err);
    return;
  }
  if (rank < st.stepping.size() && st.stepping[rank] != 0) {
    // It died in a step (perhaps one it answers later, from another message): that step may never
    // be answered. The step is the same whichever way the death is seen.
    if (participant_failed(self, rank, before_data, err) && st.current != phase::done)
      step_next(self);
    return;
  }
  if (p == nullptr || p->strategy == 0 || st.config.mode == run_mode::paper)
    participant_failed(self, rank, st.summary.last_ts, err);
}

double progress_of(const sequencer_state& st) {
  if (st.feeds.empty())
    return 1.0;
  double sum = 0;
  for (const auto& f : st.feeds)
    sum += f.finished && f.slices.empty() ? 1.0 : f.progress;
  return sum / static_cast<double>(st.feeds.size());
}

void report_progress(self_ptr self, bool force) {
  auto& st = self->state;
  if (!st.config.on_progress)
    return;
  if (!force && st.summary.slices - st.last_progress_slices < st.config.progress_every)
    return;
  st.last_progress_slices = st.summary.slices;
  st.config.on_progress(run_progress{progress_of(st), st.summary.slices, st.summary.last_ts});
}

void request_feed(self_ptr self, std::size_t index) {
  auto& feed = self->state.feeds[index];
  feed.requested = true;
  self->request(feed.handle, request_deadline(self->state), next_slices{self->state.config.chunk})
      .then(
          [=](feed_chunk& chunk) {
            auto& f = self->state.feeds[index];
            f.requested = false;
            f.finished = chunk.finished;
            f.progress = chunk.progress;
            const timestamp resume_after = self->state.config.resume_after;
            for (auto& s : chunk.slices)
              if (s.ts_event > resume_after) // recovered from a journal: carry on after it
                f.slices.push_back(std::move(s));
            if (self->state.waiting_for_feed) {
              self->state.waiting_for_feed = false;
              advance(self);
            }
          },
          [=](caf::error& err) {
            // Keep what the feed delivered before the error: fail once that is processed.
            auto& f = self->state.feeds[index];
            f.requested = false;
            f.finished = true;
            if (err == caf::sec::request_timeout)
              f.error = caf::make_error(caf::sec::runtime_error,
                                        "feed " + std::to_string(index + 1) +
                                            " did not answer within " +
                                            format_deadline(self->state.config.deadline) + " (hung)");
            else if (err == caf::sec::request_receiver_down)
              f.error = caf::make_error(caf::sec::runtime_error,
                                        "feed " + std::to_string(index + 1) + " died");
            else
              f.error = std::move(err);
            if (self->state.waiting_for_feed) {
              self->state.waiting_for_feed = false;
              advance(self);
            }
          });
}

// Returns the error of a feed whose slices before the error are all released, or nullptr.
const caf::error* feed_error(const sequencer_state& st) {
  for (const auto& f : st.feeds)
    if (f.error && f.slices.empty())
      return &f.error;
  return nullptr;
}

// Makes sure every unfinished feed has data; prefetches the next chunk when a buffer runs low.
// Returns false when advance() must wait for a reply, or when a feed failed (feed_error()).
bool fill_feeds(self_ptr self) {
  auto& st = self->state;
  if (feed_error(st) != nullptr)
    return false;
  bool ready = true;
  for (std::size_t i = 0; i < st.feeds.size(); ++i) {
    auto& f = st.feeds[i];
    if (f.finished || f.requested)
      ready = ready && (f.finished || !f.slices.empty());
    else if (f.slices.size() < std::max<std::size_t>(1, st.config.chunk / 4)) {
      request_feed(self, i);
      ready = ready && !f.slices.empty();
    }
  }
  return ready;
}

timestamp head_ts(const sequencer_state& st) {
  timestamp ts = no_wakeup;
  for (const auto& f : st.feeds)
    if (!f.slices.empty())
      ts = std::min(ts, f.slices.front().ts_event);
  return ts;
}

// Removes and merges the head slices of every feed that are at `ts`, in feed order.
market_slice take_slice(sequencer_state& st, timestamp ts) {
  market_slice out;
  out.ts_event = ts;
  out.ts_init = ts;
  for (auto& f : st.feeds) {
    if (f.slices.empty() || f.slices.front().ts_event != ts)
      continue;
    auto& s = f.slices.front();
    out.quotes.insert(out.quotes.end(), s.quotes.begin(), s.quotes.end());
    out.trades.insert(out.trades.end(), s.trades.begin(), s.trades.end());
    out.bars.insert(out.bars.end(), s.bars.begin(), s.bars.end());
    f.slices.pop_front();
  }
  return out;
}

void emit_slice(self_ptr self, timestamp ts) {
  auto& st = self->state;
  market_slice slice = take_slice(st, ts);
  st.summary.quotes += slice.quotes.size();
  st.summary.trades += slice.trades.size();
  st.summary.bars += slice.bars.size();
  if (!st.have_data_ts) {
    st.summary.first_ts = ts;
    st.have_data_ts = true;
  }
  st.summary.last_ts = ts;
  if (slice.quotes.empty() && slice.trades.empty() && slice.bars.empty())
    return;
  if (st.config.mode == run_mode::paper) {
    st.outbox.slices.push_back(std::move(slice)); // sent by release_paper()
    return;
  }
  // Backtest: collected, and sent as one message by release_slices().
  st.outbox.slices.push_back(std::move(slice));
  st.core->release(st.wiring.hub_rank, ts);
  st.sent_through = ts;
}

// Backtest: sends the slices collected by emit_slice() to the hub in one message.
void release_slices(self_ptr self) {
  auto& st = self->state;
  if (st.outbox.slices.empty())
    return;
  self->send(st.wiring.hub, std::exchange(st.outbox, market_slices{}));
  ++st.summary.messages;
}

// Returns true when a feed still holds or may deliver slices.
bool data_left(const sequencer_state& st) {
  for (const auto& f : st.feeds)
    if (!f.finished || !f.slices.empty())
      return true;
  return false;
}

void begin_stop(self_ptr self) {
  auto& st = self->state;
  if (st.stop_requested && data_left(st)) {
    st.summary.stopped = true;
    logger(log_component::sequencer)
        .info("Run stopped early slices={} last_ts={}", st.summary.slices,
              format_iso8601(st.summary.last_ts));
  }
  st.current = phase::stopping;
  st.stop_index = 0;
  report_progress(self, true);
  next_stop(self);
}

// Paper: stamps the slices taken since the last call with their wall-clock arrival and sends them
// to the hub, one message each. Called last in a handler, after the next pacing timer is set: the
// timer wakes CAF's clock thread, and that wake-up (and the feed's refill) must not sit between
// the stamp and the hub.
void release_paper(self_ptr self) {
  auto& st = self->state;
  for (auto& slice : st.outbox.slices) {
    // The wall-clock arrival every tick -> order latency is measured from.
    slice.ts_arrival = monotonic_now();
    self->send(st.wiring.hub, std::move(slice));
    ++st.summary.messages;
    ++st.paper_in_flight;
  }
  st.outbox.slices.clear();
}

void advance_paper_until_paused(self_ptr self);

void advance_paper(self_ptr self) {
  advance_paper_until_paused(self);
  release_paper(self);
}

void advance_paper_until_paused(self_ptr self) {
  auto& st = self->state;
  while (st.current == phase::running && !st.in_slice) {
    if (st.stop_requested) {
      release_paper(self); // before the hub's stop_run
      begin_stop(self);
      return;
    }
    if (st.paper_in_flight + st.outbox.slices.size() >= st.config.paper_window) {
      st.waiting_for_hub = true; // backpressure: the hub's slices_handled resumes the replay
      return;
    }
    if (!fill_feeds(self)) {
      if (const auto* err = feed_error(st))
        fail(self, *err);
      else
        st.waiting_for_feed = true;
      return;
    }
    timestamp now = head_ts(st);
    if (now == no_wakeup) {
      release_paper(self); // before the hub's stop_run
      begin_stop(self);
      return;
    }
    auto wall_now = std::chrono::steady_clock::now();
    if (st.summary.slices == 0) {
      st.wall_start = wall_now;
      st.data_start = now;
    }
    auto due = st.wall_start + std::chrono::nanoseconds(static_cast<std::int64_t>(
                                   static_cast<double>(now - st.data_start) / st.config.speed));
    if (due > wall_now) {
      st.in_slice = true; // paused until the pacing tick
      self->delayed_send(self, due - wall_now, pace_tick{});
      return;
    }
    emit_slice(self, now);
    ++st.summary.slices;
    report_progress(self, false);
  }
}

void start_sweep(self_ptr self, timestamp bound) {
  auto& st = self->state;
  auto& core = *st.core;
  if (core.settled() == st.last_settled) {
    if (++st.settle_sweeps > st.config.max_settle_sweeps) {
      fail(self, caf::make_error(caf::sec::runtime_error,
                                 "data time " + std::to_string(core.settled()) + " did not settle after " +
                                     std::to_string(st.config.max_settle_sweeps) +
                                     " sweeps: participants keep answering each other"));
      return;
    }
  } else {
    st.settle_sweeps = 0;
    st.last_settled = core.settled();
  }
  st.in_slice = true;
  ++st.summary.waves;
  core.begin_sweep(bound);
  step_next(self);
}

// Releases up to `window` slices to the hub (at least one unless the feeds are dry). Returns false
// when it must wait for a feed.
bool release_window(self_ptr self) {
  auto& st = self->state;
  std::uint64_t released = 0;
  while (released < st.config.window && !st.stop_requested) {
    if (!fill_feeds(self)) {
      release_slices(self);
      report_progress(self, false); // also while a feed is refilling (a generator's chunks)
      return released > 0 || feed_error(st) != nullptr;
    }
    timestamp ts = head_ts(st);
    if (ts == no_wakeup)
      break;
    emit_slice(self, ts);
    ++st.summary.slices;
    ++released;
  }
  release_slices(self);
  report_progress(self, false);
  return true;
}

// Backtest: settles what needs settling, releases data in windows and sweeps up to its end; stops
// the participants when the data and every timer up to the last data time are handled.
void advance(self_ptr self) {
  auto& st = self->state;
  if (st.config.mode == run_mode::paper) {
    advance_paper(self);
    return;
  }
  while (st.current == phase::running && !st.in_slice) {
    auto& core = *st.core;
    if (core.needs_settle()) {
      // Answers at the settled time come first in every inbox (canonical order); whoever is not
      // held by an order in flight goes on past them in the same sweep.
      start_sweep(self, std::max(core.settled(), st.sent_through));
      return;
    }
    // Stopped: no more data; what was released is handled below as at the end of the data.
    if (!st.stop_requested && !fill_feeds(self)) {
      if (const auto* err = feed_error(st)) {
        // Handle what was released before the bad input, then fail naming it.
        timestamp pending = core.next_event();
        if (st.clock_started && pending != no_wakeup && pending <= st.sent_through) {
          start_sweep(self, st.sent_through);
          return;
        }
        fail(self, *err);
        return;
      }
      st.waiting_for_feed = true;
      return;
    }
    timestamp data_ts = st.stop_requested ? no_wakeup : head_ts(st);
    if (!st.clock_started) {
      if (data_ts == no_wakeup) {
        begin_stop(self);
        return;
      }
      // Every participant starts in the first slice, which is swept on its own.
      for (const auto& p : st.wiring.participants)
        core.set_wakeup(p.rank, data_ts);
      st.clock_started = true;
      emit_slice(self, data_ts);
      release_slices(self);
      ++st.summary.slices;
      start_sweep(self, data_ts);
      return;
    }
    timestamp next = core.next_event();
    if (data_ts != no_wakeup && (next == no_wakeup || next > st.sent_through)) {
      // Everything released so far is handled: release the next window.
      if (!release_window(self)) {
        st.waiting_for_feed = true;
        return;
      }
      continue;
    }
    // After the data ends, timers due up to the last data time still fire; later ones do not.
    if (next == no_wakeup || (data_ts == no_wakeup && next > st.summary.last_ts)) {
      begin_stop(self);
      return;
    }
    start_sweep(self, std::max(st.sent_through, next));
    return;
  }
}

void sweep_done(self_ptr self) {
  auto& st = self->state;
  st.in_slice = false;
  if (st.current == phase::running)
    advance(self);
  else if (st.current == phase::stopping)
    settle_stop(self);
}

// Hands out every step that can run now (several at once when their participants cannot affect
// each other); the sweep is over when none is left and none is in flight.
void step_next(self_ptr self) {
  auto& st = self->state;
  auto orders = st.core->ready_steps();
  if (orders.empty()) {
    if (!st.core->sweeping())
      sweep_done(self);
    return;
  }
  for (auto& order : orders) {
    auto it = st.by_rank.find(order.rank);
    if (it == st.by_rank.end()) {
      fail(self, caf::make_error(caf::sec::invalid_argument,
                                 "message to unknown participant rank " +
                                     std::to_string(order.rank)));
      return;
    }
    ++st.summary.steps;
    auto rank = order.rank;
    st.stepping[rank] = st.summary.steps;
    // No CAF timeout (see watchdog_checks): the hang detector watches the steps in flight.
    self->request(it->second, caf::infinite,
                  sim_step{order.bound, std::move(order.inputs), order.hold})
        .then(
            [=](sim_step_done& done) {
              auto& s = self->state;
              s.stepping[rank] = 0;
              if (s.current == phase::done || s.core->isolated(rank))
                return;
              s.summary.messages += 2; // the step and its reply
              s.summary.messages += done.messages;
              s.core->on_step_done(rank, done);
              if (!s.core->error().empty()) {
                fail(self, caf::make_error(caf::sec::runtime_error,
                                           "causality: " + s.core->error()));
                return;
              }
              step_next(self);
            },
            [=](caf::error& err) {
              if (participant_failed(self, rank, before_data, err) &&
                  self->state.current != phase::done)
                step_next(self);
            });
  }
}

void finish(self_ptr self) {
  auto& st = self->state;
  st.current = phase::done;
  if (st.promise.pending())
    st.promise.deliver(st.summary);
}

// Backtest: after a participant's stop, settles what it set off before stopping the next one.
void settle_stop(self_ptr self) {
  auto& st = self->state;
  if (st.core->needs_settle()) {
    start_sweep(self, st.core->settled());
    return;
  }
  ++st.stop_index;
  next_stop(self);
}

void next_stop(self_ptr self) {
  auto& st = self->state;
  if (st.stop_index >= st.wiring.participants.size()) {
    finish(self);
    return;
  }
  const auto& p = st.wiring.participants[st.stop_index];
  auto rank = p.rank;
  if (st.core->isolated(rank)) {
    ++st.stop_index;
    next_stop(self);
    return;
  }
  st.in_slice = true;
  self->request(p.handle, request_deadline(st), stop_run{st.summary.last_ts})
      .then(
          [=](sim_step_done& done) {
            auto& s = self->state;
            if (s.current == phase::done || s.core->isolated(rank))
              return; // seen failed already (its down message came first)
            s.in_slice = false;
            if (s.config.mode == run_mode::paper) {
              ++s.stop_index;
              next_stop(self);
              return;
            }
            s.summary.messages += 2;
            s.summary.messages += done.messages;
            s.core->on_stop_done(rank, done, s.summary.last_ts);
            settle_stop(self);
          },
          [=](caf::error& err) { stop_failed(self, rank, err); });
}

// The hang detector: a step seen in flight at more than watchdog_checks checks in a row has been
// waiting for at least the deadline.
// Paper mode has no steps to watch: each check sends every live participant that has none in
// flight a heartbeat (get_runtime_info, high priority so that it does not wait behind a backlog of
// market data) with the deadline as its timeout. A participant stuck in a handler does not answer:
// a strategy is isolated, anything else fails the run, as for a step.
void send_heartbeats(self_ptr self) {
  auto& st = self->state;
  for (const auto& p : st.wiring.participants) {
    const auto rank = p.rank;
    if (st.heartbeat[rank] || st.core->isolated(rank))
      continue;
    st.heartbeat[rank] = true;
    self->request<caf::message_priority::high>(p.handle, request_deadline(st), get_runtime_info{})
        .then(
            [=](const runtime_info&) { self->state.heartbeat[rank] = false; },
            [=](caf::error& err) {
              auto& s = self->state;
              s.heartbeat[rank] = false;
              if (s.current == phase::running || s.current == phase::stopping)
                participant_failed(self, rank, s.summary.last_ts, err);
            });
  }
}

void watchdog_check(self_ptr self) {
  auto& st = self->state;
  if (st.current != phase::running && st.current != phase::stopping)
    return;
  if (st.config.mode == run_mode::paper) {
    send_heartbeats(self);
    self->delayed_send(self, watchdog_period(st.config), watchdog_tick{});
    return;
  }
  for (participant_rank rank = 0; rank < st.stepping.size(); ++rank) {
    const auto serial = st.stepping[rank];
    if (serial == 0 || st.watched[rank] != serial) {
      st.watched[rank] = serial;
      st.stale[rank] = 0;
      continue;
    }
    if (++st.stale[rank] < watchdog_checks)
      continue;
    if (participant_failed(self, rank, before_data, caf::make_error(caf::sec::request_timeout)) &&
        st.current != phase::done)
      step_next(self);
    if (st.current == phase::done)
      return;
  }
  self->delayed_send(self, watchdog_period(st.config), watchdog_tick{});
}

// stop_run to `rank` failed (it died or did not answer): isolate it or fail, then go on stopping.
void stop_failed(self_ptr self, participant_rank rank, const caf::error& err) {
  auto& st = self->state;
  if (!participant_failed(self, rank, st.summary.last_ts, err) || st.current == phase::done)
    return;
  st.in_slice = false;
  if (st.config.mode == run_mode::paper) {
    ++st.stop_index;
    next_stop(self);
    return;
  }
  settle_stop(self);
}

} // namespace

sequencer_actor spawn_sequencer(caf::actor_system& sys, sequencer_config config,
                                sequencer_wiring wiring) {
  // Spawn arguments, not captures: CAF 0.17 binds a reference to the null tuple of a spawn
  // without arguments (undefined behaviour that UBSan reports).
  auto impl = sys.spawn([](self_ptr self, sequencer_config config,
                           sequencer_wiring wiring) -> sequencer_impl::behavior_type {
    auto& st = self->state;
    st.config = std::move(config);
    st.wiring = std::move(wiring);
    for (const auto& f : st.wiring.feeds) {
      feed_buffer buffer;
      buffer.handle = f;
      st.feeds.push_back(std::move(buffer));
    }
    std::vector<participant_rank> ranks;
    participant_rank top = 0;
    for (const auto& p : st.wiring.participants)
      top = std::max(top, p.rank);
    st.stepping.assign(static_cast<std::size_t>(top) + 1, 0);
    st.watched.assign(st.stepping.size(), 0);
    st.stale.assign(st.stepping.size(), 0);
    st.heartbeat.assign(st.stepping.size(), false);
    for (std::size_t i = 0; i < st.wiring.participants.size(); ++i) {
      const auto& p = st.wiring.participants[i];
      st.by_rank.emplace(p.rank, p.handle);
      st.index_of.emplace(p.rank, i);
      st.rank_of_addr.emplace(p.handle.address(), p.rank);
      ranks.push_back(p.rank);
      self->monitor(p.handle);
    }
    // Feeds are not monitored: a feed that dies or hangs fails its pending or next request.
    self->set_down_handler([self](caf::down_msg& dm) { on_down(self, dm); });
    st.core.emplace(std::move(ranks), st.wiring.self_rank);
    for (const auto& [rank, reach] : st.wiring.reach)
      st.core->set_reach(rank, reach);
    return {
        [=](start_run) -> caf::result<run_summary> {
          auto& s = self->state;
          if (s.current != phase::idle)
            return caf::make_error(caf::sec::runtime_error, "the sequencer runs only once");
          s.promise = self->make_response_promise<run_summary>();
          s.current = phase::running;
          logger(log_component::sequencer)
              .info("Run started mode={} feeds={} participants={}", to_string(s.config.mode),
                    s.feeds.size(), s.wiring.participants.size());
          if (s.config.deadline.count() > 0)
            self->delayed_send(self, watchdog_period(s.config), watchdog_tick{});
          advance(self);
          return s.promise;
        },
        [=](get_run_summary) { return self->state.summary; },
        [=](stop_feeds) {
          auto& s = self->state;
          if (s.stop_requested)
            return;
          s.stop_requested = true;
          logger(log_component::sequencer).info("Stop requested slices={}", s.summary.slices);
          // Paper mode waits for a pacing tick that may be far away: stop now (the tick, when it
          // comes, finds the run stopping). A backtest sees the request after its current sweep
          // or feed reply.
          if (s.current == phase::running && s.config.mode == run_mode::paper && s.in_slice) {
            s.in_slice = false;
            advance(self);
          }
        },
        [=](watchdog_tick) { watchdog_check(self); },
        [=](slices_handled& handled) {
          auto& s = self->state;
          s.paper_in_flight -= std::min(s.paper_in_flight, handled.count);
          if (s.waiting_for_hub && s.current == phase::running) {
            s.waiting_for_hub = false;
            advance(self);
          }
        },
        [=](pace_tick) {
          auto& s = self->state;
          if (s.current != phase::running)
            return;
          if (!s.in_slice)
            return; // a tick of a pause that stop_feeds ended
          s.in_slice = false;
          timestamp now = head_ts(s);
          if (now != no_wakeup) {
            emit_slice(self, now);
            ++s.summary.slices;
            report_progress(self, false);
          }
          advance(self);
        },
    };
  }, std::move(config), std::move(wiring));
  return caf::actor_cast<sequencer_actor>(impl);
}

} // namespace bourse
