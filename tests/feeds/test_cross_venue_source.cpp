// Shows that the streamed cross-venue tick set (cross_venue_source, generated lazily one slice at a
// time) gives exactly the slices of the eager cross_venue_slices for several seeds and sizes (odd
// sizes end on a slice with one venue), generates only as far as it is read, and that a slice feed
// over it serves the same slices whatever the chunk size, read-ahead and step size, across chunk
// boundaries. Runs the feed on the deterministic test scheduler.
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "bourse/market/cross_venue_source.hpp"
#include "feed_test_kit.hpp"
#include "bourse/actors/market_data/memory_feed.hpp"
#include "bourse/actors/market_data/slice_feed.hpp"

using namespace bourse;
using namespace bourse::testing;

namespace {

// Every slice of the source, as protocol slices.
std::vector<market_slice> stream_all(std::uint64_t seed, std::uint64_t ticks) {
  cross_venue_source source(demo_cross_venue(seed, ticks));
  std::vector<market_slice> out;
  data_slice s;
  while (source.next(s))
    out.push_back(to_market_slice(std::move(s)));
  CHECK(source.records() == ticks);
  CHECK(source.progress() == 1.0);
  CHECK(!source.error());
  return out;
}

// Returns how many quotes the slices hold.
std::size_t quotes_in(const std::vector<market_slice>& slices) {
  std::size_t n = 0;
  for (const auto& s : slices)
    n += s.quotes.size();
  return n;
}

} // namespace

TEST_CASE("the cross-venue source streams the slices of cross_venue_slices") {
  for (std::uint64_t seed : {1ULL, 7ULL, 42ULL}) {
    for (std::uint64_t ticks : {0ULL, 1ULL, 2ULL, 3ULL, 1001ULL, 20000ULL}) {
      CAPTURE(seed);
      CAPTURE(ticks);
      auto expected = cross_venue_slices(seed, ticks);
      auto streamed = stream_all(seed, ticks);
      REQUIRE(streamed.size() == expected.size());
      CHECK(quotes_in(streamed) == ticks);
      for (std::size_t i = 0; i < expected.size(); ++i) {
        CAPTURE(i);
        CHECK(streamed[i].ts_event == expected[i].ts_event);
        CHECK(streamed[i].ts_init == expected[i].ts_init);
        REQUIRE(caf::deep_to_string(streamed[i]) == caf::deep_to_string(expected[i]));
      }
      if (ticks % 2 == 1)
        CHECK(streamed.back().quotes.size() == 1); // the last common tick reached one venue only
    }
  }
}

TEST_CASE("the cross-venue source generates only as far as it is read") {
  cross_venue_source source(demo_cross_venue(42, 1'000'000));
  data_slice s;
  REQUIRE(source.next(s));
  CHECK(s.quotes.size() == 2);
  CHECK(s.quotes[0].symbol == "ETH.A");
  CHECK(s.quotes[1].symbol == "ETH.B");
  // The first quote of the next slice was needed to see that this one was complete.
  CHECK(source.records() == 3);
  CHECK(source.progress() < 0.001);
}

TEST_CASE("the demo's cross-venue configuration validates and another seed gives other data") {
  CHECK(demo_cross_venue(42, 10).validate().empty());
  auto bad = demo_cross_venue(42, 10);
  bad.generator.venues.clear();
  CHECK(!bad.validate().empty());
  CHECK(caf::deep_to_string(stream_all(42, 100)) != caf::deep_to_string(stream_all(43, 100)));
}

TEST_CASE_FIXTURE(coordinator_fixture,
                  "a slice feed over the cross-venue source serves the same slices in any chunking") {
  const std::uint64_t ticks = 5001;
  auto expected = cross_venue_slices(42, ticks);
  struct chunking {
    std::uint32_t max;
    std::uint32_t read_ahead;
    std::uint32_t step_records;
  };
  for (auto c : {chunking{1, 1, 1}, chunking{7, 5, 3}, chunking{64, 256, 4096},
                 chunking{1000, 2, 17}, chunking{4096, 256, 4096}}) {
    CAPTURE(c.max);
    CAPTURE(c.read_ahead);
    CAPTURE(c.step_records);
    feed_options options;
    options.read_ahead = c.read_ahead;
    options.step_records = c.step_records;
    auto feed = spawn_slice_feed(
        sys, std::make_unique<cross_venue_source>(demo_cross_venue(42, ticks)), options);
    run();
    std::vector<market_slice> served;
    feed_chunk chunk;
    std::size_t chunks = 0;
    double last_progress = 0;
    while (!chunk.finished && chunks < 100'000) {
      chunk = chunk_of(ask(*this, feed, c.max));
      ++chunks;
      CHECK(chunk.slices.size() <= c.max);
      CHECK(chunk.progress >= last_progress);
      last_progress = chunk.progress;
      for (auto& s : chunk.slices)
        served.push_back(std::move(s));
    }
    CHECK(chunk.progress == 1.0);
    REQUIRE(served.size() == expected.size());
    CHECK(caf::deep_to_string(served) == caf::deep_to_string(expected));
  }
}
