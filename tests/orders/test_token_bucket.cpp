// Shows the token bucket behind the order rate limit: it starts full, empties one token per order,
// refills exactly with the time passed in (no drift), caps at its capacity, and ignores time that
// goes backwards.
#include <doctest/doctest.h>

#include "bourse/orders/token_bucket.hpp"

using bourse::orders::rate_limit;
using bourse::orders::token_bucket;

TEST_CASE("a bucket gives its capacity in a burst, then one token per refill interval") {
  // 3 tokens, 1 token per 100 ms.
  token_bucket bucket(rate_limit{3, 1, 100'000'000});
  CHECK(bucket.try_take(0));
  CHECK(bucket.try_take(0));
  CHECK(bucket.try_take(0));
  CHECK_FALSE(bucket.try_take(0));
  CHECK(bucket.time_to_next_token() == 100'000'000);

  // 1 ns before the interval the token is not there yet: 99,999,999 of 100,000,000 units.
  CHECK_FALSE(bucket.try_take(99'999'999));
  CHECK(bucket.time_to_next_token() == 1);
  CHECK(bucket.try_take(100'000'000));
  CHECK_FALSE(bucket.try_take(100'000'000));

  SUBCASE("a long pause refills only up to the capacity") {
    bucket.refill(1'000'000'000'000);
    CHECK(bucket.tokens() == 3);
  }
  SUBCASE("time going backwards earns nothing and does not move the clock back") {
    bucket.refill(50'000'000);
    CHECK(bucket.tokens() == 0);
    // Measured from 100 ms (the latest time seen, not 50 ms), 150 ms brings half a token and
    // 200 ms exactly one.
    bucket.refill(150'000'000);
    CHECK(bucket.tokens() == 0);
    bucket.refill(200'000'000);
    CHECK(bucket.tokens() == 1);
  }
}

TEST_CASE("fractional refill rates are exact") {
  // 3 tokens per second: one every 333,333,333.33 ns.
  token_bucket bucket(rate_limit{1, 3, 1'000'000'000});
  CHECK(bucket.try_take(0));
  // After 333,333,333 ns: 333,333,333 * 3 = 999,999,999 units, one short of a token.
  CHECK_FALSE(bucket.try_take(333'333'333));
  // One more ns: 1,000,000,002 units.
  CHECK(bucket.try_take(333'333'334));

  SUBCASE("a full second earns exactly three tokens however it is sliced") {
    token_bucket big(rate_limit{10, 3, 1'000'000'000});
    for (int i = 0; i < 10; ++i)
      REQUIRE(big.try_take(0));
    for (bourse::timestamp t = 1; t <= 1'000'000'000; t += 7'000'001)
      big.refill(t);
    big.refill(1'000'000'000);
    CHECK(big.tokens() == 3);
  }
}

TEST_CASE("epoch-sized timestamps and extreme rates do not overflow") {
  const bourse::timestamp start = 1'700'000'000'000'000'000; // 2023 in ns
  token_bucket bucket(rate_limit{2, 1, 1'000'000'000});
  CHECK(bucket.try_take(start));
  CHECK(bucket.try_take(start));
  CHECK_FALSE(bucket.try_take(start + 999'999'999));
  CHECK(bucket.try_take(start + 1'000'000'000));

  token_bucket extreme(
      rate_limit{1'000'000'000, 9'000'000'000'000'000'000, 9'000'000'000'000'000'000});
  CHECK(extreme.tokens() == 1'000'000'000);
  CHECK(extreme.try_take(-9'000'000'000'000'000'000));
  CHECK(extreme.tokens() == 999'999'999);
  extreme.refill(9'000'000'000'000'000'000);
  CHECK(extreme.tokens() == 1'000'000'000); // full again after 1.8e19 ns
}
