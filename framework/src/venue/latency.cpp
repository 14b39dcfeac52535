// Latency models and their seeded sampler.
#include "bourse/venue/latency.hpp"

#include <cmath>

#include "bourse/core/text.hpp"

namespace bourse::venue {

std::string_view to_string(latency_kind kind) noexcept {
  switch (kind) {
  case latency_kind::fixed:
    return "fixed";
  case latency_kind::uniform:
    return "uniform";
  case latency_kind::exponential:
    return "exponential";
  }
  return "unknown";
}

std::optional<latency_kind> latency_kind_from_string(std::string_view text) noexcept {
  for (auto kind : {latency_kind::fixed, latency_kind::uniform, latency_kind::exponential})
    if (iequals(text, to_string(kind)))
      return kind;
  return std::nullopt;
}

std::vector<std::string> latency_model::validate() const {
  std::vector<std::string> problems;
  if (base < 0 || base > max_latency)
    problems.push_back("latency.base must be between 0 and 86400000000000 ns (one day), got " +
                       std::to_string(base));
  if (jitter < 0 || jitter > max_latency)
    problems.push_back("latency.jitter must be between 0 and 86400000000000 ns (one day), got " +
                       std::to_string(jitter));
  if (kind == latency_kind::fixed && jitter != 0)
    problems.push_back("latency.jitter must be 0 for a fixed latency, got " +
                       std::to_string(jitter) + " (use kind uniform or exponential)");
  return problems;
}

latency_sampler::latency_sampler(const latency_model& model) noexcept
    : model_(model), random_(model.seed) {}

duration_ns latency_sampler::next() noexcept {
  const duration_ns base = model_.base < 0 ? 0 : model_.base;
  const duration_ns jitter = model_.jitter < 0 ? 0 : model_.jitter;
  switch (model_.kind) {
  case latency_kind::fixed:
    return base;
  case latency_kind::uniform:
    return base + static_cast<duration_ns>(random_.below(static_cast<std::uint64_t>(jitter) + 1));
  case latency_kind::exponential: {
    // An exponential draw is below 40 (about -ln 2^-53), so the product stays far from overflow.
    const double draw = random_.exponential() * static_cast<double>(jitter);
    return base + static_cast<duration_ns>(std::llround(draw));
  }
  }
  return base;
}

} // namespace bourse::venue
