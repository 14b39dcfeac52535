// Shows that a latency_report (the reply to get_latency) survives CAF's binary serialization, as it
// must to reach a remote builder: the buckets, count, min, max and mean come back unchanged.
#include <doctest/doctest.h>

#include <vector>

#include <caf/all.hpp>
#include <caf/binary_deserializer.hpp>
#include <caf/binary_serializer.hpp>

#include "bourse/protocol/all.hpp"

using namespace bourse;

TEST_CASE("a latency report survives CAF serialization") {
  caf::actor_system_config cfg;
  register_protocol_types(cfg);
  caf::actor_system sys{cfg};
  latency_report in;
  for (std::int64_t v = 0; v < 200'000; v += 997)
    in.histogram.record(v);
  in.histogram.record(5'000'000'000); // 5 s, far up the buckets
  std::vector<char> buf;
  caf::binary_serializer sink{sys, buf};
  REQUIRE_FALSE(sink(in));
  latency_report out;
  caf::binary_deserializer source{sys, buf};
  REQUIRE_FALSE(source(out));
  CHECK(out.histogram.count() == in.histogram.count());
  CHECK(out.histogram.min() == in.histogram.min());
  CHECK(out.histogram.max() == 5'000'000'000);
  CHECK(out.histogram.mean() == doctest::Approx(in.histogram.mean()));
  for (double p : {50.0, 90.0, 99.0, 99.9, 100.0})
    CHECK(out.histogram.percentile(p) == in.histogram.percentile(p));

  SUBCASE("an empty report stays empty") {
    std::vector<char> empty_buf;
    caf::binary_serializer empty_sink{sys, empty_buf};
    latency_report none;
    REQUIRE_FALSE(empty_sink(none));
    latency_report back;
    back.histogram.record(7); // overwritten by the load
    caf::binary_deserializer empty_source{sys, empty_buf};
    REQUIRE_FALSE(empty_source(back));
    CHECK(back.histogram.empty());
  }
}
