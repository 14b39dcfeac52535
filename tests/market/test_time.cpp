// Shows how the core time helpers parse and print timestamps: ISO-8601 forms and refusals, epoch
// unit detection and conversion, formatting and the round trip between them. Expected values were
// computed with Python's datetime.
#include <doctest/doctest.h>

#include <limits>

#include "bourse/core/time.hpp"

using namespace bourse;

namespace {
constexpr timestamp s(std::int64_t seconds) {
  return seconds * ns_per_second;
}
constexpr std::int64_t jan2 = 1704153600; // 2024-01-02T00:00:00Z
} // namespace

TEST_CASE("parse_iso8601 reads dates, times, fractions and offsets") {
  SUBCASE("date only is midnight UTC") {
    CHECK(parse_iso8601("2024-01-02") == s(jan2));
    CHECK(parse_iso8601("1970-01-01") == 0);
    CHECK(parse_iso8601("2000-03-01") == s(11017 * 86400LL));
  }
  SUBCASE("T, t or space between date and time; seconds optional") {
    CHECK(parse_iso8601("2024-01-02T09:30:00") == s(jan2 + 34200));
    CHECK(parse_iso8601("2024-01-02t09:30:00") == s(jan2 + 34200));
    CHECK(parse_iso8601("2024-01-02 09:30:00") == s(jan2 + 34200));
    CHECK(parse_iso8601("2024-01-02T09:30") == s(jan2 + 34200));
  }
  SUBCASE("fractions of 1 to 9 digits, after a dot or a comma; further digits are cut") {
    CHECK(parse_iso8601("2024-01-02T00:00:00.5") == s(jan2) + 500'000'000);
    CHECK(parse_iso8601("2024-01-02T00:00:00,25") == s(jan2) + 250'000'000);
    CHECK(parse_iso8601("2024-01-02T00:00:00.000001") == s(jan2) + 1'000);
    CHECK(parse_iso8601("2024-01-02T00:00:00.123456789") == s(jan2) + 123'456'789);
    CHECK(parse_iso8601("2024-01-02T00:00:00.1234567899") == s(jan2) + 123'456'789);
  }
  SUBCASE("Z, z and numeric offsets; no offset means UTC") {
    CHECK(parse_iso8601("2024-01-02T09:30:00Z") == s(jan2 + 34200));
    CHECK(parse_iso8601("2024-01-02T09:30:00z") == s(jan2 + 34200));
    CHECK(parse_iso8601("2024-01-02T09:30:00+01:00") == s(jan2 + 34200 - 3600));
    CHECK(parse_iso8601("2024-01-02T09:30:00+0130") == s(jan2 + 34200 - 5400));
    CHECK(parse_iso8601("2024-01-02T09:30:00+01") == s(jan2 + 34200 - 3600));
    CHECK(parse_iso8601("2024-01-02T09:30:00-05:00") == s(jan2 + 34200 + 18000));
    CHECK(parse_iso8601("2024-01-02T01:00:00.5+02:00") == s(jan2 - 3600) + 500'000'000);
  }
  SUBCASE("leap days, times before 1970 and surrounding spaces") {
    CHECK(parse_iso8601("2024-02-29T12:00:00") == s(1709208000));
    CHECK(parse_iso8601("2000-02-29") == s(951782400));
    CHECK(parse_iso8601("1969-12-31T23:59:59") == s(-1));
    CHECK(parse_iso8601("1900-01-01") == s(-2208988800LL));
    CHECK(parse_iso8601("  2024-01-02 \r") == s(jan2));
  }
  SUBCASE("a leap second 60 is accepted and lands on the next minute") {
    CHECK(parse_iso8601("2024-01-01T23:59:60Z") == s(jan2));
  }
}

TEST_CASE("parse_iso8601 refuses malformed or impossible times") {
  for (const char* text : {"",
                           "2024",
                           "2024-01",
                           "2024-1-02",
                           "2024/01/02",
                           "24-01-02",
                           "2024-13-01",
                           "2024-00-10",
                           "2024-01-00",
                           "2024-01-32",
                           "2023-02-29",
                           "1900-02-29",
                           "2024-04-31",
                           "2024-01-02T",
                           "2024-01-02T9:30",
                           "2024-01-02T24:00:00",
                           "2024-01-02T10:60:00",
                           "2024-01-02T10:00:61",
                           "2024-01-02T10:00:00.",
                           "2024-01-02T10:00:00+",
                           "2024-01-02T10:00:00+24:00",
                           "2024-01-02T10:00:00+01:60",
                           "2024-01-02T10:00:00 junk",
                           "2024-01-02Z",
                           "2024-01-02x",
                           "x2024-01-02"}) {
    CAPTURE(text);
    CHECK_FALSE(parse_iso8601(text).has_value());
  }
}

TEST_CASE("parse_iso8601 refuses times outside the int64 nanosecond range") {
  CHECK(parse_iso8601("2262-04-11T23:47:16.854775807Z") == std::numeric_limits<timestamp>::max());
  CHECK_FALSE(parse_iso8601("2262-04-11T23:47:16.854775808Z").has_value());
  CHECK_FALSE(parse_iso8601("9999-12-31").has_value());
  CHECK(parse_iso8601("1677-09-21T00:12:43.145224192Z") == std::numeric_limits<timestamp>::min());
  CHECK_FALSE(parse_iso8601("1677-09-21T00:12:43.145224191Z").has_value());
  CHECK_FALSE(parse_iso8601("0000-01-01").has_value());
}

TEST_CASE("detect_epoch_unit judges the unit by magnitude") {
  CHECK(detect_epoch_unit(0) == epoch_unit::seconds);
  CHECK(detect_epoch_unit(jan2) == epoch_unit::seconds);
  CHECK(detect_epoch_unit(99'999'999'999LL) == epoch_unit::seconds);
  CHECK(detect_epoch_unit(100'000'000'000LL) == epoch_unit::milliseconds);
  CHECK(detect_epoch_unit(jan2 * 1000) == epoch_unit::milliseconds);
  CHECK(detect_epoch_unit(99'999'999'999'999LL) == epoch_unit::milliseconds);
  CHECK(detect_epoch_unit(100'000'000'000'000LL) == epoch_unit::microseconds);
  CHECK(detect_epoch_unit(jan2 * 1'000'000) == epoch_unit::microseconds);
  CHECK(detect_epoch_unit(100'000'000'000'000'000LL) == epoch_unit::nanoseconds);
  CHECK(detect_epoch_unit(jan2 * 1'000'000'000) == epoch_unit::nanoseconds);
  CHECK(detect_epoch_unit(-jan2) == epoch_unit::seconds);
  CHECK(detect_epoch_unit(-jan2 * 1000) == epoch_unit::milliseconds);
  CHECK(detect_epoch_unit(std::numeric_limits<std::int64_t>::max()) == epoch_unit::nanoseconds);
  CHECK(detect_epoch_unit(std::numeric_limits<std::int64_t>::min()) == epoch_unit::nanoseconds);
}

TEST_CASE("epoch_to_ns scales by the unit and refuses overflow and detect") {
  CHECK(epoch_to_ns(jan2, epoch_unit::seconds) == s(jan2));
  CHECK(epoch_to_ns(jan2 * 1000 + 7, epoch_unit::milliseconds) == s(jan2) + 7'000'000);
  CHECK(epoch_to_ns(-5, epoch_unit::microseconds) == -5'000);
  CHECK(epoch_to_ns(42, epoch_unit::nanoseconds) == 42);
  CHECK(epoch_to_ns(9'223'372'036LL, epoch_unit::seconds) == 9'223'372'036'000'000'000LL);
  CHECK_FALSE(epoch_to_ns(9'223'372'037LL, epoch_unit::seconds).has_value());
  CHECK_FALSE(epoch_to_ns(-9'223'372'037LL, epoch_unit::seconds).has_value());
  CHECK_FALSE(epoch_to_ns(1, epoch_unit::detect).has_value());
}

TEST_CASE("epoch units convert to and from text") {
  CHECK(to_string(epoch_unit::seconds) == "s");
  CHECK(to_string(epoch_unit::milliseconds) == "ms");
  CHECK(to_string(epoch_unit::microseconds) == "us");
  CHECK(to_string(epoch_unit::nanoseconds) == "ns");
  CHECK(to_string(epoch_unit::detect) == "detect");
  CHECK(epoch_unit_from_string("MS") == epoch_unit::milliseconds);
  CHECK(epoch_unit_from_string("auto") == epoch_unit::detect);
  CHECK(epoch_unit_from_string("ns") == epoch_unit::nanoseconds);
  CHECK_FALSE(epoch_unit_from_string("minutes").has_value());
}

TEST_CASE("format_iso8601 prints UTC with a trimmed fraction") {
  CHECK(format_iso8601(0) == "1970-01-01T00:00:00Z");
  CHECK(format_iso8601(s(jan2 + 34200)) == "2024-01-02T09:30:00Z");
  CHECK(format_iso8601(s(jan2) + 500'000'000) == "2024-01-02T00:00:00.5Z");
  CHECK(format_iso8601(s(jan2) + 123'456'789) == "2024-01-02T00:00:00.123456789Z");
  CHECK(format_iso8601(s(jan2) + 1'000) == "2024-01-02T00:00:00.000001Z");
  CHECK(format_iso8601(-1) == "1969-12-31T23:59:59.999999999Z");
  CHECK(format_iso8601(s(1709208000)) == "2024-02-29T12:00:00Z");
  CHECK(format_iso8601(std::numeric_limits<timestamp>::max()) == "2262-04-11T23:47:16.854775807Z");
  CHECK(format_iso8601(std::numeric_limits<timestamp>::min()) == "1677-09-21T00:12:43.145224192Z");
}

TEST_CASE("format_iso8601 and parse_iso8601 round-trip") {
  for (timestamp ts :
       {timestamp{0}, timestamp{-1}, s(jan2) + 1, s(951782400) + 999'999'999, s(-2208988800LL) + 7,
        std::numeric_limits<timestamp>::max(), std::numeric_limits<timestamp>::min()}) {
    CAPTURE(ts);
    CHECK(parse_iso8601(format_iso8601(ts)) == ts);
  }
}

TEST_CASE("days_from_civil counts days from 1970-01-01") {
  CHECK(days_from_civil(1970, 1, 1) == 0);
  CHECK(days_from_civil(2000, 3, 1) == 11017);
  CHECK(days_from_civil(2024, 2, 29) == 19782);
  CHECK(days_from_civil(1600, 1, 1) == -135140);
}

TEST_CASE("parse_timestamp takes integer epochs in a unit or ISO-8601 text") {
  epoch_unit detected = epoch_unit::detect;
  CHECK(parse_timestamp("1704153600", epoch_unit::detect, &detected) == s(jan2));
  CHECK(detected == epoch_unit::seconds);
  CHECK(parse_timestamp("1704153600000", epoch_unit::detect, &detected) == s(jan2));
  CHECK(detected == epoch_unit::milliseconds);
  CHECK(parse_timestamp("1704153600", epoch_unit::milliseconds, &detected) == jan2 * 1'000'000);
  CHECK(detected == epoch_unit::milliseconds);
  detected = epoch_unit::detect;
  CHECK(parse_timestamp("2024-01-02", epoch_unit::seconds, &detected) == s(jan2));
  CHECK(detected == epoch_unit::detect); // unchanged for ISO-8601 text
  CHECK(parse_timestamp(" -60 ", epoch_unit::detect) == s(-60));
  CHECK_FALSE(parse_timestamp("", epoch_unit::detect).has_value());
  CHECK_FALSE(parse_timestamp("12abc", epoch_unit::detect).has_value());
  CHECK_FALSE(parse_timestamp("+5", epoch_unit::detect).has_value());
}
