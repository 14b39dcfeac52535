// The token bucket: exact refill in units of 1/refill_period token.
#include "bourse/orders/token_bucket.hpp"

namespace bourse::orders {

token_bucket::token_bucket(rate_limit limit) noexcept
    : limit_(limit), level_(int128{limit.capacity} * limit.refill_period),
      capacity_(int128{limit.capacity} * limit.refill_period) {}

void token_bucket::refill(timestamp now) noexcept {
  if (!last_) {
    last_ = now;
    return;
  }
  if (now <= *last_)
    return; // time going backwards (or standing still) earns nothing
  const int128 elapsed = int128{now} - *last_;
  last_ = now;
  if (limit_.refill_tokens <= 0 || level_ >= capacity_)
    return;
  // Once elapsed covers the missing units the bucket is full; checking first keeps the product
  // below missing + refill_tokens, far from overflow.
  const int128 missing = capacity_ - level_;
  if (elapsed >= missing / limit_.refill_tokens + 1) {
    level_ = capacity_;
    return;
  }
  level_ += elapsed * limit_.refill_tokens;
  if (level_ > capacity_)
    level_ = capacity_;
}

std::int64_t token_bucket::tokens() const noexcept {
  if (limit_.refill_period <= 0)
    return 0;
  return static_cast<std::int64_t>(level_ / limit_.refill_period);
}

bool token_bucket::try_take() noexcept {
  if (limit_.refill_period <= 0 || level_ < limit_.refill_period)
    return false;
  level_ -= limit_.refill_period;
  return true;
}

duration_ns token_bucket::time_to_next_token() const noexcept {
  if (level_ >= limit_.refill_period)
    return 0;
  if (limit_.refill_tokens <= 0)
    return -1;
  const int128 missing = limit_.refill_period - level_;
  return static_cast<duration_ns>((missing + limit_.refill_tokens - 1) / limit_.refill_tokens);
}

} // namespace bourse::orders
