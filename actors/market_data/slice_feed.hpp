#pragma once
// The feed actor every file and generator feed is built on: it serves the slices of a
// slice_source in chunks and reads the next chunk ahead in small background steps.
//
// After each reply the feed sends itself a step message and reads up to feed_options::step_records
// records, again and again until a chunk as large as the last request is ready; a request that
// finds it ready is answered at once, so reading overlaps the rest of the system's processing. A
// request that arrives early is answered (through a response promise) as soon as enough slices
// are ready. When the source stops on an error, the feed first serves every slice read before it,
// then answers the next request with an error naming the place ("file:line: column: reason").

#include <memory>

#include <caf/all.hpp>

#include "bourse/market/slicer.hpp"
#include "bourse/protocol/market_data.hpp"
#include "bourse/actors/market_data/feed_options.hpp"

namespace bourse {

/// A feed that also answers get_runtime_info (where it runs); every feed spawned by bourse has
/// this interface (cast a feed_actor to it with caf::actor_cast).
using inspectable_feed_actor =
    feed_actor::extend<caf::replies_to<get_runtime_info>::with<runtime_info>>;

/// Returns the protocol slice for a core slice (moves the records).
[[nodiscard]] market_slice to_market_slice(data_slice&& slice);

/// Spawns a feed on the cooperative pool that serves `source`'s slices.
[[nodiscard]] feed_actor spawn_slice_feed(caf::actor_system& sys,
                                          std::unique_ptr<slice_source> source,
                                          const feed_options& options = {});

} // namespace bourse
