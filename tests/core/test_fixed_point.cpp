// Shows that fixed-point prices, quantities and money parse, print, compare and compute exactly.
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>

#include "bourse/core/fixed_point.hpp"

using bourse::money;
using bourse::price;
using bourse::quantity;

TEST_CASE("decimal text parses to raw value and precision") {
  auto p = price::parse("101.25");
  REQUIRE(p);
  CHECK(p->raw() == 10125);
  CHECK(p->precision() == 2);
  CHECK(p->to_string() == "101.25");

  SUBCASE("integers, signs and leading dots") {
    CHECK(price::parse("7")->raw() == 7);
    CHECK(price::parse("7")->precision() == 0);
    CHECK(price::parse("-0.5")->raw() == -5);
    CHECK(price::parse("+3.10")->raw() == 310);
    CHECK(price::parse(".5")->to_string() == "0.5");
  }
  SUBCASE("more than nine decimals round half away from zero") {
    CHECK(price::parse("1.0000000005")->raw() == 1000000001);
    CHECK(price::parse("-1.0000000005")->raw() == -1000000001);
    CHECK(price::parse("1.0000000004")->raw() == 1000000000);
    CHECK(price::parse("1.0000000004")->precision() == 9);
  }
  SUBCASE("exponent notation keeps the shortest exact decimals") {
    CHECK(price::parse("1e3")->to_string() == "1000");
    CHECK(price::parse("1.5E-2")->to_string() == "0.015");
  }
  SUBCASE("garbage, NaN, infinity and overflow are refused") {
    CHECK_FALSE(price::parse(""));
    CHECK_FALSE(price::parse("-"));
    CHECK_FALSE(price::parse("abc"));
    CHECK_FALSE(price::parse("1.2.3"));
    CHECK_FALSE(price::parse("12x"));
    CHECK_FALSE(price::parse("nan"));
    CHECK_FALSE(price::parse("inf"));
    CHECK_FALSE(price::parse("1e400"));
    CHECK_FALSE(price::parse("99999999999999999999"));
  }
}

TEST_CASE("values compare exactly across precisions") {
  CHECK(*price::parse("1.5") == *price::parse("1.500"));
  CHECK(*price::parse("1.49") < *price::parse("1.5"));
  CHECK(*price::parse("-2") < *price::parse("-1.999999999"));
  CHECK(*price::parse("10") > *price::parse("9.99"));
  CHECK(price{} == price::from_raw(0, 5));
}

TEST_CASE("arithmetic keeps the larger precision and stays exact") {
  auto a = *price::parse("0.1");
  auto b = *price::parse("0.02");
  CHECK((a + b).to_string() == "0.12");
  CHECK((a - b).to_string() == "0.08");
  CHECK((b - a).to_string() == "-0.08");
  CHECK((a * 3).to_string() == "0.3");
  auto q = *quantity::parse("5");
  q += *quantity::parse("0.25");
  CHECK(q.to_string() == "5.25");
}

TEST_CASE("rescaling is exact or refused, rounding is half away from zero") {
  auto p = *price::parse("10.50");
  CHECK(p.rescaled(1)->to_string() == "10.5");
  CHECK(p.rescaled(4)->to_string() == "10.5000");
  CHECK_FALSE(price::parse("10.005")->rescaled(2));
  CHECK(price::parse("10.005")->rounded(2).to_string() == "10.01");
  CHECK(price::parse("-10.005")->rounded(2).to_string() == "-10.01");
  CHECK(price::parse("10.004")->rounded(2).to_string() == "10.00");
  CHECK_FALSE(price::from_raw(std::numeric_limits<std::int64_t>::max() / 2, 0).rescaled(9));
}

TEST_CASE("from_double rounds to the nearest raw value and refuses non-finite input") {
  CHECK(price::from_double(101.254, 2)->raw() == 10125);
  CHECK(price::from_double(-2.5, 0)->raw() == -3);
  CHECK(price::from_double(0.1 + 0.2, 2)->to_string() == "0.30");
  CHECK_FALSE(price::from_double(std::numeric_limits<double>::quiet_NaN(), 2));
  CHECK_FALSE(price::from_double(std::numeric_limits<double>::infinity(), 2));
  CHECK_FALSE(price::from_double(1e300, 2));
}

TEST_CASE("notional multiplies price by quantity exactly") {
  auto n = bourse::notional(*price::parse("101.25"), *quantity::parse("300"));
  REQUIRE(n);
  CHECK(n->to_string() == "30375.00");
  SUBCASE("combined precision beyond nine decimals rounds") {
    auto m = bourse::notional(*price::parse("0.123456789"), *quantity::parse("0.5"));
    REQUIRE(m);
    CHECK(m->to_string() == "0.061728395"); // 0.0617283945 rounded half away
  }
  SUBCASE("large values that still fit") {
    auto m = bourse::notional(*price::parse("65000.123456789"), *quantity::parse("2.5"));
    REQUIRE(m);
    CHECK(m->to_string() == "162500.308641973"); // 162500.3086419725 rounded
  }
  SUBCASE("overflow is reported") {
    CHECK_FALSE(bourse::notional(price::from_units(4'000'000'000LL), quantity::from_units(4'000'000'000LL)));
  }
}

TEST_CASE("formatting handles small, negative and extreme values") {
  CHECK(price::from_raw(5, 3).to_string() == "0.005");
  CHECK(price::from_raw(-5, 3).to_string() == "-0.005");
  CHECK(money::from_raw(std::numeric_limits<std::int64_t>::min(), 0).to_string() ==
        "-9223372036854775808");
}
