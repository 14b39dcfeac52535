#pragma once
// The cross-venue tick set as a slice source: the cross_venue_generator's quotes grouped into
// slices of equal time, generated lazily one slice at a time, in constant memory whatever the
// number of ticks. Also the demo's configuration of the generator (ETH on venues A and B).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bourse/market/cross_venue.hpp"
#include "bourse/market/csv.hpp"
#include "bourse/market/slicer.hpp"
#include "bourse/market/tick.hpp"

namespace bourse {

/// What the cross-venue source generates.
struct cross_venue_source_config {
  /// The generator (instruments, venues, seed, dislocation).
  cross_venue_config generator;
  /// How many venue quotes in all (the last slice may hold fewer venues than the others).
  std::uint64_t tick_count = 0;

  /// Returns every problem with the parameters (empty when they are usable).
  [[nodiscard]] std::vector<std::string> validate() const;
};

/// Returns the demo's cross-venue tick set from `seed`: `ticks` quotes of ETH on venues A and B
/// (symbols ETH.A, ETH.B; tick 0.01, lot 1, start 2000, volatility 0.6, 2 events/s, dislocation
/// 6 ticks).
[[nodiscard]] cross_venue_source_config demo_cross_venue(std::uint64_t seed, std::uint64_t ticks);

/// Slices of the cross-venue generator: consecutive quotes with equal timestamps (one per venue)
/// form one slice, in venue order. Exactly tick_count quotes are generated; the slices equal those
/// of generating every quote up front and grouping them by time. Progress is quotes generated /
/// tick_count.
class cross_venue_source final : public slice_source {
public:
  /// Starts the generator; the config must validate.
  explicit cross_venue_source(const cross_venue_source_config& config);

  [[nodiscard]] bool next(data_slice& out) override;
  [[nodiscard]] const std::optional<csv_error>& error() const noexcept override { return none_; }
  [[nodiscard]] double progress() override;
  [[nodiscard]] std::uint64_t records() const noexcept override { return ticks_; }
  [[nodiscard]] const std::string& name() const noexcept override { return name_; }
  [[nodiscard]] std::optional<served_data> serves() const override;

private:
  std::string name_ = "cross_venue";
  std::vector<std::string> symbols_;
  std::optional<csv_error> none_;
  std::uint64_t tick_count_ = 0;
  std::uint64_t ticks_ = 0;
  cross_venue_generator gen_;
  tick_grouper grouper_;
  tick scratch_;
};

} // namespace bourse
