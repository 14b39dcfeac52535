#pragma once
// Best bid and ask of instruments listed on several venues, the spread across venues, and
// cross-venue arbitrage: the plain-C++ core of the aggregator actor.

#include <cstddef>
#include <map>
#include <unordered_map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bourse/core/interned_string.hpp"
#include "bourse/core/fixed_point.hpp"
#include "bourse/core/time.hpp"
#include "bourse/market/types.hpp"

namespace bourse {

/// One listing: the symbol an instrument trades under on one venue, e.g. "BTCUSD.A" is "BTCUSD"
/// on venue "A".
struct venue_listing {
  /// The listing symbol, as the quotes carry it (unique across listings).
  symbol_id symbol;
  /// The instrument it is a listing of.
  symbol_id instrument;
  /// The venue.
  venue_id venue;

  /// Parses "SYMBOL=INSTRUMENT@VENUE" (e.g. "BTCUSD.A=BTCUSD@A"); nullopt when a part is missing.
  [[nodiscard]] static std::optional<venue_listing> parse(std::string_view text);
};

/// Returns every problem with a list of listings (empty when usable): no listings, empty fields,
/// a symbol listed twice, an instrument listed twice on one venue.
[[nodiscard]] std::vector<std::string> validate_listings(const std::vector<venue_listing>& listings);

/// One side of the aggregated book: where the best price is and how much is there.
struct venue_level {
  /// The venue.
  venue_id venue;
  /// The listing symbol on that venue.
  symbol_id symbol;
  /// The price.
  price px;
  /// The size at that price (zero when the data has no sizes).
  quantity size;

  /// Returns true when all fields are equal (prices and sizes compared by value).
  friend bool operator==(const venue_level& a, const venue_level& b) noexcept {
    return a.venue == b.venue && a.symbol == b.symbol && a.px == b.px && a.size == b.size;
  }
  /// Returns true when any field differs.
  friend bool operator!=(const venue_level& a, const venue_level& b) noexcept { return !(a == b); }
};

/// The best bid and ask of one instrument across its venues.
struct aggregated_view {
  /// Data time of the latest quote that went into the view.
  timestamp ts = 0;
  /// The instrument.
  symbol_id instrument;
  /// The highest bid; at equal prices the venue listed first in the configuration.
  venue_level bid;
  /// The lowest ask; at equal prices the venue listed first in the configuration.
  venue_level ask;
  /// ask.px - bid.px (negative when crossed across venues).
  price spread;
};

/// Buying on one venue and selling on another at a profit: some venue's bid is above another
/// venue's ask.
struct cross_venue_arbitrage {
  /// Where to buy: the ask side.
  venue_level buy;
  /// Where to sell: the bid side.
  venue_level sell;
  /// min(buy.size, sell.size).
  quantity size;
  /// sell.px - buy.px (positive), per unit, before fees.
  price edge;
};

/// What changed for one instrument after a batch of quotes.
struct aggregator_update {
  /// The new view (differs from the previous one in a venue, symbol, price or size).
  aggregated_view view;
  /// The best cross-venue arbitrage in that view, if any.
  std::optional<cross_venue_arbitrage> arbitrage;
};

/// Keeps the latest quote of every listing and aggregates them per instrument. A venue's side
/// counts once it quoted a positive price there; quotes never expire (the latest one stands until
/// replaced). Venues are ordered by their first appearance in the listings; that order breaks ties.
class quote_aggregator {
public:
  /// Starts with no quotes; `listings` should pass validate_listings (later duplicates are ignored).
  explicit quote_aggregator(std::vector<venue_listing> listings);

  /// Records a quote; returns false (and ignores it) when its symbol is not a listing.
  bool on_quote(const quote& q);

  /// Records a batch of quotes, then returns, in configuration order, one update per instrument
  /// whose view changed since the last update returned for it (and has both sides). The list is
  /// the aggregator's own buffer, valid until the next apply() (no allocation per call once it has
  /// grown to the number of instruments).
  [[nodiscard]] const std::vector<aggregator_update>& apply(const std::vector<quote>& quotes);

  /// Returns the current view of an instrument; nullopt when unknown or a side has no quote yet.
  [[nodiscard]] std::optional<aggregated_view> view(const std::string& instrument) const;

  /// Returns the best arbitrage between two different venues in the current quotes of an
  /// instrument: the pair with the largest sell bid - buy ask > 0, ties by venue order (sell venue
  /// first, then buy venue); nullopt when there is none.
  [[nodiscard]] std::optional<cross_venue_arbitrage> arbitrage(const std::string& instrument) const;

  /// Returns the instruments in configuration order (first appearance).
  [[nodiscard]] std::vector<std::string> instruments() const;
  /// Returns the listing symbols in configuration order (ignored duplicates left out).
  [[nodiscard]] std::vector<std::string> symbols() const;

private:
  struct listing_state {
    symbol_id symbol;
    venue_id venue;
    std::size_t venue_order = 0;
    bool has_bid = false;
    bool has_ask = false;
    quote last;
  };
  struct instrument_state {
    symbol_id name;
    std::vector<listing_state> listings; // ascending venue_order
    timestamp ts = 0;
    bool touched = false;
    std::optional<aggregated_view> published;
  };

  [[nodiscard]] static std::optional<aggregated_view> view_of(const instrument_state& inst);
  [[nodiscard]] static std::optional<cross_venue_arbitrage> arbitrage_of(
      const instrument_state& inst);

  std::vector<instrument_state> instruments_;
  std::vector<std::string> symbols_;
  // listing symbol -> (instrument index, listing index)
  std::unordered_map<symbol_id, std::pair<std::size_t, std::size_t>> by_symbol_;
  // What the last apply() returned.
  std::vector<aggregator_update> updates_;
};

} // namespace bourse
