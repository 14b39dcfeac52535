#pragma once
// A compact record of finished orders that were forgotten: enough to refuse a reused id and to
// answer a late cancel or replace exactly as if the order were still held (its owner, account,
// symbol and a small tag such as its final state), at about one byte per order.

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "bourse/core/ids.hpp"

namespace bourse::orders {

/// What is kept of a forgotten order.
struct finished_order {
  /// The order's id.
  order_id id = 0;
  /// The strategy that owned it.
  bourse::strategy_id strategy = 0;
  /// Its account.
  bourse::account_id account = 0;
  /// Its instrument (a view into the record's symbol table, valid while the record lives).
  std::string_view symbol;
  /// The holder's own small value (the order manager: the final order_state).
  std::uint8_t tag = 0;
};

/// Finished orders by id. Ids made by compose_order_id (a strategy's sequence in the low 40 bits)
/// cost one byte each: per id prefix (the top 24 bits) a run of one-byte codes indexed by the
/// sequence, allocated in chunks of 4,096 ids; a code names one of at most 255 distinct
/// (strategy, account, symbol, tag) combinations. Ids far below or beyond a prefix's run, and
/// combinations past the 255th, are kept in an ordinary map instead. Not thread-safe.
class finished_orders {
public:
  /// Records a finished order (a recorded id is overwritten).
  void add(order_id id, bourse::strategy_id strategy, bourse::account_id account,
           std::string_view symbol, std::uint8_t tag);

  /// Returns what is kept of order `id`, or nullopt when it was never recorded.
  [[nodiscard]] std::optional<finished_order> find(order_id id) const;

  /// Returns true when order `id` was recorded.
  [[nodiscard]] bool contains(order_id id) const {
    return code_of(id) != 0 || fallback_.count(id) != 0;
  }

  /// Returns how many orders were recorded.
  [[nodiscard]] std::size_t size() const noexcept { return size_; }

  /// Returns about how many bytes the record holds (chunks, map entries, tables).
  [[nodiscard]] std::size_t memory_bytes() const noexcept;

private:
  static constexpr std::size_t chunk_ids = 4096;
  static constexpr std::size_t max_gap_chunks = 16;
  using chunk = std::array<std::uint8_t, chunk_ids>;
  using context_key =
      std::tuple<bourse::strategy_id, bourse::account_id, std::uint32_t, std::uint8_t>;

  struct run {
    std::uint64_t base = 0; // the sequence of codes[0][0], a multiple of chunk_ids
    std::vector<std::unique_ptr<chunk>> chunks;
  };

  [[nodiscard]] std::uint32_t context_of(bourse::strategy_id strategy, bourse::account_id account,
                                         std::string_view symbol, std::uint8_t tag);
  [[nodiscard]] std::uint8_t code_of(order_id id) const noexcept;
  [[nodiscard]] std::uint8_t* slot_for(order_id id);

  std::vector<std::string> symbols_;
  std::map<std::string, std::uint32_t, std::less<>> symbol_index_;
  std::vector<context_key> contexts_;
  std::map<context_key, std::uint32_t> context_index_;
  std::map<std::uint32_t, run> runs_;            // by id prefix
  std::map<order_id, std::uint32_t> fallback_;   // id -> context
  std::size_t size_ = 0;
  std::size_t chunk_count_ = 0;
};

} // namespace bourse::orders
