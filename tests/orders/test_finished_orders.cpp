// Shows the compact record of finished orders: what is kept of each order, the one-byte codes of
// dense composed ids and the map for everything else (ids far apart, many distinct owners).
#include <doctest/doctest.h>

#include <string>

#include "bourse/orders/finished_orders.hpp"
#include "bourse/strategy/order_ids.hpp"

using bourse::compose_order_id;
using bourse::orders::finished_orders;

TEST_CASE("a finished order is found with its owner, account, symbol and tag") {
  finished_orders f;
  CHECK_FALSE(f.find(1).has_value());
  f.add(1, 7, 70, "AAPL", 4);
  f.add(compose_order_id(3, 12), 3, 30, "ETH.B", 6);
  REQUIRE(f.find(1).has_value());
  CHECK(f.find(1)->strategy == 7);
  CHECK(f.find(1)->account == 70);
  CHECK(f.find(1)->symbol == "AAPL");
  CHECK(f.find(1)->tag == 4);
  CHECK(f.find(compose_order_id(3, 12))->symbol == "ETH.B");
  CHECK_FALSE(f.contains(2));
  CHECK_FALSE(f.contains(compose_order_id(3, 11)));
  CHECK_FALSE(f.contains(compose_order_id(4, 12)));
  CHECK(f.size() == 2);
  SUBCASE("recording an id again overwrites it") {
    f.add(1, 7, 70, "AAPL", 6);
    CHECK(f.size() == 2);
    CHECK(f.find(1)->tag == 6);
  }
}

TEST_CASE("ids out of order, far apart or with many owners are all kept") {
  finished_orders f;
  // Out of order within a run, below the run's start (the map), far beyond it (the map).
  f.add(compose_order_id(1, 5000), 1, 1, "A", 0);
  f.add(compose_order_id(1, 4999), 1, 1, "B", 1);
  f.add(compose_order_id(1, 3), 1, 1, "A", 2);
  f.add(compose_order_id(1, 1'000'000'000), 1, 1, "A", 3);
  CHECK(f.find(compose_order_id(1, 4999))->symbol == "B");
  CHECK(f.find(compose_order_id(1, 3))->tag == 2);
  CHECK(f.find(compose_order_id(1, 1'000'000'000))->tag == 3);
  CHECK_FALSE(f.contains(compose_order_id(1, 4998)));
  // More than 255 distinct (strategy, account, symbol, tag): the rest go to the map.
  for (std::uint32_t i = 0; i < 600; ++i)
    f.add(compose_order_id(2, i), 2, i, "S" + std::to_string(i), 0);
  for (std::uint32_t i = 0; i < 600; ++i) {
    auto o = f.find(compose_order_id(2, i));
    REQUIRE(o.has_value());
    CHECK(o->account == i);
    CHECK(o->symbol == "S" + std::to_string(i));
  }
  CHECK(f.size() == 604);
  SUBCASE("an id moved from a run to the map is counted once") {
    f.add(compose_order_id(1, 5000), 9, 9, "X", 0);
    for (std::uint32_t i = 0; i < 300; ++i) // the 255 codes are used up: the next goes to the map
      f.add(compose_order_id(1, 5000), 9, i, "X", 0);
    CHECK(f.size() == 604);
    CHECK(f.find(compose_order_id(1, 5000))->account == 299);
  }
}

TEST_CASE("a million dense finished orders cost about a byte each") {
  finished_orders f;
  for (std::uint64_t seq = 1; seq <= 1'000'000; ++seq)
    f.add(compose_order_id(1, seq), 1, 1, seq % 2 ? "ETH.A" : "ETH.B",
          static_cast<std::uint8_t>(seq % 3));
  CHECK(f.size() == 1'000'000);
  CHECK(f.memory_bytes() < 1'200'000);
  CHECK(f.find(compose_order_id(1, 777'777))->symbol == "ETH.A");
  CHECK(f.find(compose_order_id(1, 777'777))->tag == 777'777 % 3);
}
