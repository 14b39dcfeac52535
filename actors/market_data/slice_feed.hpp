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
//
// Restart (feed_options::restart, docs/operations.md "Restart policy"): a feed spawned with an
// opener reopens its source after a transient failure (an I/O error, or an exception thrown by the
// source) once the backoff has passed on the wall clock, skips the slices it already read (a source
// gives the same slices each time it is opened) and carries on: every slice is served once, in
// order. A bad row (csv_error_kind::data) is never retried. During the backoff a request gets the
// slices read before the failure at once (a shorter chunk); with none left it waits.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

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

/// Opens a fresh source over the same data (each call gives a source that serves the same slices
/// from the start); what a feed needs to restart. May throw or return null (a failed opening).
using slice_source_opener = std::function<std::unique_ptr<slice_source>()>;

/// One restart of a feed's source, for the run's report.
struct feed_restart_event {
  /// The source's name (a path, "synthetic", a user's name).
  std::string source;
  /// What failed: the reader's error ("file:line: reason") or "exception: ...".
  std::string error;
  /// 1 for the first restart.
  std::uint32_t attempt = 0;
  /// The policy's max_restarts.
  std::uint32_t max_restarts = 0;
  /// The wait before the reopening (wall clock, ns).
  std::int64_t backoff = 0;
  /// Data time of the last slice read before the failure (0: none yet).
  std::int64_t data_time = 0;
};

/// Told of every restart (called on the feed's thread; must be thread-safe across feeds).
using feed_restart_listener = std::function<void(const feed_restart_event&)>;

/// Spawns a feed on the cooperative pool that serves `source`'s slices. It cannot reopen the
/// source: options.restart does not apply (a failure stops the feed as without a policy).
[[nodiscard]] feed_actor spawn_slice_feed(caf::actor_system& sys,
                                          std::unique_ptr<slice_source> source,
                                          const feed_options& options = {});

/// Spawns a feed on the cooperative pool that serves the slices of the source `open` returns,
/// and reopens it after transient failures as options.restart allows; `on_restart` (optional) is
/// told of each restart.
[[nodiscard]] feed_actor spawn_slice_feed(caf::actor_system& sys, slice_source_opener open,
                                          const feed_options& options = {},
                                          feed_restart_listener on_restart = {});

/// As above, but serves `first` (a source `open` returned before, not read yet) before reopening
/// with `open` after a failure.
[[nodiscard]] feed_actor spawn_slice_feed(caf::actor_system& sys,
                                          std::unique_ptr<slice_source> first,
                                          slice_source_opener open,
                                          const feed_options& options = {},
                                          feed_restart_listener on_restart = {});

} // namespace bourse
