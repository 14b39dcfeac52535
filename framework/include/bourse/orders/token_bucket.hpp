#pragma once
// A token bucket for order rate limits, in exact integer arithmetic with time as an input.

#include <cstdint>
#include <optional>

#include "bourse/core/fixed_point.hpp"
#include "bourse/core/time.hpp"

namespace bourse::orders {

/// An order rate limit: at most `capacity` orders in a burst, refilled by `refill_tokens` tokens
/// every `refill_period` nanoseconds (continuously: a token per refill_period / refill_tokens ns).
struct rate_limit {
  /// The most tokens the bucket holds (the largest burst); positive.
  std::int64_t capacity = 0;
  /// Tokens added per refill period; positive.
  std::int64_t refill_tokens = 0;
  /// The refill period in nanoseconds; positive.
  duration_ns refill_period = 0;

  /// Returns true when both limits hold the same numbers.
  [[nodiscard]] friend bool operator==(const rate_limit& a, const rate_limit& b) noexcept {
    return a.capacity == b.capacity && a.refill_tokens == b.refill_tokens &&
           a.refill_period == b.refill_period;
  }
  /// Returns true when the limits differ.
  [[nodiscard]] friend bool operator!=(const rate_limit& a, const rate_limit& b) noexcept {
    return !(a == b);
  }
};

/// A token bucket that starts full. Tokens are counted in units of 1/refill_period of a token, so
/// refilling by elapsed_ns * refill_tokens units is exact: no drift, no floating point. Time that
/// goes backwards refills nothing. Requires a rate_limit with positive fields (see validate()).
class token_bucket {
public:
  /// Returns a full bucket for `limit`.
  explicit token_bucket(rate_limit limit) noexcept;

  /// Adds the tokens earned since the last refill (up to capacity) and remembers `now`.
  void refill(timestamp now) noexcept;

  /// Returns the whole tokens available (without refilling).
  [[nodiscard]] std::int64_t tokens() const noexcept;

  /// Returns true and takes one token when at least one is available (without refilling).
  [[nodiscard]] bool try_take() noexcept;

  /// Refills at `now`, then takes one token if available; returns whether it did.
  [[nodiscard]] bool try_take(timestamp now) noexcept {
    refill(now);
    return try_take();
  }

  /// Returns the nanoseconds after the last refill until the next whole token: 0 when one is
  /// there, -1 when the limit never refills.
  [[nodiscard]] duration_ns time_to_next_token() const noexcept;

  /// Returns the limit this bucket enforces.
  [[nodiscard]] const rate_limit& limit() const noexcept { return limit_; }

private:
  using int128 = bourse::detail::int128;

  rate_limit limit_;
  int128 level_ = 0;    // in units of 1/refill_period token
  int128 capacity_ = 0; // capacity * refill_period
  std::optional<timestamp> last_;
};

} // namespace bourse::orders
