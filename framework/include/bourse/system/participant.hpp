#pragma once
// The CAF half of deterministic stepping: every participant actor's state holds a `participant<Input>`
// that buffers inputs (backtest) or handles them at once (paper), counts what the actor sends, and
// answers the sequencer's sim_step.

#include <functional>
#include <sstream>
#include <thread>
#include <map>
#include <memory>
#include <optional>
#include <utility>

#include <caf/all.hpp>

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
};

/// What a participant does when stepped; set by the actor that owns the participant.
template <class Input>
struct participant_hooks {
  /// Handles one input (decode, call the core, emit).
  std::function<void(Input&)> handle;
  /// Fires timers due at `now` (called first in every step); may be empty.
  std::function<void(timestamp now)> fire_due;
  /// Returns the next time the participant wants to be stepped without inputs; may be empty.
  std::function<timestamp()> next_wakeup;
  /// Runs after a step's inputs were handled and before its reply is built (e.g. to drain queues
  /// that the inputs filled, so that its sends are counted in this step); may be empty.
  std::function<void(timestamp now)> after_inputs;
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
  }

  /// Returns the run mode.
  [[nodiscard]] run_mode mode() const noexcept { return mode_; }
  /// Returns this participant's rank.
  [[nodiscard]] participant_rank rank() const noexcept { return rank_; }
  /// Returns the data time of the current step (backtest) or of the last input (paper).
  [[nodiscard]] timestamp now() const noexcept { return now_; }
  /// Sets the time reported by now() (paper mode: the clock of the latest input).
  void set_now(timestamp now) noexcept { now_ = now; }

  /// Returns the rank of the actor with `id`.
  [[nodiscard]] participant_rank rank_of(caf::actor_id id) const {
    return ranks_ ? ranks_->rank_of(id) : external_rank;
  }

  /// Takes an input: paper mode handles it now; backtest mode buffers it for the step that names it.
  void accept(caf::local_actor* self, Input input) {
    if (mode_ == run_mode::paper) {
      hooks_.handle(input);
      return;
    }
    auto sender = self->current_sender();
    inbox_.push(sender ? rank_of(sender->id()) : external_rank, std::move(input));
    if (pending_ && inbox_.ready(pending_->step.inputs)) {
      auto promise = std::move(pending_->promise);
      auto step = std::move(pending_->step);
      pending_.reset();
      promise.deliver(run(step));
    }
  }

  /// Sends `xs...` to `to`, counting the message when the receiver is a participant.
  template <class Self, class Handle, class... Ts>
  void send(Self* self, const Handle& to, Ts&&... xs) {
    if (mode_ == run_mode::backtest)
      counter_.count(rank_of(to.id()));
    self->send(to, std::forward<Ts>(xs)...);
  }

  /// Answers a sim_step: at once when its inputs are here, else with a promise kept by accept().
  caf::result<sim_step_done> step(caf::local_actor* self, sim_step& step) {
    if (inbox_.ready(step.inputs))
      return run(step);
    auto promise = self->make_response_promise<sim_step_done>();
    pending_.emplace(pending_step{std::move(step), promise});
    return promise;
  }

  /// Answers stop_run: runs `on_stop` as a step of its own and reports what it sent.
  template <class OnStop>
  sim_step_done stop(timestamp now, OnStop&& on_stop) {
    now_ = now;
    on_stop();
    return finish();
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
    sim_step step;
    caf::typed_response_promise<sim_step_done> promise;
  };

  sim_step_done run(const sim_step& step) {
    now_ = step.now;
    if (hooks_.fire_due)
      hooks_.fire_due(step.now);
    inbox_.drain(step.inputs, hooks_.handle);
    if (hooks_.after_inputs)
      hooks_.after_inputs(step.now);
    return finish();
  }

  sim_step_done finish() {
    sim_step_done done;
    done.sent = counter_.take();
    done.next_wakeup = hooks_.next_wakeup ? hooks_.next_wakeup() : no_wakeup;
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
};

} // namespace bourse
