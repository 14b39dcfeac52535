#pragma once
// What the indicator actor and the indicator pool share as participants of a run: market data in
// (bars used, quotes and trades accepted and dropped), indicator updates out at the end of a step,
// and the run's control messages. Included by the two actors' sources; no state of its own.

#include <utility>
#include <variant>

#include <caf/all.hpp>

#include "bourse/protocol/indicators.hpp"
#include "bourse/system/participant.hpp"

namespace bourse::indicator_host {

/// The market data an indicator host accepts.
using input = std::variant<quote_batch, trade_batch, bar_batch>;

/// Returns the behavior of an indicator host after configuring its participant
/// (`self->state.part`) with `setup`: every bar_batch goes to `on_bars(self, batch)`, the end of
/// each step calls `end_step(self)`, subscribe_indicators calls `on_subscribe(self, sub)`, and the
/// handlers in `extra` follow the shared ones.
template <class Behavior, class Self, class OnBars, class EndStep, class OnSubscribe,
          class... Extra>
Behavior behavior(Self self, participant_setup setup, OnBars on_bars, EndStep end_step,
                  OnSubscribe on_subscribe, Extra... extra) {
  participant_hooks<input> hooks;
  hooks.handle = [self, on_bars](input& in) {
    if (auto* bars = std::get_if<bar_batch>(&in))
      on_bars(self, *bars);
  };
  hooks.end_step = [self, end_step] { end_step(self); };
  self->state.part.configure(setup, std::move(hooks));
  return {
      [=](sim_step& step) -> caf::result<sim_step_done> {
        return self->state.part.step(self, step);
      },
      [=](stop_run& stop) -> sim_step_done { return self->state.part.stop(stop.ts_event, [] {}); },
      [=](get_runtime_info) { return participant<input>::runtime(self); },
      [=](quote_batch& b) { self->state.part.accept(self, input{std::move(b)}); },
      [=](trade_batch& b) { self->state.part.accept(self, input{std::move(b)}); },
      [=](bar_batch& b) { self->state.part.accept(self, input{std::move(b)}); },
      [=](market_window& w) {
        self->state.part.accept_all(self, window_inputs<input>(std::move(w)));
      },
      [=](subscribe_indicators& sub) { on_subscribe(self, sub); },
      std::move(extra)...,
  };
}

} // namespace bourse::indicator_host
