// xoshiro256** with splitmix64 seeding, and exp/log without libm, for platform-independent output.
#include "bourse/market/random.hpp"

#include <cmath>
#include <limits>

#include "fp_contract_off.hpp"

namespace bourse {

namespace {

// ln 2 split so that k * ln2_hi is exact for |k| < 2^11 (fdlibm's constants).
constexpr double ln2_hi = 6.93147180369123816490e-01;
constexpr double ln2_lo = 1.90821492927058770002e-10;
constexpr double inv_ln2 = 1.44269504088896338700e+00;

constexpr std::uint64_t rotl(std::uint64_t x, int k) noexcept {
  return (x << k) | (x >> (64 - k));
}

} // namespace

double portable_exp(double x) noexcept {
  if (std::isnan(x))
    return x;
  if (x > 709.782712893384)
    return std::numeric_limits<double>::infinity();
  if (x < -745.2)
    return 0.0;
  // x = k ln2 + r with |r| <= ln2 / 2, then e^r by its Taylor series (terms up to r^17 / 17!).
  int k = static_cast<int>(x * inv_ln2 + (x >= 0 ? 0.5 : -0.5));
  double r = (x - k * ln2_hi) - k * ln2_lo;
  double sum = 1.0;
  for (int n = 17; n >= 1; --n)
    sum = 1.0 + r * sum / n;
  return std::ldexp(sum, k);
}

double portable_log(double x) noexcept {
  if (std::isnan(x) || x < 0)
    return std::numeric_limits<double>::quiet_NaN();
  if (x == 0)
    return -std::numeric_limits<double>::infinity();
  if (std::isinf(x))
    return x;
  // x = m 2^e with m in [sqrt(1/2), sqrt(2)); log m = 2 atanh(t), t = (m - 1) / (m + 1), |t| <
  // 0.172.
  int e = 0;
  double m = std::frexp(x, &e);
  if (m < 0.70710678118654752440) {
    m *= 2;
    --e;
  }
  double t = (m - 1) / (m + 1);
  double t2 = t * t;
  double series = 0;
  for (int k = 12; k >= 0; --k)
    series = 1.0 / (2 * k + 1) + t2 * series;
  return e * ln2_hi + (2 * t * series + e * ln2_lo);
}

std::uint64_t splitmix64(std::uint64_t& state) noexcept {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

random_source::random_source(std::uint64_t seed) noexcept {
  for (auto& word : state_)
    word = splitmix64(seed);
}

std::uint64_t random_source::next_u64() noexcept {
  const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
  const std::uint64_t t = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= t;
  state_[3] = rotl(state_[3], 45);
  return result;
}

double random_source::uniform() noexcept {
  return static_cast<double>(next_u64() >> 11) * 0x1.0p-53;
}

std::uint64_t random_source::below(std::uint64_t bound) noexcept {
  if (bound == 0)
    return 0;
  // Reject the lowest (2^64 mod bound) values so that every residue is equally likely.
  const std::uint64_t threshold = (0 - bound) % bound;
  while (true) {
    std::uint64_t r = next_u64();
    if (r >= threshold)
      return r % bound;
  }
}

double random_source::normal() noexcept {
  if (has_spare_) {
    has_spare_ = false;
    return spare_;
  }
  double u = 0, v = 0, s = 0;
  do {
    u = 2 * uniform() - 1;
    v = 2 * uniform() - 1;
    s = u * u + v * v;
  } while (s >= 1 || s == 0);
  double factor = std::sqrt(-2 * portable_log(s) / s);
  spare_ = v * factor;
  has_spare_ = true;
  return u * factor;
}

double random_source::exponential() noexcept {
  return -portable_log(1 - uniform());
}

} // namespace bourse
