// A feed over slices held in memory.
#include "bourse/actors/market_data/memory_feed.hpp"

#include <algorithm>

#include "bourse/market/cross_venue_source.hpp"

namespace bourse {

namespace {

struct memory_feed_state {
  std::vector<market_slice> slices;
  std::size_t next = 0;
  static inline const char* name = "memory_feed";
};

} // namespace

std::vector<market_slice> cross_venue_slices(std::uint64_t seed, std::uint64_t ticks) {
  // Generated whole, on purpose: the reference the streamed cross_venue_source is tested against.
  cross_venue_generator gen(demo_cross_venue(seed, ticks).generator);
  std::vector<market_slice> slices;
  tick t;
  for (std::uint64_t i = 0; i < ticks; ++i) {
    gen.next(t);
    if (slices.empty() || slices.back().ts_event != t.ts) {
      slices.emplace_back();
      slices.back().ts_event = slices.back().ts_init = t.ts;
    }
    slices.back().quotes.push_back(t.to_quote());
  }
  return slices;
}

feed_actor spawn_memory_feed(caf::actor_system& sys, std::vector<market_slice> slices) {
  // The slices travel as a spawn argument: CAF 0.17 binds a reference to the null tuple of a
  // spawn without arguments (undefined behaviour that UBSan reports).
  return sys.spawn([](feed_actor::stateful_pointer<memory_feed_state> self,
                      std::vector<market_slice> slices) -> feed_actor::behavior_type {
    self->state.slices = std::move(slices);
    return {
        [=](next_slices& req) -> feed_chunk {
          auto& st = self->state;
          feed_chunk chunk;
          auto n = std::min<std::size_t>(req.max == 0 ? 1 : req.max, st.slices.size() - st.next);
          for (std::size_t i = 0; i < n; ++i)
            chunk.slices.push_back(std::move(st.slices[st.next++]));
          chunk.finished = st.next == st.slices.size();
          chunk.progress = st.slices.empty() ? 1.0
                                             : static_cast<double>(st.next) /
                                                   static_cast<double>(st.slices.size());
          return chunk;
        },
    };
  }, std::move(slices));
}

} // namespace bourse
