// Fuzz target: the overflow rule of pre-trade risk (check_overflow) against the books it protects.
// The input is an instrument's price and quantity precisions (first byte) and up to six orders
// (side, quantity raw, price raw; 17 bytes each). An order check_overflow lets through, filled
// whole at its price, must be booked by the portfolio without an overflow: the rule's headroom
// covers cash, cost basis and realised PnL for that many fills. Refused orders are not booked.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>

#include "bourse/orders/exposure.hpp"
#include "bourse/orders/order.hpp"
#include "bourse/orders/portfolio.hpp"
#include "bourse/orders/risk_rules.hpp"
#include "fuzz_check.hpp"

namespace {

std::int64_t read_i64(const std::uint8_t* data) {
  std::int64_t v = 0;
  std::memcpy(&v, data, sizeof v);
  return v;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace bourse;
  using namespace bourse::orders;
  if (size < 1)
    return 0;
  const int price_precision = data[0] % 5;
  const int quantity_precision = (data[0] / 5) % 5;
  portfolio book;
  const owner_ref owner{owner_kind::strategy, 7};
  std::size_t booked = 0;
  for (std::size_t at = 1; at + 17 <= size && booked < 6; at += 17) {
    const side s = (data[at] & 1) ? side::sell : side::buy;
    const std::int64_t q = read_i64(data + at + 1);
    const std::int64_t p = read_i64(data + at + 9);
    if (q <= 0 || p <= 0)
      continue;
    const quantity qty = quantity::from_raw(q, quantity_precision);
    const price px = price::from_raw(p, price_precision);
    const order o = make_limit_order(static_cast<order_id>(at), 7, 70, "FUZZ", s, qty, px, 0);
    exposure current;
    if (const position* held = book.find("FUZZ"))
      current.position = held->net();
    if (check_overflow(o, std::nullopt, current, owner))
      continue; // refused: never booked
    auto problem = book.apply_fill("FUZZ", s, qty, px);
    BOURSE_FUZZ_CHECK(!problem, "an order the overflow rule accepts books without overflow");
    ++booked;
    (void)book.totals();
  }
  return 0;
}
