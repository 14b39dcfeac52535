// Fuzz target: the scalar parsers behind options and config values: durations ("1h30m"),
// decimals (prices, quantities, money), timestamps (integer epochs and ISO-8601), indicator specs
// ("bbands:20:2"), strategy parameters ("fast=10,slow=30") and the strict numbers of the tools'
// options. The whole input is one text; every parser sees it. Round trips must hold: a parsed
// duration formats to text that parses back to it, a parsed decimal formats and parses back.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "bourse/core/duration.hpp"
#include "bourse/core/fixed_point.hpp"
#include "bourse/core/numbers.hpp"
#include "bourse/core/time.hpp"
#include "bourse/indicators/spec.hpp"
#include "bourse/strategy/examples/sma_cross.hpp"
#include "bourse/strategy/params.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  if (auto d = bourse::parse_duration(text)) {
    auto back = bourse::parse_duration(bourse::format_duration(*d));
    BOURSE_FUZZ_CHECK(back && *back == *d, "format_duration reads back");
  }
  if (auto p = bourse::price::parse(text)) {
    auto back = bourse::price::parse(p->to_string());
    BOURSE_FUZZ_CHECK(back && back->raw() == p->raw(), "a decimal formats and reads back");
  }
  (void)bourse::quantity::parse(text);
  (void)bourse::money::parse(text);
  (void)bourse::parse_iso8601(text);
  for (auto unit :
       {bourse::epoch_unit::detect, bourse::epoch_unit::seconds, bourse::epoch_unit::nanoseconds})
    (void)bourse::parse_timestamp(text, unit);
  (void)bourse::epoch_unit_from_string(text);
  (void)bourse::indicators::parse_indicator_spec(text);
  (void)bourse::parse_params<bourse::sma_cross_params>("sma_cross", text);

  if (auto n = bourse::parse_whole_number(text, 1, 256))
    BOURSE_FUZZ_CHECK(*n >= 1 && *n <= 256, "a whole number is in range");
  if (auto x = bourse::parse_plain_number(text, -1e6, 1e6))
    BOURSE_FUZZ_CHECK(*x >= -1e6 && *x <= 1e6, "a plain number is in range");
  return 0;
}
