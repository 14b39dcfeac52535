// restart_policy and restart_budget: the waits grow as configured and the budget runs out.
#include <doctest/doctest.h>

#include "bourse/core/restart_policy.hpp"

using namespace bourse;

TEST_CASE("restart_policy delays grow by the multiplier up to the cap") {
  restart_policy p;
  p.max_restarts = 5;
  p.backoff = 100;
  p.multiplier = 3.0;
  p.max_backoff = 1000;
  CHECK(p.validate().empty());
  CHECK(p.delay(1) == 100);
  CHECK(p.delay(2) == 300);
  CHECK(p.delay(3) == 900);
  CHECK(p.delay(4) == 1000);
  CHECK(p.delay(4000) == 1000);
  p.multiplier = 1.0;
  CHECK(p.delay(7) == 100);
}

TEST_CASE("restart_policy is off by default and validates its fields") {
  restart_policy p;
  CHECK_FALSE(p.enabled());
  CHECK(p.validate().empty());
  p.backoff = -1;
  p.multiplier = 0.5;
  auto problems = p.validate();
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].rfind("backoff:", 0) == 0);
  CHECK(problems[1].rfind("multiplier:", 0) == 0);
  p = restart_policy{};
  p.backoff = 10 * ns_per_second;
  p.max_backoff = ns_per_second;
  REQUIRE(p.validate().size() == 1);
  CHECK(p.validate()[0].find("max_backoff: must be at least backoff (10s, got 1s)") == 0);
}

TEST_CASE("restart_budget grants max_restarts restarts then refuses") {
  restart_policy p;
  p.max_restarts = 2;
  p.backoff = 10;
  p.multiplier = 2.0;
  p.max_backoff = 1'000;
  restart_budget b{p};
  CHECK(b.failed(1'000) == 1'010);
  CHECK(b.restarts() == 1);
  CHECK(b.failed(2'000) == 2'020);
  CHECK(b.failed(3'000) == -1);
  CHECK(b.restarts() == 2);
  restart_budget never;
  CHECK(never.failed(5) == -1);
}

TEST_CASE("restart_budget does not overflow near the end of time") {
  restart_policy p;
  p.max_restarts = 1;
  p.backoff = ns_per_second;
  restart_budget b{p};
  CHECK(b.failed(INT64_MAX - 5) == INT64_MAX);
}
