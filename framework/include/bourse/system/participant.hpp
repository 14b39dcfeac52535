#pragma once
// The CAF half of deterministic stepping: every participant actor's state holds a `participant<Input>`
// that buffers inputs (backtest) or handles them at once (paper), counts what the actor sends, and
// answers the sequencer's sim_step.

#include <algorithm>
#include <chrono>
#include <functional>
#include <string>
#include <sstream>
#include <thread>
#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include <caf/all.hpp>

#include "bourse/core/actor_metrics.hpp"
#include "bourse/logging/log_time.hpp"
#include "bourse/protocol/system.hpp"
#include "bourse/sim/step.hpp"

namespace bourse {

/// Maps actor ids to participant ranks. The builder fills it while it spawns the participants and
/// before the run starts; it is read-only afterwards.
class rank_table {
public:
  /// Records that the actor with `id` has `rank`.
  void add(caf::actor_id id, participant_rank rank) { ranks_[id] = rank; }
  /// Returns the rank of the actor with `id`, or external_rank.
  [[nodiscard]] participant_rank rank_of(caf::actor_id id) const {
    auto it = ranks_.find(id);
    return it == ranks_.end() ? external_rank : it->second;
  }
  /// Returns how many participants are known.
  [[nodiscard]] std::size_t size() const noexcept { return ranks_.size(); }

private:
  std::map<caf::actor_id, participant_rank> ranks_;
};

/// How a participant takes part in a run; the builder hands one to every participant it spawns.
struct participant_setup {
  /// backtest (buffered, stepped) or paper (immediate).
  run_mode mode = run_mode::backtest;
  /// The participant's rank (unique; lower ranks' messages are handled first).
  participant_rank rank = 0;
  /// The shared rank table, filled by the builder before the run starts.
  std::shared_ptr<const rank_table> ranks;
  /// Where the participant publishes its metrics, or null: metrics disabled (the counters are
  /// kept either way; the mailbox depth and handling times are measured only when enabled).
  std::shared_ptr<metrics_board> metrics = {};
  /// Its slot on `metrics`.
  std::size_t metrics_slot = 0;
};

/// What a participant does when stepped; set by the actor that owns the participant.
template <class Input>
struct participant_hooks {
  /// Handles one input (decode, call the core, emit).
  std::function<void(Input&)> handle;
  /// Fires timers due at `now` (called first at every data time the participant handles); may be
  /// empty.
  std::function<void(timestamp now)> fire_due;
  /// Returns the next time the participant wants to be stepped without inputs; may be empty.
  std::function<timestamp()> next_wakeup;
  /// Runs after the inputs of one data time were handled (e.g. to drain queues that the inputs
  /// filled, so that its sends carry this time); may be empty.
  std::function<void(timestamp now)> after_inputs;
  /// Runs at the end of every step and stop, before the reply (e.g. to send what was collected for
  /// send_collected()); may be empty.
  std::function<void()> end_step;
  /// Returns true when nothing the participant did can still come back to it as an input (no order
  /// in flight or open). While it returns false the participant handles one data time per step, so
  /// that answers reach it before anything later. Empty means always quiet: right for every
  /// participant that no higher-ranked participant sends to.
  std::function<bool()> quiet;
  /// When not quiet: the earliest data time an answer can still carry (e.g. the stamp of the oldest
  /// order still on its way, when no order is working at a venue), or before_data when an answer
  /// can come at any time. Lets the sequencer run the rest of the order path up to that time at
  /// once instead of one data time per sweep. Empty means before_data.
  std::function<timestamp()> answers_from;
};

/// The stepping state of one participant actor.
template <class Input>
class participant {
public:
  /// Sets mode, rank, the shared rank table and the hooks; call once when the actor starts.
  void configure(const participant_setup& setup, participant_hooks<Input> hooks) {
    mode_ = setup.mode;
    rank_ = setup.rank;
    ranks_ = setup.ranks;
    hooks_ = std::move(hooks);
    board_ = setup.metrics;
    slot_ = setup.metrics_slot;
    if (board_) {
      // Timed handling: one steady-clock read before and after every input.
      auto inner = std::move(hooks_.handle);
      hooks_.handle = [this, inner = std::move(inner)](Input& input) {
        auto start = std::chrono::steady_clock::now();
        inner(input);
        last_clock_ = std::chrono::steady_clock::now();
        metrics_.handling.record(
            std::chrono::duration_cast<std::chrono::nanoseconds>(last_clock_ - start).count());
      };
    }
  }

  /// Returns the actor's metrics (e.g. for an actor that adds its drop counts).
  [[nodiscard]] actor_metrics& metrics() noexcept { return metrics_; }
  /// Returns true when metrics are enabled (the mailbox depth and handling times are measured).
  [[nodiscard]] bool metrics_enabled() const noexcept { return board_ != nullptr; }
  /// Publishes the metrics to the board now (nothing when metrics are disabled).
  void publish_metrics() {
    if (board_) {
      board_->publish(slot_, metrics_);
      published_ = last_clock_;
    }
  }

  /// Returns the run mode.
  [[nodiscard]] run_mode mode() const noexcept { return mode_; }
  /// Returns this participant's rank.
  [[nodiscard]] participant_rank rank() const noexcept { return rank_; }
  /// Returns the data time being handled (backtest) or of the last input (paper).
  [[nodiscard]] timestamp now() const noexcept { return now_; }
  /// Sets the time reported by now() (paper mode: the clock of the latest input).
  void set_now(timestamp now) noexcept { now_ = now; }

  /// Returns the rank of the actor with `id`.
  [[nodiscard]] participant_rank rank_of(caf::actor_id id) const {
    return ranks_ ? ranks_->rank_of(id) : external_rank;
  }

  /// Takes an input: paper mode handles it now; backtest mode buffers it until a step covers it.
  void accept(caf::local_actor* self, Input input) {
    ++metrics_.received;
    take(self, std::move(input));
    if (board_)
      note_message(self);
  }

  /// Takes several inputs that arrived in one message from the current sender, in order.
  void accept_all(caf::local_actor* self, std::vector<Input>&& inputs) {
    ++metrics_.received;
    for (auto& input : inputs)
      take(self, std::move(input));
    if (board_)
      note_message(self);
  }

private:
  // Metrics enabled: the mailbox depth after a message, and a publication when one is due.
  void note_message(caf::local_actor* self) {
    if (!scheduled_)
      scheduled_ = dynamic_cast<caf::scheduled_actor*>(self);
    // The messages fetched into the actor's queue and not yet handled (CAF moves new arrivals there
    // at the start of each scheduling round). Not mailbox().size(): that fetches from inside a
    // handler, which trips UBSan in CAF 0.17's task_queue.
    if (scheduled_)
      metrics_.note_mailbox(scheduled_->mailbox().queue().total_task_size());
    maybe_publish();
  }

  void maybe_publish() {
    if (mode_ == run_mode::backtest)
      last_clock_ = std::chrono::steady_clock::now();
    if (std::chrono::duration_cast<std::chrono::nanoseconds>(last_clock_ - published_).count() >=
        metrics_board::publish_interval_ns)
      publish_metrics();
  }

  void take(caf::local_actor* self, Input input) {
    ++metrics_.handled;
    if (mode_ == run_mode::paper) {
      hooks_.handle(input);
      return;
    }
    auto sender = self->current_sender();
    inbox_.push(sender ? rank_of(sender->id()) : external_rank, std::move(input));
    if (pending_ && inbox_.ready()) {
      auto promise = std::move(pending_->promise);
      auto bound = pending_->bound;
      auto hold = pending_->hold;
      pending_.reset();
      promise.deliver(run(bound, hold));
    }
  }

public:

  /// Records one input for `to`, stamped now(), that travels inside a later send_collected(): a
  /// sender may pack the inputs of many data times into one message (see market_window).
  template <class Handle>
  void count_for(const Handle& to) {
    if (mode_ != run_mode::backtest)
      return;
    auto to_rank = rank_of(to.id());
    counter_.count(to_rank, now_);
    // A message to a lower rank goes against the sweep: stop after this data time so that the
    // receiver's answer can be handled before anything later.
    if (to_rank != external_rank && to_rank <= rank_)
      backwards_ = true;
  }

  /// Sends `xs...` to `to` without counting: its inputs were counted with count_for().
  template <class Self, class Handle, class... Ts>
  void send_collected(Self* self, const Handle& to, Ts&&... xs) {
    ++messages_;
    ++metrics_.sent;
    self->send(to, std::forward<Ts>(xs)...);
  }

  /// Sends `xs...` to `to`, counting the message (stamped now()) when the receiver is a participant.
  template <class Self, class Handle, class... Ts>
  void send(Self* self, const Handle& to, Ts&&... xs) {
    count_for(to);
    ++messages_;
    ++metrics_.sent;
    self->send(to, std::forward<Ts>(xs)...);
  }

  /// Answers a sim_step: at once when its inputs are here, else with a promise kept by accept().
  caf::result<sim_step_done> step(caf::local_actor* self, sim_step& step) {
    for (const auto& in : step.inputs) {
      if (in.stamp < reach_)
        return caf::make_error(
            caf::sec::runtime_error,
            "causality: participant " + std::string{self->name()} + " (rank " +
                std::to_string(rank_) + ") got a message stamped " + std::to_string(in.stamp) +
                " from rank " + std::to_string(in.rank) + " after handling everything up to " +
                std::to_string(reach_) + "; it must say it is not quiet while answers can come");
      inbox_.expect(in.rank, in.stamp, in.count);
    }
    if (inbox_.ready())
      return run(step.bound, step.hold);
    auto promise = self->make_response_promise<sim_step_done>();
    pending_.emplace(pending_step{step.bound, step.hold, promise});
    return promise;
  }

  /// Answers stop_run: runs `on_stop` at data time `now` and reports what it sent.
  template <class OnStop>
  sim_step_done stop(timestamp now, OnStop&& on_stop) {
    now_ = std::max(now, reach_);
    log_time_scope log_time;
    if (mode_ == run_mode::backtest)
      log_time.set(now_);
    on_stop();
    reach_ = now_;
    auto done = finish();
    if (board_) {
      last_clock_ = std::chrono::steady_clock::now();
      publish_metrics(); // the final figures
    }
    return done;
  }

  /// Answers get_runtime_info: the calling thread and whether the actor is detached.
  [[nodiscard]] static runtime_info runtime(const caf::local_actor* self) {
    std::ostringstream thread;
    thread << std::this_thread::get_id();
    return runtime_info{self->name(), thread.str(),
                        self->getf(caf::abstract_actor::is_detached_flag)};
  }

private:
  struct pending_step {
    timestamp bound;
    timestamp hold;
    caf::typed_response_promise<sim_step_done> promise;
  };

  timestamp wakeup() const {
    timestamp wake = hooks_.next_wakeup ? hooks_.next_wakeup() : no_wakeup;
    return wake == no_wakeup ? wake : std::max(wake, reach_);
  }

  // Handles inputs and timers in (stamp, sender rank, FIFO) order up to `bound`, and past `hold`
  // only while quiet; stops after the first data time at which the participant is not quiet, sent
  // backwards or is due again.
  sim_step_done run(timestamp bound, timestamp hold) {
    bool stopped = false;
    log_time_scope log_time; // log lines say which data time they were written at
    for (;;) {
      timestamp t = std::min(inbox_.next_stamp(), wakeup());
      // The first step starts the participant at its bound (the first data time); inputs from
      // outside the run (tests, apps) are handled at the bound of the step that finds them.
      if (!started_ || inbox_.has_external())
        t = std::min(t, std::max(is_quiet() ? bound : std::min(bound, hold), reach_));
      if (t > bound || t == no_wakeup)
        break;
      if (t > hold && !is_quiet()) {
        // Answers may still come up to `hold`: everything up to it is handled, nothing after.
        stopped = true;
        reach_ = std::max(reach_, hold);
        break;
      }
      started_ = true;
      now_ = t;
      if (mode_ == run_mode::backtest)
        log_time.set(t);
      backwards_ = false;
      if (hooks_.fire_due)
        hooks_.fire_due(t);
      inbox_.drain_through(t, hooks_.handle);
      inbox_.drain_external(hooks_.handle);
      if (hooks_.after_inputs)
        hooks_.after_inputs(t);
      reach_ = t;
      const bool due_again = hooks_.next_wakeup && hooks_.next_wakeup() <= t;
      if (backwards_ || due_again || !is_quiet()) {
        stopped = true;
        break;
      }
    }
    if (!stopped)
      reach_ = std::max(reach_, bound);
    return finish();
  }

  bool is_quiet() const { return !hooks_.quiet || hooks_.quiet(); }

  sim_step_done finish() {
    if (hooks_.end_step)
      hooks_.end_step();
    sim_step_done done;
    done.sent = counter_.take();
    done.reach = reach_;
    done.next_input = inbox_.next_stamp();
    done.next_wakeup = hooks_.next_wakeup ? hooks_.next_wakeup() : no_wakeup;
    done.quiet = is_quiet();
    done.answers_from = done.quiet || !hooks_.answers_from ? before_data : hooks_.answers_from();
    done.messages = std::exchange(messages_, 0);
    if (board_)
      maybe_publish();
    return done;
  }

  run_mode mode_ = run_mode::backtest;
  participant_rank rank_ = external_rank;
  std::shared_ptr<const rank_table> ranks_;
  participant_hooks<Input> hooks_;
  step_inbox<Input> inbox_;
  send_counter counter_;
  std::optional<pending_step> pending_;
  timestamp now_ = 0;
  timestamp reach_ = before_data;
  bool started_ = false;
  bool backwards_ = false;
  std::uint64_t messages_ = 0; // sent since the last reply
  actor_metrics metrics_;
  std::shared_ptr<metrics_board> board_; // null: metrics disabled
  std::size_t slot_ = 0;
  caf::scheduled_actor* scheduled_ = nullptr;
  std::chrono::steady_clock::time_point last_clock_{};
  std::chrono::steady_clock::time_point published_{};
};

} // namespace bourse
