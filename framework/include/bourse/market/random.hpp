#pragma once
// A small seeded random source whose output is the same on every platform and standard library.

#include <cstdint>

namespace bourse {

/// Returns e^x computed with IEEE-754 additions and multiplications only (no libm), so the result
/// is the same on every platform; relative error below 1e-15 for |x| < 700.
[[nodiscard]] double portable_exp(double x) noexcept;

/// Returns the natural logarithm of x > 0 computed without libm (see portable_exp); -inf for 0.
[[nodiscard]] double portable_log(double x) noexcept;

/// Returns the next value of the splitmix64 sequence and advances `state` (used for seeding).
[[nodiscard]] std::uint64_t splitmix64(std::uint64_t& state) noexcept;

/// A xoshiro256** generator seeded through splitmix64, with uniform, normal and exponential draws
/// written out here instead of std distributions (whose output differs between standard
/// libraries). The same seed gives the same sequence everywhere.
class random_source {
public:
  /// Seeds the four state words from `seed` with splitmix64.
  explicit random_source(std::uint64_t seed) noexcept;

  /// Returns the next 64 random bits.
  [[nodiscard]] std::uint64_t next_u64() noexcept;
  /// Returns a uniform double in [0, 1) with 53 random bits.
  [[nodiscard]] double uniform() noexcept;
  /// Returns a uniform integer in [0, bound) without modulo bias; 0 when bound is 0.
  [[nodiscard]] std::uint64_t below(std::uint64_t bound) noexcept;
  /// Returns a standard normal draw (Marsaglia's polar method; pairs are used in order).
  [[nodiscard]] double normal() noexcept;
  /// Returns an exponential draw with mean 1.
  [[nodiscard]] double exponential() noexcept;

private:
  std::uint64_t state_[4] = {};
  double spare_ = 0;
  bool has_spare_ = false;
};

} // namespace bourse
