// Cross-venue best bid/ask aggregation and arbitrage detection.
#include "bourse/market/aggregator.hpp"

#include <algorithm>
#include <set>
#include <utility>

#include "bourse/core/text.hpp"

namespace bourse {

std::optional<venue_listing> venue_listing::parse(std::string_view text) {
  auto eq = text.find('=');
  if (eq == std::string_view::npos)
    return std::nullopt;
  auto rest = text.substr(eq + 1);
  auto at = rest.rfind('@');
  if (at == std::string_view::npos)
    return std::nullopt;
  venue_listing out{std::string{trim(text.substr(0, eq))}, std::string{trim(rest.substr(0, at))},
                    std::string{trim(rest.substr(at + 1))}};
  if (out.symbol.empty() || out.instrument.empty() || out.venue.empty())
    return std::nullopt;
  return out;
}

std::vector<std::string> validate_listings(const std::vector<venue_listing>& listings) {
  std::vector<std::string> problems;
  if (listings.empty())
    problems.emplace_back("listings: at least one listing is needed");
  std::set<std::string> symbols;
  std::set<std::pair<std::string, std::string>> pairs;
  for (std::size_t i = 0; i < listings.size(); ++i) {
    const auto& l = listings[i];
    auto where = "listings[" + std::to_string(i) + "]";
    if (l.symbol.empty())
      problems.push_back(where + ": symbol is empty");
    if (l.instrument.empty())
      problems.push_back(where + ": instrument is empty");
    if (l.venue.empty())
      problems.push_back(where + ": venue is empty");
    if (!l.symbol.empty() && !symbols.insert(l.symbol).second)
      problems.push_back(where + ": symbol '" + l.symbol + "' is listed twice");
    if (!l.instrument.empty() && !l.venue.empty() &&
        !pairs.insert({l.instrument, l.venue}).second)
      problems.push_back(where + ": instrument '" + l.instrument + "' is listed twice on venue '" +
                         l.venue + "'");
  }
  return problems;
}

quote_aggregator::quote_aggregator(std::vector<venue_listing> listings) {
  std::vector<std::string> venues; // first-appearance order
  for (auto& l : listings) {
    if (std::find(symbols_.begin(), symbols_.end(), l.symbol) != symbols_.end())
      continue;
    auto vit = std::find(venues.begin(), venues.end(), l.venue);
    auto venue_order = static_cast<std::size_t>(vit - venues.begin());
    if (vit == venues.end())
      venues.push_back(l.venue);
    auto iit = std::find_if(instruments_.begin(), instruments_.end(),
                            [&](const instrument_state& s) { return s.name == l.instrument; });
    if (iit == instruments_.end()) {
      instruments_.push_back(instrument_state{l.instrument, {}, 0, false, std::nullopt});
      iit = instruments_.end() - 1;
    }
    auto& inst = *iit;
    bool same_venue = std::any_of(inst.listings.begin(), inst.listings.end(),
                                  [&](const listing_state& s) { return s.venue == l.venue; });
    if (same_venue)
      continue;
    listing_state state;
    state.symbol = l.symbol;
    state.venue = l.venue;
    state.venue_order = venue_order;
    auto pos = std::upper_bound(
        inst.listings.begin(), inst.listings.end(), venue_order,
        [](std::size_t order, const listing_state& s) { return order < s.venue_order; });
    inst.listings.insert(pos, std::move(state));
    symbols_.push_back(l.symbol);
  }
  // Indexes only after every insert (inserts move listings within an instrument).
  for (std::size_t i = 0; i < instruments_.size(); ++i)
    for (std::size_t j = 0; j < instruments_[i].listings.size(); ++j)
      by_symbol_[instruments_[i].listings[j].symbol] = {i, j};
}

bool quote_aggregator::on_quote(const quote& q) {
  auto it = by_symbol_.find(q.symbol);
  if (it == by_symbol_.end())
    return false;
  auto& inst = instruments_[it->second.first];
  auto& listing = inst.listings[it->second.second];
  listing.last = q;
  listing.has_bid = q.bid.is_positive();
  listing.has_ask = q.ask.is_positive();
  inst.ts = std::max(inst.ts, q.ts);
  inst.touched = true;
  return true;
}

const std::vector<aggregator_update>& quote_aggregator::apply(const std::vector<quote>& quotes) {
  for (const auto& q : quotes)
    on_quote(q);
  auto& out = updates_;
  out.clear();
  for (auto& inst : instruments_) {
    if (!inst.touched)
      continue;
    inst.touched = false;
    auto current = view_of(inst);
    if (!current)
      continue;
    if (inst.published && inst.published->bid == current->bid && inst.published->ask == current->ask)
      continue;
    inst.published = current;
    out.push_back(aggregator_update{*current, arbitrage_of(inst)});
  }
  return out;
}

std::optional<aggregated_view> quote_aggregator::view(const std::string& instrument) const {
  for (const auto& inst : instruments_)
    if (inst.name == instrument)
      return view_of(inst);
  return std::nullopt;
}

std::optional<cross_venue_arbitrage> quote_aggregator::arbitrage(
    const std::string& instrument) const {
  for (const auto& inst : instruments_)
    if (inst.name == instrument)
      return arbitrage_of(inst);
  return std::nullopt;
}

std::vector<std::string> quote_aggregator::instruments() const {
  std::vector<std::string> out;
  for (const auto& inst : instruments_)
    out.push_back(inst.name);
  return out;
}

std::vector<std::string> quote_aggregator::symbols() const { return symbols_; }

namespace {

venue_level bid_level(const std::string& venue, const quote& q) {
  return venue_level{venue, q.symbol, q.bid, q.bid_size};
}

venue_level ask_level(const std::string& venue, const quote& q) {
  return venue_level{venue, q.symbol, q.ask, q.ask_size};
}

} // namespace

std::optional<aggregated_view> quote_aggregator::view_of(const instrument_state& inst) {
  const listing_state* best_bid = nullptr;
  const listing_state* best_ask = nullptr;
  // Listings are in venue order, so keeping the first of equal prices applies the tie rule.
  for (const auto& l : inst.listings) {
    if (l.has_bid && (best_bid == nullptr || l.last.bid > best_bid->last.bid))
      best_bid = &l;
    if (l.has_ask && (best_ask == nullptr || l.last.ask < best_ask->last.ask))
      best_ask = &l;
  }
  if (best_bid == nullptr || best_ask == nullptr)
    return std::nullopt;
  aggregated_view view;
  view.ts = inst.ts;
  view.instrument = inst.name;
  view.bid = bid_level(best_bid->venue, best_bid->last);
  view.ask = ask_level(best_ask->venue, best_ask->last);
  view.spread = view.ask.px - view.bid.px;
  return view;
}

std::optional<cross_venue_arbitrage> quote_aggregator::arbitrage_of(const instrument_state& inst) {
  const listing_state* sell = nullptr;
  const listing_state* buy = nullptr;
  price best_edge;
  // Sell venues in order, then buy venues in order; a pair replaces the best only with a strictly
  // larger edge, so ties keep the earliest (sell venue, buy venue).
  for (const auto& s : inst.listings) {
    if (!s.has_bid)
      continue;
    for (const auto& b : inst.listings) {
      if (&s == &b || !b.has_ask || !(s.last.bid > b.last.ask))
        continue;
      price edge = s.last.bid - b.last.ask;
      if (sell == nullptr || edge > best_edge) {
        sell = &s;
        buy = &b;
        best_edge = edge;
      }
    }
  }
  if (sell == nullptr)
    return std::nullopt;
  cross_venue_arbitrage out;
  out.buy = ask_level(buy->venue, buy->last);
  out.sell = bid_level(sell->venue, sell->last);
  out.size = std::min(out.buy.size, out.sell.size);
  out.edge = best_edge;
  return out;
}

} // namespace bourse
