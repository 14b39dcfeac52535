#pragma once
// The order manager core: validation, routing by symbol, the order lifecycle, pre-trade risk with
// rate limits, and a priority lane in which cancels and market orders overtake queued limit and
// stop orders. Plain C++ (no CAF): commands in, actions out; time is an argument.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <list>
#include <map>
#include <set>
#include <unordered_map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <variant>
#include <vector>

#include "bourse/core/time.hpp"
#include "bourse/market/types.hpp"
#include "bourse/orders/order_flow.hpp"
#include "bourse/orders/order_manager_settings.hpp"
#include "bourse/orders/order_tracker.hpp"
#include "bourse/orders/risk_engine.hpp"
#include "bourse/orders/trailing_stop.hpp"

namespace bourse::orders {

/// An action: send a command to the venue with this index (as given to add_route).
struct venue_command {
  /// The venue's index.
  std::size_t venue = 0;
  /// The command.
  order_command command;
};

/// An action: send an event to the strategy that owns the order.
struct strategy_event {
  /// The strategy.
  bourse::strategy_id strategy = 0;
  /// The event.
  execution_event event;
};

/// An action: send a fill to every fill listener (the portfolio).
struct fill_report {
  /// The fill: order_filled when it completes the order, order_partially_filled otherwise.
  std::variant<order_partially_filled, order_filled> event;
};

/// What the core asks its owner to do, in order.
using om_action = std::variant<venue_command, strategy_event, fill_report>;

/// Returns true for commands that go to the priority lane: cancels and market orders.
[[nodiscard]] bool is_priority(const order_command& command) noexcept;

/// The order manager core. Commands are queued into two lanes by enqueue() and handled by drain(),
/// the priority lane (cancels, market orders) first, then the normal lane (limit, stop and
/// stop-limit orders, replaces), each in arrival order. A cancel whose order still waits in the
/// normal lane removes it there and cancels it without involving a venue. Venue events, market
/// data and stop() are handled at once. Every refusal is an order_rejected to the strategy with a
/// typed reason and a sentence naming the order id and the numbers. Not thread-safe.
///
/// Order links (docs/order-manager.md): bracket exits (submit_order::parent) are held until their
/// entry fills and then placed for the filled quantity; one-cancels-other pairs (submit_order::oco,
/// and the exits of one entry) shrink each other on fills and cancel each other when one ends;
/// trailing stops (submit_order::trail_offset / trail_bps) are held here, follow the reference
/// prices and go to the venue as market orders when they trigger; reduce-only orders are refused
/// when they could increase the position and shrunk or cancelled when fills leave less to reduce.
class order_manager_core {
public:
  /// Creates a core with the settings' limits (limits that do not validate are left out; check
  /// settings.validate() first).
  explicit order_manager_core(const order_manager_settings& settings);

  /// Routes `symbol` to the venue with index `venue`; false (and no change) for a symbol that
  /// already has a route.
  [[nodiscard]] bool add_route(symbol_id symbol, std::size_t venue);

  /// Queues a command from a strategy into its lane.
  void enqueue(order_command command);

  /// Handles every queued command at time `now`: the priority lane first.
  void drain(timestamp now);

  /// Returns how many commands wait in both lanes.
  [[nodiscard]] std::size_t queued() const noexcept { return priority_.size() + normal_.size(); }

  /// Applies an event reported by a venue and forwards it to the owning strategy (fills also to
  /// the fill listeners).
  void on_venue_event(execution_event event, timestamp now);

  /// Takes a quote's mid as the symbol's reference price.
  void on_quote(const quote& q);
  /// Takes a trade's price as the symbol's reference price.
  void on_trade(const trade& t);
  /// Takes a bar's close as the symbol's reference price.
  void on_bar(symbol_id symbol, const bar& b);

  /// Ends the run at `now`: handles what is queued, then refuses new orders (shutting_down) and
  /// asks the venues to cancel every open order; those cancels are reported with reason shutdown.
  void stop(timestamp now);

  /// Returns true when no order is queued, held, in flight or open: no event can come.
  [[nodiscard]] bool idle() const noexcept {
    return tracker_.live() == 0 && priority_.empty() && normal_.empty() && held_.empty();
  }

  /// Returns true when actions wait for take_actions() (market data can trigger a trailing stop).
  [[nodiscard]] bool has_actions() const noexcept { return !actions_.empty(); }

  /// Returns the stop price of trailing stop `id` as it stands now, if it is held here (not yet
  /// triggered).
  [[nodiscard]] std::optional<price> trailing_stop_price(order_id id) const;

  /// Returns true after stop().
  [[nodiscard]] bool shutting_down() const noexcept { return shutting_down_; }

  /// Forgets the finished orders that no venue answer can concern any more (terminal, and every
  /// cancel and replace sent for them answered), keeping a compact record (order_tracker::
  /// forgotten): a reused id is still refused as duplicate_id and a cancel or replace of a
  /// forgotten order is still refused as not_owner or order_finished with the same words.
  /// Returns how many were forgotten. Call it now and then (the actor does after every step) to
  /// keep memory from growing with the number of orders.
  std::size_t forget_finished();

  /// Returns the actions produced since the last call, in order.
  [[nodiscard]] std::vector<om_action> take_actions();

  /// Returns notes about venue events the lifecycle refused (they point at a bug somewhere).
  [[nodiscard]] std::vector<std::string> take_warnings();

  /// Returns the open orders of `strategy` (0: of every strategy) by id, including orders still
  /// queued and bracket exits held for their entry (in state new); a held trailing stop shows its
  /// stop price as it stands.
  [[nodiscard]] std::vector<order> open_orders(bourse::strategy_id strategy = 0) const;

  /// Returns the tracker holding every order handled so far.
  [[nodiscard]] const order_tracker& tracker() const noexcept { return tracker_; }

  /// Returns the reference price of `symbol`, if one is known.
  [[nodiscard]] std::optional<price> reference_price(symbol_id symbol) const;

  /// Adds `net` to the positions of `strategy` and `account` in `symbol`: a run recovered from a
  /// journal starts from the positions its fills built (the risk rules then see them).
  void restore_position(strategy_id strategy, account_id account, std::string_view symbol,
                        quantity net);
  /// Returns the net position of a strategy or account in `symbol`, from the fills seen.
  [[nodiscard]] quantity position(owner_ref owner, std::string_view symbol) const;

private:
  struct order_info {
    std::size_t venue = 0;
    bool cancel_in_flight = false;
    bool shutdown = false;
    std::uint32_t requests_out = 0; // cancels and replaces sent to the venue, not yet answered
    bool emulated = false;          // a trailing stop held here
    bool emulated_sent = false;     // ... that triggered: its market order went to the venue
    bool reduce_only = false;
    std::optional<order_cancel_reason> cancel_reason{}; // why the order manager cancelled it
  };
  // One-cancels-other members: a bracket's exits (parent = the entry) or a plain pair.
  struct exit_member {
    order_id id = 0;
    quantity base{}; // plain pair: the member's own quantity; brackets use the entry's fills
  };
  struct exit_group {
    order_id parent = 0;   // the entry of a bracket; 0 for a plain pair
    order_id expected = 0; // plain pair: the sibling named, not yet arrived
    std::vector<exit_member> members{};
    quantity entry_filled{};
    quantity exit_filled{};
    bool closed = false;
    order_cancel_reason close_reason = order_cancel_reason::oco;
  };
  struct trailing_entry {
    symbol_id symbol{};
    trailing_stop stop{};
  };
  using normal_lane = std::list<order_command>;
  using position_key = std::tuple<owner_kind, std::uint32_t, std::string>;

  // Commands (order_manager_core.cpp).
  void handle(order_command& command, timestamp now);
  void handle_submit(submit_order& r, timestamp now); // moves r to the venue
  void handle_cancel(const cancel_order& c, timestamp now);
  void handle_replace(const replace_order& p, timestamp now);
  bool cancel_queued(const cancel_order& c, timestamp now);
  void send_cancel(const order& o, order_info& info, timestamp now);
  void ensure_limits(const order& o);
  [[nodiscard]] risk_context context_for(const order& o, bool leave_out_self) const;
  void accept_emulated(const order& o, timestamp now);

  // Links, trailing stops, reduce-only (order_manager_links.cpp).
  [[nodiscard]] std::optional<std::string> check_links(const submit_order& r) const;
  [[nodiscard]] std::optional<std::pair<order_reject_reason, std::string>>
  check_flags(const submit_order& r) const;
  void hold_exit(submit_order& r, timestamp now);
  void join_pair(const submit_order& r);
  void place_exit(order_id id, quantity qty, timestamp now);
  void sync_group(order_id key, timestamp now);
  void after_event(order_id id, quantity fill_qty, timestamp now);
  void om_cancel(const order& o, order_cancel_reason reason, timestamp now);
  void om_resize(const order& o, quantity open, timestamp now);
  void end_emulated(const order& o, order_cancel_reason reason, timestamp now);
  bool cancel_held(const cancel_order& c, timestamp now);
  void drop_held(order_id id, order_cancel_reason reason, timestamp now);
  void on_reference(symbol_id symbol, price px, timestamp now);
  void on_reference_bar(symbol_id symbol, const bar& b);
  void fire_trailing(order_id id, timestamp now);
  void check_reduce_only(const order& filled, timestamp now);

  // Events (order_manager_events.cpp).
  void forward(const order& o, execution_event event, timestamp now);
  void reject(const order_event_header& h, command_kind command, order_reject_reason reason,
              std::string detail);
  void warn(std::string text) { warnings_.push_back(std::move(text)); }
  void book_fill(const order& o, const fill& f);
  [[nodiscard]] order_event_header header_of_order(const order& o, timestamp now) const;
  bool refuse_forgotten(order_id id, bourse::strategy_id requester, command_kind command,
                        timestamp now);

  risk_engine risk_;
  order_manager_settings settings_;
  order_tracker tracker_;
  std::map<order_id, order_info> info_;
  std::unordered_map<symbol_id, std::size_t> routes_;
  std::unordered_map<symbol_id, price> reference_;
  std::map<position_key, quantity, std::less<>> positions_;
  std::map<std::uint32_t, bool> limits_set_strategy_;
  std::map<std::uint32_t, bool> limits_set_account_;
  std::deque<order_command> priority_;
  normal_lane normal_;
  std::map<order_id, normal_lane::iterator> queued_submits_;
  std::vector<order_id> finished_candidates_; // terminal, waiting for venue answers
  std::map<order_id, submit_order> held_;      // bracket exits waiting for their entry's fills
  std::map<order_id, exit_group> groups_;      // by the entry (brackets) or the first member
  std::map<order_id, order_id> group_of_;      // entry and member ids -> group key
  std::map<order_id, trailing_entry> trailing_; // trailing stops held here, not yet triggered
  std::vector<order_id> fired_;                // scratch: trailing stops triggered by one price
  std::set<order_id> reduce_only_;             // live reduce-only orders
  std::vector<om_action> actions_;
  std::vector<std::string> warnings_;
  bool shutting_down_ = false;
};

} // namespace bourse::orders
