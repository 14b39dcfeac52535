// Fuzz target: the bar CSV reader (bourse-ta's and the bar feeds' input). The first byte picks the
// bad-row policy and the timestamp unit; the rest is the file. Every bar returned must satisfy what
// bar_reader promises: positive prices, low <= open/close <= high, volume >= 0, strictly increasing
// timestamps.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "bourse/market/bar_reader.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0)
    return 0;
  bourse::csv_options options;
  options.on_bad_row = (data[0] & 1) ? bourse::bad_row_policy::skip : bourse::bad_row_policy::stop;
  const bourse::epoch_unit units[] = {
      bourse::epoch_unit::detect, bourse::epoch_unit::seconds, bourse::epoch_unit::milliseconds,
      bourse::epoch_unit::microseconds, bourse::epoch_unit::nanoseconds};
  options.ts_unit = units[(data[0] >> 1) % 5];
  std::istringstream in(std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
  bourse::bar_reader reader(in, "fuzz.csv", options);
  bourse::bar b;
  bool first = true;
  bourse::timestamp last = 0;
  while (reader.next(b)) {
    BOURSE_FUZZ_CHECK(b.open.is_positive() && b.high.is_positive() && b.low.is_positive() &&
                          b.close.is_positive(),
                      "bar prices are positive");
    BOURSE_FUZZ_CHECK(b.low <= b.open && b.low <= b.close && b.open <= b.high && b.close <= b.high,
                      "low <= open/close <= high");
    BOURSE_FUZZ_CHECK(!b.volume.is_negative(), "volume is not negative");
    BOURSE_FUZZ_CHECK(first || b.ts > last, "timestamps strictly increase");
    first = false;
    last = b.ts;
  }
  return 0;
}
