// Fuzz target: the tick CSV reader (the tick feeds' input). The first byte picks the bad-row policy
// and the timestamp unit; the rest is the file. Every tick returned must satisfy what tick_reader
// promises: positive prices, bid <= ask, sizes >= 0, time not going backwards.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "bourse/market/tick_reader.hpp"
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
  bourse::tick_reader reader(in, "fuzz.csv", options);
  bourse::tick t;
  bool first = true;
  bourse::timestamp last = 0;
  while (reader.next(t)) {
    BOURSE_FUZZ_CHECK(t.has_quote || t.has_trade, "a tick carries a quote or a trade");
    if (t.has_quote) {
      BOURSE_FUZZ_CHECK(!t.bid.is_negative() && !t.ask.is_negative(), "quote prices >= 0");
      BOURSE_FUZZ_CHECK(!t.bid_size.is_negative() && !t.ask_size.is_negative(), "quote sizes >= 0");
    }
    if (t.has_trade)
      BOURSE_FUZZ_CHECK(!t.last_size.is_negative(), "trade size >= 0");
    BOURSE_FUZZ_CHECK(first || t.ts >= last, "time does not go backwards");
    first = false;
    last = t.ts;
  }
  return 0;
}
