#pragma once
// Order entry latency of a simulated venue: fixed, or fixed plus a seeded uniform or exponential
// jitter drawn from bourse::random_source (the same seed gives the same delays everywhere).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bourse/core/time.hpp"
#include "bourse/market/random.hpp"

namespace bourse::venue {

/// How the latency of each command is drawn.
enum class latency_kind : std::uint8_t {
  fixed,      ///< Always `base`.
  uniform,    ///< `base` plus a uniform integer in [0, jitter].
  exponential ///< `base` plus an exponential draw with mean `jitter`, rounded to whole ns.
};

/// Returns "fixed", "uniform" or "exponential".
[[nodiscard]] std::string_view to_string(latency_kind kind) noexcept;

/// Parses "fixed", "uniform" or "exponential" (any case); nullopt otherwise.
[[nodiscard]] std::optional<latency_kind> latency_kind_from_string(std::string_view text) noexcept;

/// The largest base or jitter a latency model accepts: one day.
inline constexpr duration_ns max_latency = ns_per_day;

/// The latency between a command's arrival at the venue and the moment it takes effect.
struct latency_model {
  /// How the latency is drawn.
  latency_kind kind = latency_kind::fixed;
  /// The fixed part (ns, at least 0).
  duration_ns base = 0;
  /// The random part's bound (uniform) or mean (exponential), ns; must be 0 for fixed.
  duration_ns jitter = 0;
  /// The seed of the random source for uniform and exponential draws.
  std::uint64_t seed = 1;

  /// Returns every problem at once: a negative or too large base or jitter, jitter on a fixed
  /// model.
  [[nodiscard]] std::vector<std::string> validate() const;
};

/// Draws latencies from a model (the model must validate).
class latency_sampler {
public:
  /// Starts the sequence of draws for `model`.
  explicit latency_sampler(const latency_model& model) noexcept;

  /// Returns the next latency (ns, never negative).
  [[nodiscard]] duration_ns next() noexcept;

private:
  latency_model model_;
  random_source random_;
};

} // namespace bourse::venue
