#pragma once
// The journal's records and their replay: what the order manager journals (every order it sends
// to a venue, every order event and fill) and what a restart rebuilds from them (positions and
// cash flow per strategy and symbol from the fills, the orders still open at the crash). Plain C++
// (no CAF, no SQLite): journal_db stores and reads the records, replay() is a pure function of
// them, tested directly.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "bourse/core/fixed_point.hpp"
#include "bourse/core/ids.hpp"
#include "bourse/core/time.hpp"
#include "bourse/orders/order_flow.hpp"

namespace bourse::journal {

/// One journaled record: an order the order manager accepted and sent to a venue (submit_order),
/// or an event of an order's life (a fill is order_partially_filled or order_filled).
using record = std::variant<submit_order, order_accepted, order_rejected, order_partially_filled,
                            order_filled, order_cancelled, order_replaced, order_expired,
                            order_triggered>;

/// Returns the name a record kind has in the journal's `order_events.kind` column ("submitted",
/// "accepted", "rejected", "partially_filled", "filled", "cancelled", "replaced", "expired",
/// "triggered").
[[nodiscard]] const char* kind_name(const record& r) noexcept;

/// Returns the order id a record is about.
[[nodiscard]] order_id order_of(const record& r) noexcept;

/// A record as read back: the session that wrote it (orders ids are unique only within one
/// session: strategies number their orders again after a restart) and the record.
struct stored_record {
  /// The session (1, 2, ...: one per start of the run with this journal).
  std::int64_t session = 0;
  /// The record.
  record item;
};

/// An order the journal shows open (accepted or on its way to the venue, not finished).
struct open_order {
  /// The session that placed it.
  std::int64_t session = 0;
  /// The order as the order manager sent it.
  submit_order order;
  /// How much of it filled.
  quantity filled;
};

/// A net position: one strategy in one symbol.
struct position_total {
  /// The strategy.
  strategy_id strategy = 0;
  /// The symbol.
  std::string symbol;
  /// Net quantity (buys minus sells).
  quantity net;
  /// Cash the fills moved: minus the signed notional, minus the fees.
  money cash_flow;
  /// Number of fills.
  std::int64_t fills = 0;
};

/// What replay() rebuilds.
struct recovery_state {
  /// Every journaled fill in journal order (the order they were committed).
  std::vector<fill> fills;
  /// Whether each of `fills` completed its order (order_filled) or not.
  std::vector<bool> completes;
  /// Positions by (strategy, symbol), ascending.
  std::vector<position_total> positions;
  /// Orders open at the end of the journal, by (session, order id).
  std::vector<open_order> open_orders;
  /// The latest data time of any record (0 for an empty journal).
  timestamp last_ts = 0;
  /// Problems found (a fill that cannot be booked: overflow); empty when none.
  std::vector<std::string> problems;

  /// Returns the position of `strategy` in `symbol` (zero when it never traded it).
  [[nodiscard]] quantity position(strategy_id strategy, const std::string& symbol) const;
};

/// Rebuilds positions and open orders from `records` in journal order. Pure: the same records
/// give the same state, and a fill seen twice (same session, order and trade id) is counted once.
[[nodiscard]] recovery_state replay(const std::vector<stored_record>& records);

} // namespace bourse::journal
