#pragma once
// Stub builders shared by the report tests: fixed-point values from text, fills, and equity curves
// with daily or fixed-step timestamps.

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "bourse/core/fixed_point.hpp"
#include "bourse/core/time.hpp"
#include "bourse/report/records.hpp"

namespace report_kit {

using namespace bourse;
using namespace bourse::report;

/// Returns a timestamp parsed from ISO-8601 text (the test fails on bad text).
inline timestamp at(std::string_view iso) {
  auto ts = parse_iso8601(iso);
  REQUIRE(ts);
  return *ts;
}

/// Returns a price parsed from text.
inline price px(std::string_view text) {
  auto v = price::parse(text);
  REQUIRE(v);
  return *v;
}

/// Returns a quantity parsed from text.
inline quantity qty(std::string_view text) {
  auto v = quantity::parse(text);
  REQUIRE(v);
  return *v;
}

/// Returns an amount of money parsed from text.
inline money cash(std::string_view text) {
  auto v = money::parse(text);
  REQUIRE(v);
  return *v;
}

/// Returns a fill of strategy "s" in symbol "X" unless named otherwise.
inline fill_record fill(timestamp ts, side s, std::string_view price_text,
                        std::string_view qty_text, std::string_view fee_text = "0",
                        std::string strategy = "s", std::string symbol = "X",
                        std::string order_id = "1") {
  return fill_record{ts,
                     std::move(strategy),
                     std::move(symbol),
                     s,
                     px(price_text),
                     qty(qty_text),
                     std::move(order_id),
                     cash(fee_text)};
}

/// Returns a curve with one sample per `step` from `start`, one per value.
inline equity_curve curve_every(timestamp start, duration_ns step,
                                const std::vector<double>& values) {
  equity_curve curve;
  for (std::size_t i = 0; i < values.size(); ++i)
    curve.push_back({start + static_cast<timestamp>(i) * step, values[i]});
  return curve;
}

/// Returns a curve with one sample per weekday (Saturdays and Sundays skipped) from `start`.
inline equity_curve curve_weekdays(timestamp start, const std::vector<double>& values) {
  equity_curve curve;
  timestamp ts = start;
  for (double value : values) {
    // 1970-01-01 was a Thursday: day index % 7 is 2 on Saturdays and 3 on Sundays.
    while ((ts / ns_per_day) % 7 == 2 || (ts / ns_per_day) % 7 == 3)
      ts += ns_per_day;
    curve.push_back({ts, value});
    ts += ns_per_day;
  }
  return curve;
}

} // namespace report_kit
