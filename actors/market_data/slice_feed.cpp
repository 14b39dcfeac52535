// The generic feed actor: chunks on request, read-ahead in background steps.
#include "bourse/actors/market_data/slice_feed.hpp"

#include <algorithm>
#include <deque>
#include <optional>
#include <utility>
#include <variant>

#include "bourse/logging/logging.hpp"
#include "bourse/system/participant.hpp"

namespace bourse {

namespace {

/// Internal: read the next step of the read-ahead.
struct read_step {};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, read_step&) {
  return f(caf::meta::type_name("bourse::feed_read_step"));
}

using slice_feed_impl = inspectable_feed_actor::extend<caf::reacts_to<read_step>>;

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
  feed_options options;
  std::deque<ready_slice> ready;
  std::uint32_t target = 1;  // slices to keep ready
  bool exhausted = false;    // the source has no more slices (end of data or error)
  bool stepping = false;     // a read_step is queued
  bool error_logged = false;
  std::size_t skips_logged = 0;
  std::optional<pending_request> pending;
  static inline const char* name = "feed";
};

using self_ptr = slice_feed_impl::stateful_pointer<slice_feed_state>;

void log_skips(slice_feed_state& st) {
  const auto& errors = st.source->skipped_errors();
  auto limit = std::min(errors.size(), st.options.log_errors);
  for (; st.skips_logged < limit; ++st.skips_logged)
    logger(log_component::feed)
        .warn("Feed skipped a bad row source={} error=\"{}\"", st.source->name(),
              errors[st.skips_logged].to_string());
}

void on_exhausted(slice_feed_state& st) {
  st.exhausted = true;
  log_skips(st);
  if (st.source->skipped() > 0)
    logger(log_component::feed)
        .warn("Feed skipped bad rows source={} count={}", st.source->name(), st.source->skipped());
}

// Reads up to step_records records (completing the slice in progress) while fewer than `want`
// slices are ready.
void read_some(slice_feed_state& st, std::size_t want) {
  auto start = st.source->records();
  auto first_new = st.ready.size();
  data_slice scratch;
  while (!st.exhausted && st.ready.size() < want &&
         st.source->records() - start < st.options.step_records) {
    if (!st.source->next(scratch)) {
      on_exhausted(st);
      break;
    }
    st.ready.push_back(ready_slice{to_market_slice(std::move(scratch)), 0});
  }
  if (st.ready.size() > first_new) {
    double progress = st.source->progress();
    for (auto i = first_new; i < st.ready.size(); ++i)
      st.ready[i].progress = progress;
  }
  log_skips(st);
}

caf::error stop_error(slice_feed_state& st) {
  const auto& err = st.source->error();
  // The reader's error names the file, line and column already.
  auto text = err ? err->to_string() : "feed " + st.source->name() + " stopped";
  if (!st.error_logged) {
    st.error_logged = true;
    // The error ends the run and reaches its caller: info here, so that a tool prints it once.
    logger(log_component::feed)
        .info("Feed stopped on a bad input source={} error=\"{}\"", st.source->name(),
              err ? err->to_string() : "unknown");
  }
  return caf::make_error(caf::sec::runtime_error, std::move(text));
}

// Builds the reply to a request for `max` slices from what is ready; an error once everything
// read before a stop was served.
std::variant<feed_chunk, caf::error> answer(slice_feed_state& st, std::uint32_t max) {
  if (st.ready.empty() && st.exhausted && st.source->error())
    return stop_error(st);
  feed_chunk chunk;
  auto n = std::min<std::size_t>(max, st.ready.size());
  chunk.slices.reserve(n);
  double progress = st.source->progress();
  for (std::size_t i = 0; i < n; ++i) {
    progress = st.ready.front().progress;
    chunk.slices.push_back(std::move(st.ready.front().slice));
    st.ready.pop_front();
  }
  chunk.finished = st.exhausted && st.ready.empty() && !st.source->error();
  chunk.progress = chunk.finished ? 1.0 : progress;
  return chunk;
}

void schedule(self_ptr self) {
  auto& st = self->state;
  if (st.stepping || st.exhausted)
    return;
  std::size_t want = std::max<std::size_t>(st.target, st.pending ? st.pending->max : 0);
  if (st.ready.size() >= want)
    return;
  st.stepping = true;
  self->send(self, read_step{});
}

bool can_answer(const slice_feed_state& st, std::uint32_t max) {
  return st.exhausted || st.ready.size() >= max;
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
  // The options travel as a spawn argument: CAF 0.17 binds a reference to the null tuple of a
  // spawn without arguments (undefined behaviour that UBSan reports).
  auto impl = sys.spawn([source = std::move(source)](
                            self_ptr self, feed_options options) mutable -> slice_feed_impl::behavior_type {
    auto& st = self->state;
    st.source = std::move(source);
    st.options = options;
    st.target = std::max<std::uint32_t>(1, options.read_ahead);
    schedule(self); // the first chunk is read before anyone asks
    return {
        [=](next_slices& req) -> caf::result<feed_chunk> {
          auto& s = self->state;
          auto max = std::max<std::uint32_t>(1, req.max);
          if (s.pending)
            return caf::make_error(caf::sec::runtime_error,
                                   "feed " + s.source->name() + ": a request is already pending");
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
          read_some(s, want);
          if (s.pending && can_answer(s, s.pending->max)) {
            auto pending = std::move(*s.pending);
            s.pending.reset();
            auto reply = answer(s, pending.max);
            if (auto* err = std::get_if<caf::error>(&reply))
              pending.promise.deliver(std::move(*err));
            else
              pending.promise.deliver(std::move(std::get<feed_chunk>(reply)));
          }
          schedule(self);
        },
        [=](get_runtime_info) { return participant<int>::runtime(self); },
    };
  }, options);
  return caf::actor_cast<feed_actor>(impl);
}

} // namespace bourse
