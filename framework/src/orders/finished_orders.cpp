// The compact record of finished orders: per-prefix runs of one-byte codes, a map for the rest.
#include "bourse/orders/finished_orders.hpp"

namespace bourse::orders {

namespace {

// The split of compose_order_id (bourse/strategy/order_ids.hpp): prefix in the top 24 bits.
constexpr int sequence_bits = 40;

std::uint32_t order_strategy(order_id id) noexcept {
  return static_cast<std::uint32_t>(id >> sequence_bits);
}

std::uint64_t order_sequence(order_id id) noexcept {
  return id & ((order_id{1} << sequence_bits) - 1);
}

} // namespace

std::uint32_t finished_orders::context_of(bourse::strategy_id strategy, bourse::account_id account,
                                          std::string_view symbol, std::uint8_t tag) {
  auto s = symbol_index_.find(symbol);
  if (s == symbol_index_.end()) {
    s = symbol_index_.emplace(std::string(symbol), static_cast<std::uint32_t>(symbols_.size())).first;
    symbols_.emplace_back(symbol);
  }
  const context_key key{strategy, account, s->second, tag};
  auto c = context_index_.find(key);
  if (c == context_index_.end()) {
    c = context_index_.emplace(key, static_cast<std::uint32_t>(contexts_.size())).first;
    contexts_.push_back(key);
  }
  return c->second;
}

std::uint8_t finished_orders::code_of(order_id id) const noexcept {
  auto r = runs_.find(order_strategy(id));
  if (r == runs_.end())
    return 0;
  const std::uint64_t seq = order_sequence(id);
  const run& run = r->second;
  if (seq < run.base)
    return 0;
  const std::uint64_t offset = seq - run.base;
  const std::uint64_t c = offset / chunk_ids;
  if (c >= run.chunks.size() || !run.chunks[c])
    return 0;
  return (*run.chunks[c])[offset % chunk_ids];
}

std::uint8_t* finished_orders::slot_for(order_id id) {
  const std::uint64_t seq = order_sequence(id);
  auto [r, fresh] = runs_.try_emplace(order_strategy(id));
  run& run = r->second;
  if (fresh)
    run.base = seq - seq % chunk_ids;
  if (seq < run.base)
    return nullptr;
  const std::uint64_t offset = seq - run.base;
  const std::uint64_t c = offset / chunk_ids;
  if (c >= run.chunks.size() + max_gap_chunks)
    return nullptr;
  if (c >= run.chunks.size())
    run.chunks.resize(c + 1);
  if (!run.chunks[c]) {
    run.chunks[c] = std::make_unique<chunk>();
    run.chunks[c]->fill(0);
    ++chunk_count_;
  }
  return &(*run.chunks[c])[offset % chunk_ids];
}

void finished_orders::add(order_id id, bourse::strategy_id strategy, bourse::account_id account,
                          std::string_view symbol, std::uint8_t tag) {
  const std::uint32_t context = context_of(strategy, account, symbol, tag);
  if (context < 255) {
    if (std::uint8_t* slot = slot_for(id)) {
      const bool had = *slot != 0 || fallback_.erase(id) != 0;
      *slot = static_cast<std::uint8_t>(context + 1);
      if (!had)
        ++size_;
      return;
    }
  }
  // Out of the run, or too many combinations: the map (and no stale code in a run).
  if (std::uint8_t* slot = code_of(id) != 0 ? slot_for(id) : nullptr) {
    *slot = 0;
    --size_;
  }
  if (fallback_.insert_or_assign(id, context).second)
    ++size_;
}

std::optional<finished_order> finished_orders::find(order_id id) const {
  std::uint32_t context = 0;
  if (const std::uint8_t code = code_of(id); code != 0) {
    context = code - 1u;
  } else {
    auto it = fallback_.find(id);
    if (it == fallback_.end())
      return std::nullopt;
    context = it->second;
  }
  const auto& [strategy, account, symbol, tag] = contexts_[context];
  return finished_order{id, strategy, account, symbols_[symbol], tag};
}

std::size_t finished_orders::memory_bytes() const noexcept {
  std::size_t bytes = chunk_count_ * sizeof(chunk) + fallback_.size() * 48 +
                      contexts_.size() * (sizeof(context_key) + 48) + runs_.size() * 64;
  for (const auto& [prefix, run] : runs_)
    bytes += run.chunks.capacity() * sizeof(void*);
  for (const auto& s : symbols_)
    bytes += 2 * (s.capacity() + 48);
  return bytes;
}

} // namespace bourse::orders
