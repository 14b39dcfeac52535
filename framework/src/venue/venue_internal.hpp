#pragma once
// Private parts of the simulated venue shared by its source files: the order record, the
// per-instrument state, the book listener and tick/lot grid rounding.

#include <memory>
#include <optional>
#include <vector>

#include "bourse/book/listener.hpp"
#include "bourse/book/order_book.hpp"
#include "bourse/venue/simulated_venue.hpp"

namespace bourse::venue {

/// Book ids at or above this belong to synthetic orders that stand for the replayed market.
inline constexpr order_id synthetic_id_base = order_id{1} << 63;

/// The client id kept for a book id whose order the venue forgot.
inline constexpr order_id forgotten_client = ~order_id{0};

/// Returns true for a synthetic (outside liquidity) book id.
[[nodiscard]] constexpr bool is_synthetic(order_id book_id) noexcept {
  return book_id >= synthetic_id_base;
}

/// One simulated order as the venue keeps it (by client id).
struct simulated_venue::order_record {
  submit_order request; // as submitted: owner, symbol, side, type, tif
  std::size_t instrument = 0;
  order_id book_id = 0; // 0 until it enters the book
  std::optional<price> limit;
  std::optional<price> stop;
  quantity open;
  quantity filled;
  venue_order_status status = venue_order_status::queued;
  bool accepted_reported = false;
};

/// One instrument: its book of simulated orders, the replayed market and the pending stops.
struct simulated_venue::instrument_state {
  instrument instr;
  std::unique_ptr<book::order_book> book;
  outside_market market;
  std::vector<order_id> stops; // client ids of pending stops, in the order they were accepted
};

/// Turns the books' reports into execution events.
struct simulated_venue::book_events final : book::listener {
  explicit book_events(simulated_venue& venue) : venue_(venue) {}
  void on_accepted(order_id id, timestamp ts) override;
  void on_rejected(order_id id, book::request_kind kind, book::reject_reason reason,
                   timestamp ts) override;
  void on_trade(const book::trade_event& trade) override;
  void on_cancelled(order_id id, quantity remaining, book::cancel_reason reason,
                    timestamp ts) override;
  void on_replaced(const book::order_view& order, timestamp ts) override;

private:
  void fill(order_id book_id, const book::trade_event& trade, trade_id venue_trade);
  simulated_venue& venue_;
};

// Puts the outside level (if any) into the book as a synthetic order on the other side of `taker`,
// runs `action` (which makes a simulated order trade as a taker), then withdraws the synthetic
// order. Returns how much outside liquidity the simulated orders took.
template <class Action>
quantity simulated_venue::with_outside(instrument_state& st, side taker,
                                       const std::optional<outside_level>& level, timestamp ts,
                                       Action&& action) {
  order_id synthetic = 0;
  synthetic_traded_ = quantity{};
  if (level && level->available.is_positive()) {
    synthetic = synthetic_id_base + next_synthetic_++;
    book::new_order outside;
    outside.id = synthetic;
    outside.side = opposite(taker);
    outside.type = order_type::limit;
    outside.tif = time_in_force::gtc;
    outside.limit_price = level->px;
    outside.qty = level->available;
    st.book->submit(outside, ts);
  }
  action();
  if (synthetic != 0) {
    const auto status = st.book->status(synthetic);
    if (status == book::order_status::resting)
      st.book->cancel(synthetic, ts);
    (void)st.book->forget(synthetic); // finished now: nothing refers to it any more
  }
  return synthetic_traded_;
}

/// Returns the largest price on `instr`'s tick grid at or below `px`; nullopt on overflow.
[[nodiscard]] std::optional<price> floor_to_tick(const instrument& instr, price px) noexcept;
/// Returns the smallest price on `instr`'s tick grid at or above `px`; nullopt on overflow.
[[nodiscard]] std::optional<price> ceil_to_tick(const instrument& instr, price px) noexcept;
/// Returns the largest quantity on `instr`'s lot grid at or below `qty` (zero when below a lot).
[[nodiscard]] quantity floor_to_lot(const instrument& instr, quantity qty) noexcept;
/// Returns a practically unlimited quantity on `instr`'s lot grid (10^12 lots, or less if needed).
[[nodiscard]] quantity unlimited_quantity(const instrument& instr) noexcept;
/// Returns the level for an outside side at `px` with `size`: rounded to the grid (asks up, bids
/// down), nullopt when the price or the size is not positive.
[[nodiscard]] std::optional<outside_level> make_level(const instrument& instr, side book_side,
                                                      price px, quantity size) noexcept;

} // namespace bourse::venue
