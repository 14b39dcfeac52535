// Fuzz target: bourse-book's order command CSV (op,id,side,type,price,qty,tif,stop_price) replayed
// through the matching engine. The first byte picks the instrument's tick and lot; the rest is the
// file. A malformed row must end the replay with an error, never a crash or a sanitizer report.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "bourse/core/instrument.hpp"
#include "fuzz_check.hpp"
#include "replay.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0)
    return 0;
  const char* const ticks[] = {"0.01", "1", "0.00001", "0.25"};
  const char* const lots[] = {"1", "0.001", "100", "1000"};
  auto instr = bourse::instrument::make("BOOK", ticks[data[0] & 3], lots[(data[0] >> 2) & 3]);
  BOURSE_FUZZ_CHECK(instr.has_value(), "the fuzz instruments are valid");
  std::istringstream in(std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
  std::ostringstream out;
  bourse_book::replay replay(*instr, out);
  auto error = replay.run(in, "fuzz.csv");
  if (!error)
    replay.print_book();
  return 0;
}
