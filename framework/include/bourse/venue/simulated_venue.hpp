#pragma once
// The simulated venue core: one matching engine per instrument for the simulated orders, the
// replayed market as outside liquidity, order entry latency, maker/taker fees, stop triggering on
// replayed prints and DAY expiry. Plain C++ (no CAF); docs/venue.md describes the fill model.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <unordered_map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bourse/core/interned_string.hpp"
#include "bourse/book/order_book.hpp"
#include "bourse/core/time.hpp"
#include "bourse/market/types.hpp"
#include "bourse/orders/finished_orders.hpp"
#include "bourse/orders/order_flow.hpp"
#include "bourse/sim/step.hpp"
#include "bourse/venue/venue_settings.hpp"

namespace bourse::venue {

/// One side of the replayed market as simulated orders see it: a price and what is left of its
/// size after simulated orders took some.
struct outside_level {
  /// The price (on the instrument's tick grid: asks rounded up, bids down).
  price px;
  /// The quantity still available at that price (on the lot grid).
  quantity available;
};

/// The replayed market of one instrument: what an incoming order can trade against.
struct outside_market {
  /// The best bid (market buyers), if known.
  std::optional<outside_level> bid;
  /// The best ask (market sellers), if known.
  std::optional<outside_level> ask;
  /// True once a quote was seen (then trades no longer set the levels).
  bool quoted = false;
  /// The last replayed trade price or bar close (stops trigger against it on submission).
  std::optional<price> last;
};

/// Where a simulated order stands at the venue.
enum class venue_order_status : std::uint8_t {
  queued,       ///< Arrived, waiting for its latency to pass.
  pending_stop, ///< A stop or stop-limit order waiting for its trigger.
  working,      ///< Resting in the book.
  done          ///< Filled, cancelled, expired or rejected.
};

/// A read-only view of one live simulated order.
struct venue_order_view {
  /// The client's order id.
  order_id id = 0;
  /// The instrument.
  symbol_id symbol;
  /// Buy or sell.
  side order_side = side::buy;
  /// The order's type as submitted.
  order_type type = order_type::limit;
  /// Its time in force.
  time_in_force tif = time_in_force::gtc;
  /// Its limit price, if it has one.
  std::optional<price> limit_price;
  /// Its stop price, if it has one.
  std::optional<price> stop_price;
  /// The quantity still open.
  quantity open;
  /// The quantity filled so far.
  quantity filled;
  /// pending_stop or working.
  venue_order_status status = venue_order_status::working;
};

/// A simulated exchange. Feed it commands (with their arrival time), replayed market data and the
/// passing of time; collect the execution events with take_events(). Time never goes backwards:
/// an input older than the venue's clock is handled at the clock's time. Not thread-safe.
class simulated_venue {
public:
  /// Creates a venue from settings that validate (invalid instruments are skipped).
  explicit simulated_venue(venue_settings settings);
  ~simulated_venue();
  simulated_venue(const simulated_venue&) = delete;
  simulated_venue& operator=(const simulated_venue&) = delete;

  /// Takes a new order that arrived at `arrival`; it takes effect after the latency.
  void submit(submit_order request, timestamp arrival);
  /// Takes a cancel that arrived at `arrival`; it takes effect after the latency.
  void cancel(cancel_order request, timestamp arrival);
  /// Takes a replace that arrived at `arrival`; it takes effect after the latency.
  void replace(replace_order request, timestamp arrival);

  /// Applies a replayed quote: new outside levels, then resting orders it crosses fill.
  void on_quote(const quote& q);
  /// Applies a replayed trade: resting orders it trades through fill, then stops trigger.
  void on_trade(const trade& t);
  /// Applies a replayed bar: resting orders its low/high trades through fill, stops trigger, and
  /// the close becomes the outside level.
  void on_bar(symbol_id symbol, const bar& b);

  /// Moves the clock to `now`: commands whose latency passed take effect and sessions close, in
  /// time order (a session close before a command at the same time).
  void advance_to(timestamp now);

  /// Ends the run at `now`: commands still in flight end (submits cancelled with reason shutdown,
  /// cancels done, replaces rejected with shutting_down), DAY orders expire; afterwards commands
  /// take effect at once and new orders are rejected with shutting_down.
  void stop(timestamp now);

  /// Forgets the orders that finished (filled, cancelled, expired, rejected after entry) since
  /// the last call, keeping a compact record (their id, owner, account and symbol): a reused id is
  /// still refused as duplicate_id, and a cancel or replace of a forgotten order gets the same
  /// answer as before (not_owner, order_finished, shutting_down). Returns how many were
  /// forgotten. Call it between inputs (the venue actor does after every step) so that memory
  /// does not grow with the number of orders.
  std::size_t forget_finished();

  /// Returns how many orders the venue holds (live and finished, not the forgotten ones).
  [[nodiscard]] std::size_t held_orders() const noexcept { return orders_.size(); }

  /// Returns the record of forgotten orders.
  [[nodiscard]] const orders::finished_orders& forgotten() const noexcept { return finished_; }

  /// Returns the next time the venue must be advanced without inputs (a command's latency ends, or
  /// a session closes while DAY orders live), or no_wakeup.
  [[nodiscard]] timestamp next_wakeup() const noexcept;

  /// Returns the events produced since the last call, in the order they happened.
  [[nodiscard]] std::vector<orders::execution_event> take_events();

  /// Returns the venue's clock.
  [[nodiscard]] timestamp now() const noexcept { return clock_; }
  /// Returns true after stop().
  [[nodiscard]] bool stopped() const noexcept { return stopped_; }
  /// Returns how many commands wait for their latency.
  [[nodiscard]] std::size_t queued_commands() const noexcept { return queue_.size(); }
  /// Returns the replayed market of `symbol`, or nullptr for an unknown symbol.
  [[nodiscard]] const outside_market* outside(symbol_id symbol) const noexcept;
  /// Returns the live (pending stop or working) orders, by id.
  [[nodiscard]] std::vector<venue_order_view> live_orders() const;
  /// Returns the settings.
  [[nodiscard]] const venue_settings& settings() const noexcept { return settings_; }

private:
  struct book_events;
  struct order_record;
  struct instrument_state;
  struct queued_command {
    timestamp active_at = 0;
    orders::order_command command;
  };

  // Commands (simulated_venue.cpp).
  void enqueue(orders::order_command command, timestamp arrival);
  void activate(const orders::order_command& command, timestamp ts);
  void activate_submit(const submit_order& request, timestamp ts);
  void activate_cancel(const cancel_order& request, timestamp ts);
  void activate_replace(const replace_order& request, timestamp ts);
  void replace_stop(order_record& rec, const replace_order& request, timestamp ts);
  void close_session(timestamp ts);
  [[nodiscard]] timestamp next_close() const noexcept;

  // Market data, crossing and stops (venue_market.cpp).
  void cross(instrument_state& st, side resting, price threshold, quantity& budget, timestamp ts);
  void trigger_stops(instrument_state& st, const bar* source, price last, timestamp ts);
  void execute_stop(instrument_state& st, order_record& rec, std::optional<price> at, timestamp ts);
  template <class Action>
  quantity with_outside(instrument_state& st, side taker, const std::optional<outside_level>& level,
                        timestamp ts, Action&& action);
  void enter_book(instrument_state& st, order_record& rec, timestamp ts, std::optional<price> at);

  // Events and bookkeeping (venue_events.cpp).
  [[nodiscard]] order_event_header header(const order_record& rec, timestamp ts) const;
  void reject(const order_event_header& h, command_kind command, order_reject_reason reason,
              std::string detail);
  void set_status(order_record& rec, venue_order_status status);
  void refresh_status(instrument_state& st, order_record& rec);
  [[nodiscard]] order_record* find_record(order_id client) noexcept;
  [[nodiscard]] std::optional<order_event_header> forgotten_header(order_id client,
                                                                   timestamp ts) const;
  [[nodiscard]] order_record* record_of_book_id(order_id book_id) noexcept;
  [[nodiscard]] instrument_state* instrument_of(symbol_id symbol) noexcept;

  venue_settings settings_;
  latency_sampler latency_;
  std::unique_ptr<book_events> listener_;
  std::vector<std::unique_ptr<instrument_state>> instruments_;
  std::unordered_map<symbol_id, std::size_t> by_symbol_;
  std::map<order_id, std::unique_ptr<order_record>> orders_;
  orders::finished_orders finished_;
  std::vector<order_id> done_;              // client ids that became done since forget_finished
  std::deque<order_id> client_of_book_;     // by book id - 1 - book_base_; forgotten: ~0
  order_id book_base_ = 0;
  std::deque<queued_command> queue_;
  std::vector<orders::execution_event> events_;
  timestamp clock_ = 0;
  bool clock_started_ = false;
  timestamp last_activation_ = 0;
  std::size_t live_day_orders_ = 0;
  std::uint64_t next_synthetic_ = 0;
  trade_id next_trade_ = 1;
  quantity synthetic_traded_;
  bool stopped_ = false;
};

} // namespace bourse::venue
