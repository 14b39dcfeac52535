#pragma once
// Configuration of the aggregator.

#include <string>
#include <vector>

#include "bourse/market/aggregator.hpp"

namespace bourse {

/// Which listing symbols make up which instrument on which venue.
struct aggregator_config {
  /// The listings, e.g. {{"BTCUSD.A", "BTCUSD", "A"}, {"BTCUSD.B", "BTCUSD", "B"}}; the order of
  /// first appearance of the venues breaks ties between equal prices (earlier wins). Text form of
  /// one listing: "BTCUSD.A=BTCUSD@A" (venue_listing::parse).
  std::vector<venue_listing> listings;
  /// Runs the aggregator on a thread of its own; false (the default) keeps it on the pool.
  bool detached = false;

  /// Returns the listing symbols, whose quotes the aggregator must be subscribed to at the hub.
  [[nodiscard]] std::vector<std::string> symbols() const {
    std::vector<std::string> out;
    for (const auto& l : listings)
      out.push_back(l.symbol);
    return out;
  }
  /// Returns every problem with the configuration (empty when valid).
  [[nodiscard]] std::vector<std::string> validate() const { return validate_listings(listings); }
};

} // namespace bourse
