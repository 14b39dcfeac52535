// The metrics sampler: a timer, a read of the board, a callback.
#include "bourse/actors/metrics/metrics_sampler.hpp"

namespace bourse {

namespace {

struct sampler_state {
  metrics_sampler_config config;
  std::chrono::steady_clock::time_point started;
  static inline const char* name = "metrics_sampler";
};

using self_ptr = metrics_sampler_actor::stateful_pointer<sampler_state>;

} // namespace

metrics_sampler_actor spawn_metrics_sampler(caf::actor_system& sys, metrics_sampler_config config) {
  return sys.spawn(
      [](self_ptr self, metrics_sampler_config config) -> metrics_sampler_actor::behavior_type {
        self->state.config = std::move(config);
        self->state.started = std::chrono::steady_clock::now();
        self->delayed_send(self, self->state.config.interval, metrics_tick{});
        return {
            [=](metrics_tick) {
              auto& st = self->state;
              if (st.config.board && st.config.on_sample) {
                auto elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                                             st.started)
                                   .count();
                st.config.on_sample(elapsed, st.config.board->read());
              }
              self->delayed_send(self, st.config.interval, metrics_tick{});
            },
        };
      },
      std::move(config));
}

} // namespace bourse
