// The risk engine: per-strategy and per-account limits, checked in the documented order.
#include "bourse/orders/risk_engine.hpp"

namespace bourse::orders {

std::vector<std::string> risk_engine::set_limits(std::map<std::uint32_t, entry>& entries,
                                                 std::uint32_t id, const risk_limits& limits) {
  auto problems = limits.validate();
  if (!problems.empty())
    return problems;
  entry& target = entries[id];
  const bool same_rate =
      target.bucket && limits.order_rate && target.bucket->limit() == *limits.order_rate;
  if (!same_rate) {
    target.bucket.reset();
    if (limits.order_rate)
      target.bucket.emplace(*limits.order_rate);
  }
  target.limits = limits;
  return problems;
}

std::vector<std::string> risk_engine::set_strategy_limits(strategy_id id,
                                                          const risk_limits& limits) {
  return set_limits(strategies_, id, limits);
}

std::vector<std::string> risk_engine::set_account_limits(account_id id, const risk_limits& limits) {
  return set_limits(accounts_, id, limits);
}

const risk_limits* risk_engine::strategy_limits(strategy_id id) const noexcept {
  auto it = strategies_.find(id);
  return it == strategies_.end() ? nullptr : &it->second.limits;
}

const risk_limits* risk_engine::account_limits(account_id id) const noexcept {
  auto it = accounts_.find(id);
  return it == accounts_.end() ? nullptr : &it->second.limits;
}

std::optional<risk_denial> risk_engine::check(const order& o, const risk_context& context,
                                              timestamp now) {
  if (auto denial = check_order_sanity(o))
    return denial;

  struct scope {
    entry* found;
    owner_ref owner;
    const exposure* current;
  };
  auto find = [](std::map<std::uint32_t, entry>& entries, std::uint32_t id) -> entry* {
    auto it = entries.find(id);
    return it == entries.end() ? nullptr : &it->second;
  };
  const scope scopes[2] = {
      {find(strategies_, o.strategy_id), {owner_kind::strategy, o.strategy_id}, &context.strategy},
      {find(accounts_, o.account_id), {owner_kind::account, o.account_id}, &context.account},
  };
  for (const scope& s : scopes)
    if (auto denial = check_overflow(o, context.reference_price, *s.current, s.owner))
      return denial;

  for (const scope& s : scopes)
    if (s.found && s.found->limits.max_order_quantity)
      if (auto denial = check_max_order_quantity(o, *s.found->limits.max_order_quantity, s.owner))
        return denial;
  for (const scope& s : scopes)
    if (s.found && s.found->limits.max_order_notional)
      if (auto denial = check_max_order_notional(o, *s.found->limits.max_order_notional,
                                                 context.reference_price, s.owner))
        return denial;
  for (const scope& s : scopes)
    if (s.found && s.found->limits.price_band_bps)
      if (auto denial = check_price_band(o, *s.found->limits.price_band_bps,
                                         context.reference_price, s.owner))
        return denial;
  for (const scope& s : scopes)
    if (s.found && s.found->limits.max_position)
      if (auto denial = check_max_position(o, *s.found->limits.max_position, *s.current, s.owner))
        return denial;

  // Rate limit last: refill both buckets, deny if either is empty, and only then take tokens.
  for (const scope& s : scopes) {
    if (!s.found || !s.found->bucket)
      continue;
    token_bucket& bucket = *s.found->bucket;
    bucket.refill(now);
    if (bucket.tokens() < 1) {
      const rate_limit& r = bucket.limit();
      return risk_denial{risk_denial_reason::rate_limit, s.owner, o.id,
                         "order " + std::to_string(o.id) + ": order rate limit of " +
                             std::string(to_string(s.owner.kind)) + " " +
                             std::to_string(s.owner.id) + " reached (capacity " +
                             std::to_string(r.capacity) + ", " + std::to_string(r.refill_tokens) +
                             " per " + std::to_string(r.refill_period) + " ns); next token in " +
                             std::to_string(bucket.time_to_next_token()) + " ns"};
    }
  }
  for (const scope& s : scopes)
    if (s.found && s.found->bucket)
      (void)s.found->bucket->try_take();
  return std::nullopt;
}

} // namespace bourse::orders
