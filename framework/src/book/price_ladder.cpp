// Construction of one side's price ladder.
#include "bourse/book/price_ladder.hpp"

namespace bourse::book::detail {

price_ladder::price_ladder(bourse::side side, std::size_t capacity)
    : bids_(side == bourse::side::buy) {
  levels_.reserve(capacity);
}

} // namespace bourse::book::detail
