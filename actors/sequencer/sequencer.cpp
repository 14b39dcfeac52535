// The sequencer: feeds -> hub, then wave-by-wave stepping of every participant (backtest) or
// wall-clock pacing (paper), then an ordered stop.
#include "sequencer/sequencer.hpp"

#include <algorithm>
#include <string>
#include <chrono>
#include <deque>
#include <map>

#include <spdlog/spdlog.h>

#include "bourse/sim/sequencer_core.hpp"

namespace bourse {

namespace {

/// Internal: the paper-mode pacing timer fired.
struct pace_tick {};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, pace_tick&) {
  return f(caf::meta::type_name("bourse::pace_tick"));
}

using sequencer_impl = sequencer_actor::extend<caf::reacts_to<pace_tick>>;

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
  sequencer_core core;
  std::vector<feed_buffer> feeds;
  std::map<participant_rank, participant_actor> by_rank;
  caf::typed_response_promise<run_summary> promise;
  run_summary summary;
  phase current = phase::idle;
  bool in_slice = false;        // a slice's waves are being stepped
  bool waiting_for_feed = false; // advance() is blocked on a feed reply
  bool clock_started = false;
  bool have_data_ts = false;
  std::size_t outstanding = 0;
  std::size_t stop_index = 0;
  std::uint64_t last_progress_slices = 0;
  std::chrono::steady_clock::time_point wall_start;
  timestamp data_start = 0;
  static inline const char* name = "sequencer";
};

using self_ptr = sequencer_impl::stateful_pointer<sequencer_state>;

void advance(self_ptr self);
void run_wave(self_ptr self);
void next_stop(self_ptr self);

void fail(self_ptr self, const caf::error& err) {
  spdlog::error("Sequencer failed error={}", caf::to_string(err));
  if (self->state.promise.pending())
    self->state.promise.deliver(err);
  self->state.current = phase::done;
  self->quit(err);
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
  self->request(feed.handle, caf::infinite, next_slices{self->state.config.chunk})
      .then(
          [=](feed_chunk& chunk) {
            auto& f = self->state.feeds[index];
            f.requested = false;
            f.finished = chunk.finished;
            f.progress = chunk.progress;
            for (auto& s : chunk.slices)
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
            f.error = std::move(err);
            if (self->state.waiting_for_feed) {
              self->state.waiting_for_feed = false;
              advance(self);
            }
          });
}

// Makes sure every unfinished feed has data; prefetches the next chunk when a buffer runs low.
// Returns false when advance() must wait for a reply.
bool fill_feeds(self_ptr self) {
  auto& st = self->state;
  bool ready = true;
  for (std::size_t i = 0; i < st.feeds.size(); ++i) {
    auto& f = st.feeds[i];
    if (f.error && f.slices.empty()) {
      fail(self, f.error);
      return false;
    }
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
  self->send(st.wiring.hub, std::move(slice));
  ++st.summary.messages;
  if (st.config.mode == run_mode::backtest)
    st.core.add_sent(st.wiring.self_rank, st.wiring.hub_rank, 1);
}

void begin_stop(self_ptr self) {
  auto& st = self->state;
  st.current = phase::stopping;
  st.stop_index = 0;
  report_progress(self, true);
  next_stop(self);
}

void advance(self_ptr self) {
  auto& st = self->state;
  while (st.current == phase::running && !st.in_slice) {
    if (!fill_feeds(self)) {
      if (st.current == phase::running)
        st.waiting_for_feed = true;
      return;
    }
    timestamp data_ts = head_ts(st);
    if (!st.clock_started && data_ts != no_wakeup) {
      // Every participant is stepped in the first slice (strategies start there).
      for (const auto& p : st.wiring.participants)
        st.core.set_wakeup(p.rank, data_ts);
      st.clock_started = true;
    }
    timestamp wake = st.config.mode == run_mode::backtest ? st.core.next_wakeup() : no_wakeup;
    // After the data ends, timers due up to the last data time still fire; later ones do not.
    if (data_ts == no_wakeup && (wake == no_wakeup || wake > st.summary.last_ts)) {
      begin_stop(self);
      return;
    }
    timestamp now = std::min(data_ts, wake);
    if (st.config.mode == run_mode::paper) {
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
      continue;
    }
    st.in_slice = true;
    st.core.begin_slice(now);
    emit_slice(self, now);
    run_wave(self);
  }
}

void slice_settled_now(self_ptr self) {
  auto& st = self->state;
  st.in_slice = false;
  if (st.current == phase::running) {
    ++st.summary.slices;
    report_progress(self, false);
    advance(self);
  } else if (st.current == phase::stopping) {
    ++st.stop_index;
    next_stop(self);
  }
}

void run_wave(self_ptr self) {
  auto& st = self->state;
  auto orders = st.core.next_wave();
  if (orders.empty()) {
    slice_settled_now(self);
    return;
  }
  ++st.summary.waves;
  if (spdlog::should_log(spdlog::level::debug)) {
    std::string steps;
    for (const auto& o : orders) {
      steps += " r" + std::to_string(o.rank) + "[";
      for (const auto& in : o.inputs)
        steps += std::to_string(in.rank) + ":" + std::to_string(in.count) + " ";
      steps += "]";
    }
    spdlog::debug("Wave now={} steps={}", st.core.now(), steps);
  }
  st.outstanding = orders.size();
  auto wave = st.core.waves() - 1;
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
    self->request(it->second, caf::infinite, sim_step{st.core.now(), wave, std::move(order.inputs)})
        .then(
            [=](sim_step_done& done) {
              auto& s = self->state;
              s.summary.messages += 2; // the step and its reply
              for (const auto& sent : done.sent)
                s.summary.messages += sent.count;
              s.core.on_step_done(rank, done.sent, done.next_wakeup);
              if (--self->state.outstanding == 0)
                run_wave(self);
            },
            [=](caf::error& err) { fail(self, err); });
  }
}

void finish(self_ptr self) {
  auto& st = self->state;
  st.current = phase::done;
  if (st.promise.pending())
    st.promise.deliver(st.summary);
}

void next_stop(self_ptr self) {
  auto& st = self->state;
  if (st.stop_index >= st.wiring.participants.size()) {
    finish(self);
    return;
  }
  const auto& p = st.wiring.participants[st.stop_index];
  auto rank = p.rank;
  st.in_slice = true;
  self->request(p.handle, caf::infinite, stop_run{st.summary.last_ts})
      .then(
          [=](sim_step_done& done) {
            auto& s = self->state;
            if (s.config.mode == run_mode::paper) {
              s.in_slice = false;
              ++s.stop_index;
              next_stop(self);
              return;
            }
            s.core.begin_slice(s.summary.last_ts);
            s.core.on_step_done(rank, done.sent, done.next_wakeup);
            run_wave(self);
          },
          [=](caf::error& err) { fail(self, err); });
}

} // namespace

sequencer_actor spawn_sequencer(caf::actor_system& sys, sequencer_config config,
                                sequencer_wiring wiring) {
  auto impl = sys.spawn([config = std::move(config), wiring = std::move(wiring)](
                            self_ptr self) mutable -> sequencer_impl::behavior_type {
    auto& st = self->state;
    st.config = std::move(config);
    st.wiring = std::move(wiring);
    for (const auto& f : st.wiring.feeds) {
      feed_buffer buffer;
      buffer.handle = f;
      st.feeds.push_back(std::move(buffer));
    }
    for (const auto& p : st.wiring.participants)
      st.by_rank.emplace(p.rank, p.handle);
    return {
        [=](start_run) -> caf::result<run_summary> {
          auto& s = self->state;
          if (s.current != phase::idle)
            return caf::make_error(caf::sec::runtime_error, "the sequencer runs only once");
          s.promise = self->make_response_promise<run_summary>();
          s.current = phase::running;
          spdlog::info("Run started mode={} feeds={} participants={}", to_string(s.config.mode),
                       s.feeds.size(), s.wiring.participants.size());
          advance(self);
          return s.promise;
        },
        [=](pace_tick) {
          auto& s = self->state;
          s.in_slice = false;
          if (s.current != phase::running)
            return;
          timestamp now = head_ts(s);
          if (now != no_wakeup) {
            emit_slice(self, now);
            ++s.summary.slices;
            report_progress(self, false);
          }
          advance(self);
        },
    };
  });
  return caf::actor_cast<sequencer_actor>(impl);
}

} // namespace bourse
