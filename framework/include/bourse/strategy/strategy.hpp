#pragma once
// The base class of every strategy: event handlers to override, and helpers to trade, read
// positions and open orders, set timers and log. Plain C++: a test drives a strategy through a
// recording_context by calling the handle_* functions, exactly as the strategy actor does.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bourse/core/enums.hpp"
#include "bourse/core/fixed_point.hpp"
#include "bourse/core/ids.hpp"
#include "bourse/core/time.hpp"
#include "bourse/market/types.hpp"
#include "bourse/orders/position.hpp"
#include "bourse/strategy/context.hpp"
#include "bourse/strategy/events.hpp"
#include "bourse/strategy/spec.hpp"
#include "bourse/strategy/working_orders.hpp"

namespace bourse {

/// Who a strategy instance is: set by the driver in attach().
struct strategy_identity {
  /// The strategy's id (the top bits of its order ids; 0 is reserved for "all strategies").
  strategy_id id = 1;
  /// The account it trades for.
  account_id account = 1;
  /// A name for logs and reports, e.g. "sma_cross".
  std::string name;
  /// The cash the strategy starts with (the portfolio's initial cash for it); cash(), equity()
  /// and buying_power() start from it.
  money initial_cash{};
  /// Lot size by symbol (the venues' instruments); sizing helpers round to it. A symbol without
  /// an entry trades in lots of 1.
  std::map<std::string, quantity, std::less<>> lot_sizes{};
};

/// Thrown from a handler, ends the strategy at once instead of counting as one of its max_errors:
/// with a restart left in its restart policy (strategy_actor_config::restart) its actor halts it
/// and later replaces it with a new instance; otherwise its actor exits with this error, and
/// supervision isolates it (its open orders are cancelled, the rest of the system trades on;
/// docs/operations.md, "Supervision"). For a state the strategy cannot go on from.
class strategy_fatal_error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// What a strategy restarted after a failure carries over from the instance it replaces
/// (strategy::books(), strategy::restore()): its order and timer numbering (the order manager
/// refuses an id used before), its positions, marks and cash. Open orders and timers are not
/// carried over: the failed instance cancels them before it is replaced.
struct strategy_books {
  /// Order ids used so far (the next order gets the next sequence number).
  std::uint64_t sequence = 0;
  /// Timer ids used so far.
  timer_id timers = 0;
  /// Positions by symbol.
  std::map<std::string, orders::position, std::less<>> positions;
  /// Latest marks by symbol.
  std::map<std::string, price, std::less<>> marks;
  /// Cash.
  money cash;
};

/// The base class of user strategies.
///
/// Lifecycle: attach() once, then handle_start(), then any number of handle_* calls, then
/// handle_stop(). Each handle_* first updates the base class's books (positions from the
/// strategy's own fills, open orders from its commands and order updates, marks from market data)
/// and then calls the matching virtual on_* handler. After handle_stop() or halt() no on_* handler
/// runs any more and the trading helpers send nothing; the books keep following fills and
/// updates. Handlers run one at a time (the strategy actor is single-threaded).
class strategy {
public:
  /// Destroys the strategy.
  virtual ~strategy() = default;
  /// Strategies are not copied (they own books and talk to one context).
  strategy(const strategy&) = delete;
  /// Strategies are not copied.
  strategy& operator=(const strategy&) = delete;

  /// Returns what the strategy needs wired (streams, indicators, aggregated quotes); called by the
  /// builder before the run, may be called at any time.
  [[nodiscard]] virtual strategy_spec requirements() const = 0;

  // -- driver side: the strategy actor and tests call these -----------------------------------

  /// Binds the strategy to its context and identity; call once, before anything else.
  void attach(strategy_context& context, strategy_identity identity);
  /// Calls on_start() (once; later calls do nothing).
  void handle_start();
  /// Marks the position in the quote's symbol at the mid, then calls on_quote().
  void handle_quote(const quote& q);
  /// Marks the position at the trade price, then calls on_trade().
  void handle_trade(const trade& t);
  /// Marks the position at the bar's close, then calls on_bar().
  void handle_bar(const std::string& symbol, const bar& b);
  /// Calls on_indicator().
  void handle_indicator(const indicator_update& update);
  /// Calls on_aggregated_quote().
  void handle_aggregated_quote(const cross_venue_quote& q);
  /// Updates the open orders, then calls on_order_update(); an update of another strategy's
  /// order (by the id's strategy bits) is logged and ignored.
  void handle_order_update(const order_update& update);
  /// Books the fill into the position and the open orders, then calls on_fill(); a fill of
  /// another strategy's order is logged and ignored.
  void handle_fill(const fill_event& fill);
  /// Calls on_timer() when timer `id` is one the strategy set and has not cancelled.
  void handle_timer(timer_id id, timestamp now);
  /// Calls on_stop() (once; later calls do nothing).
  void handle_stop();
  /// Stops the strategy for good: cancels every open order, then no handler runs any more. Used by
  /// the strategy actor after too many exceptions; `reason` goes to the log.
  void halt(std::string_view reason);
  /// Returns the books a replacement instance continues from (see strategy_books).
  [[nodiscard]] strategy_books books() const;
  /// Continues from `books` of a failed instance of the same strategy: call after attach() and
  /// before handle_start(). The identity's initial cash stays as given; cash() becomes books.cash.
  void restore(strategy_books books);

  // -- state, readable from anywhere ----------------------------------------------------------

  /// Returns the identity given to attach().
  [[nodiscard]] const strategy_identity& identity() const noexcept { return identity_; }
  /// Returns true after handle_start().
  [[nodiscard]] bool started() const noexcept { return started_; }
  /// Returns true after handle_stop().
  [[nodiscard]] bool stopped() const noexcept { return stopped_; }
  /// Returns true after halt().
  [[nodiscard]] bool halted() const noexcept { return halted_; }
  /// Returns true while handlers run and helpers trade (started, not stopped, not halted).
  [[nodiscard]] bool active() const noexcept { return started_ && !stopped_ && !halted_; }

  /// Returns the strategy's position in `symbol` (a flat one when it never traded it).
  [[nodiscard]] orders::position position(std::string_view symbol) const;
  /// Returns every position the strategy traded, by symbol.
  [[nodiscard]] const std::map<std::string, orders::position, std::less<>>& positions() const
      noexcept {
    return positions_;
  }
  /// Returns the open orders in `symbol` (all symbols when empty), ascending by id.
  [[nodiscard]] std::vector<working_order> open_orders(std::string_view symbol = {}) const {
    return orders_.list(symbol);
  }
  /// Returns the open order with `id`, or nullptr.
  [[nodiscard]] const working_order* find_order(order_id id) const { return orders_.find(id); }
  /// Returns how many of this strategy's orders are submitted and not yet terminal.
  [[nodiscard]] std::size_t open_order_count() const noexcept { return orders_.size(); }
  /// Returns the signed open quantity of the open orders in `symbol` (buys minus sells).
  [[nodiscard]] quantity open_quantity(std::string_view symbol) const {
    return orders_.net_open(symbol);
  }
  /// Returns position plus open quantity in `symbol`: where the position goes if everything
  /// open fills.
  [[nodiscard]] quantity exposure(std::string_view symbol) const;
  /// Returns the current time from the context (data time in backtests); 0 before attach().
  [[nodiscard]] timestamp now() const;
  /// Returns how many order ids the strategy used (a bracket uses one per order).
  [[nodiscard]] std::uint64_t orders_submitted() const noexcept { return sequence_; }

  // -- the account, as the strategy's own fills and the market data it receives value it -------

  /// Returns the cash: the initial cash minus what buys cost, plus what sells brought, minus fees.
  [[nodiscard]] money cash() const noexcept { return cash_; }
  /// Returns the equity: cash plus every position valued at its latest mark (quote mid, trade,
  /// bar close) or, before any, its last fill price.
  [[nodiscard]] money equity() const;
  /// Returns the buying power: cash minus what the open buy orders reserve, each for its open
  /// quantity at its limit price (limit and stop-limit), stop price (stop) or the mark (market;
  /// nothing without a mark). No margin: sells and short positions reserve nothing.
  [[nodiscard]] money buying_power() const;
  /// Returns the latest mark of `symbol` from the market data the strategy received, if any.
  [[nodiscard]] std::optional<price> mark(std::string_view symbol) const;
  /// Returns the lot size of `symbol` (identity().lot_sizes; 1 when unknown).
  [[nodiscard]] quantity lot_size(std::string_view symbol) const;
  /// Returns the position `value` buys at the mark of `symbol`, rounded toward zero to whole
  /// lots (negative values give short positions); nullopt without a mark.
  [[nodiscard]] std::optional<quantity> quantity_for(std::string_view symbol, money value) const;

protected:
  /// Creates a strategy (only derived classes do).
  strategy() = default;

  // -- handlers to override (all do nothing by default) ---------------------------------------

  /// Called once before any other handler.
  virtual void on_start() {}
  /// A quote of a subscribed symbol.
  virtual void on_quote(const quote& q) { (void)q; }
  /// A trade print of a subscribed symbol.
  virtual void on_trade(const trade& t) { (void)t; }
  /// A bar of a subscribed symbol.
  virtual void on_bar(const std::string& symbol, const bar& b) {
    (void)symbol;
    (void)b;
  }
  /// New values of a requested indicator.
  virtual void on_indicator(const indicator_update& update) { (void)update; }
  /// New cross-venue best bid and ask of a requested instrument.
  virtual void on_aggregated_quote(const cross_venue_quote& q) { (void)q; }
  /// One of the strategy's orders was accepted, rejected, cancelled, replaced, expired or
  /// triggered.
  virtual void on_order_update(const order_update& update) { (void)update; }
  /// One of the strategy's orders filled (partly or completely); position() already includes it.
  virtual void on_fill(const fill_event& fill) { (void)fill; }
  /// A timer set with set_timer_at() or set_timer_after() is due; `now` is the current time.
  virtual void on_timer(timer_id id, timestamp now) {
    (void)id;
    (void)now;
  }
  /// Called once at the end of the run (the order manager cancels what is still open afterwards).
  virtual void on_stop() {}

  // -- helpers for handlers -------------------------------------------------------------------

  /// Sends a new order; returns its id, or 0 when nothing was sent (not active).
  order_id submit(const order_request& request);
  /// Sends a market order; returns its id or 0.
  order_id submit_market(std::string_view symbol, side order_side, quantity qty,
                         time_in_force tif = time_in_force::gtc);
  /// Sends a limit order; returns its id or 0.
  order_id submit_limit(std::string_view symbol, side order_side, quantity qty, price limit,
                        time_in_force tif = time_in_force::gtc);
  /// Sends a stop (stop-market) order; returns its id or 0.
  order_id submit_stop(std::string_view symbol, side order_side, quantity qty, price stop,
                       time_in_force tif = time_in_force::gtc);
  /// Sends a stop-limit order; returns its id or 0.
  order_id submit_stop_limit(std::string_view symbol, side order_side, quantity qty, price stop,
                             price limit, time_in_force tif = time_in_force::gtc);
  /// Sends a market order for the difference between `target` and exposure(symbol); returns its
  /// id, or 0 when the exposure already equals the target (or not active).
  order_id order_target(std::string_view symbol, quantity target);
  /// Sends a market order that takes the exposure in `symbol` to the position worth `value` at the
  /// current mark (quantity_for); returns its id, or 0 when there is no mark yet, the exposure is
  /// already there, or not active.
  order_id order_target_value(std::string_view symbol, money value);
  /// Like order_target_value for `fraction` of equity() (e.g. 0.5 for half, -0.25 for a short of a
  /// quarter; six decimals count).
  order_id order_target_percent(std::string_view symbol, double fraction);
  /// Sends a trailing stop (a stop-market order that the order manager holds and moves with the
  /// market, `offset` and/or `bps` from the best price seen); returns its id or 0.
  order_id submit_trailing_stop(std::string_view symbol, side order_side, quantity qty,
                                price offset, std::uint32_t bps = 0,
                                time_in_force tif = time_in_force::gtc);
  /// Sends a bracket: the entry, then the stop-loss and take-profit asked for, linked so that the
  /// order manager places the exits for what the entry fills and cancels one when the other
  /// fills. Returns the ids (all 0 when not active; an exit not asked for has id 0).
  bracket_ids submit_bracket(const bracket_request& bracket);
  /// Sends two orders as a one-cancels-other pair (neither a market order): a fill of one shrinks
  /// the other by as much, and when one ends the other is cancelled. Returns both ids (0, 0 when
  /// not active).
  std::pair<order_id, order_id> submit_oco(const order_request& first,
                                           const order_request& second);
  /// Asks to cancel open order `id`; returns false (and sends nothing) when it is not open, a
  /// cancel or replace is already pending, or the strategy is not active.
  bool cancel(order_id id);
  /// Cancels every open order in `symbol` (all symbols when empty); returns how many were asked.
  std::size_t cancel_all(std::string_view symbol = {});
  /// Asks to change open order `id`'s limit price and/or open quantity (zero keeps a field);
  /// returns false when it is not open, a request is pending, or the strategy is not active.
  bool replace(order_id id, price new_price, quantity new_qty);

  /// Sets a timer due at data time `at`; returns its id (handle_timer gets it back), or 0 when not
  /// active.
  timer_id set_timer_at(timestamp at);
  /// Sets a timer due `delay` nanoseconds from now(); returns its id, or 0 when not active.
  timer_id set_timer_after(duration_ns delay);
  /// Cancels a timer; returns false when it is not pending.
  bool cancel_timer(timer_id id);

  /// Writes a debug line to the strategy's log.
  void log_debug(std::string_view message) const { log(log_level::debug, message); }
  /// Writes an info line to the strategy's log.
  void log_info(std::string_view message) const { log(log_level::info, message); }
  /// Writes a warning to the strategy's log.
  void log_warn(std::string_view message) const { log(log_level::warn, message); }
  /// Writes an error to the strategy's log.
  void log_error(std::string_view message) const { log(log_level::error, message); }
  /// Writes a line at `level` to the strategy's log.
  void log(log_level level, std::string_view message) const;

private:
  bool can_trade() const noexcept { return context_ != nullptr && active(); }
  order_id send(order_id id, const order_request& request, order_id parent, order_id oco);
  void set_mark(std::string_view symbol, price px);
  void cancel_open(std::string_view symbol);
  orders::position& position_for(std::string_view symbol);

  strategy_context* context_ = nullptr;
  strategy_identity identity_;
  bool started_ = false;
  bool stopped_ = false;
  bool halted_ = false;
  std::uint64_t sequence_ = 0;
  timer_id next_timer_ = 0;
  std::map<timer_id, timestamp> timers_;
  std::map<std::string, orders::position, std::less<>> positions_;
  std::map<std::string, price, std::less<>> marks_;
  money cash_;
  working_orders orders_;
};

} // namespace bourse
