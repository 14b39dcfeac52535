#pragma once
// The portfolio actor's books: one orders::portfolio per strategy and per account, marks by
// symbol, and an equity curve sampled at most once per time slice. Plain C++, time passed in.
// Equity is kept incrementally (equity_tracker): a sample costs O(strategies), a mark
// O(positions in that symbol).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bourse/core/interned_string.hpp"
#include "bourse/core/enums.hpp"
#include "bourse/core/fixed_point.hpp"
#include "bourse/core/ids.hpp"
#include "bourse/core/time.hpp"
#include "bourse/orders/portfolio.hpp"
#include "bourse/strategy/equity_tracker.hpp"

namespace bourse {

/// How the ledger starts and samples.
struct ledger_config {
  /// Initial cash of a strategy not listed in `cash`.
  money default_cash = money::from_units(100'000);
  /// Initial cash per strategy; listed strategies appear in the equity curve from the start.
  std::map<strategy_id, money> cash;
  /// Further strategies known from the start (not listed in `cash`): each is in the equity curve
  /// from the first sample with default_cash, so that its curve starts at the data start and the
  /// total counts it before its first fill. A strategy that is in neither list joins the books at
  /// its first fill (its curve and the total then jump by its cash at that fill).
  std::vector<strategy_id> strategies;
  /// Symbols whose marks are sampled with the equity (mark_curve(): one mark_point per symbol
  /// already marked, at every sample, thinned with the equity curve), e.g. the traded instruments
  /// for price charts and trade analysis. Memory: symbols x samples points.
  std::vector<std::string> sampled_symbols;
  /// The least data time between two equity samples (0: one sample per slice with activity).
  duration_ns sample_interval = 0;
  /// The most samples the equity curve keeps (0: no limit), so that it stays bounded however long
  /// the data. When a sample would exceed it, every other kept sample is dropped and from then on
  /// only every 2nd (later 4th, 8th, ...) sample is kept; the first and the latest sample are
  /// always in the curve. Deterministic: it depends only on the sequence of samples. The default
  /// (131,072) keeps every sample of 100,000 slices, e.g. the demo's 200,000-tick run.
  std::size_t max_curve_samples = std::size_t{1} << 17;

  /// Returns every problem: negative cash, negative interval, strategy id 0 (reserved for totals),
  /// an empty sampled symbol.
  [[nodiscard]] std::vector<std::string> validate() const;
};

/// One fill as the ledger books it.
struct ledger_fill {
  timestamp ts = 0;         ///< Data time of the execution (ns).
  strategy_id strategy = 0; ///< The strategy that traded.
  account_id account = 0;   ///< Its account.
  symbol_id symbol;         ///< The instrument.
  side fill_side = side::buy; ///< Buy or sell.
  price px;                 ///< Execution price.
  quantity qty;             ///< Executed quantity.
  money fee;                ///< Fee paid (negative: rebate).
};

/// One owner's position in one symbol at a moment.
struct position_snapshot {
  timestamp ts = 0;         ///< Data time (ns).
  strategy_id strategy = 0; ///< The strategy, or 0 for the account's aggregate.
  account_id account = 0;   ///< The account.
  symbol_id symbol;         ///< The instrument.
  quantity net;             ///< Signed net quantity.
  std::optional<price> avg_price; ///< Average entry price; nullopt when flat.
  money realised;           ///< Realised PnL, fees excluded.
  money unrealised;         ///< Unrealised PnL at the latest mark.
  money fees;               ///< Fees paid.
};

/// One point of the equity curve.
struct equity_point {
  timestamp ts = 0;         ///< Data time of the slice sampled (ns).
  strategy_id strategy = 0; ///< The strategy, or 0 for the sum of all strategies.
  money equity;             ///< Cash + market value = initial cash + realised + unrealised - fees.
};

/// The mark of one symbol at an equity sample.
struct mark_point {
  timestamp ts = 0;  ///< Data time of the slice sampled (ns), as the equity_point's.
  symbol_id symbol;  ///< The instrument.
  price px;          ///< Its latest mark at that time.
};

/// Returns a + b, the total of several equities: exact when the sum fits an int64 at the larger
/// precision; otherwise the largest value of the sum's sign at that precision (the total saturates
/// rather than overflowing).
[[nodiscard]] money add_equities(money a, money b) noexcept;

/// Positions and PnL per strategy and per account, marked to market, with an equity curve.
///
/// The clock: advance(ts) before handling an input of time ts. When ts is later than the
/// current slice and a fill or mark changed something in it, the ledger samples every strategy's
/// equity (ascending id, then the total as strategy 0) stamped with that slice's time (subject to
/// sample_interval). flush() samples the last slice at the end of a run.
class portfolio_ledger {
public:
  /// Creates the ledger (config must be valid).
  explicit portfolio_ledger(ledger_config config);

  /// Books a fill into the strategy's and the account's portfolio and appends the changed
  /// positions to `changed` (the strategy's, then the account's with strategy 0); returns the
  /// refusal, and changes nothing then, when the position refuses the fill.
  [[nodiscard]] std::optional<orders::position_error>
  book(const ledger_fill& fill, std::vector<position_snapshot>* changed = nullptr);

  /// Sets the mark of `symbol` (what unrealised PnL and equity use).
  void mark(std::string_view symbol, price px);

  /// Moves the clock to `ts`; returns the samples taken for the slice it leaves (may be empty).
  [[nodiscard]] std::vector<equity_point> advance(timestamp ts);

  /// Samples the current slice if anything changed since the last sample; returns the samples.
  [[nodiscard]] std::vector<equity_point> flush();

  /// Returns the samples kept (every sample taken, in order, until max_curve_samples is reached;
  /// then every curve_stride()-th sample and the latest one).
  [[nodiscard]] const std::vector<equity_point>& curve() const noexcept { return curve_; }

  /// Returns the marks of ledger_config::sampled_symbols kept with the samples (per sample, the
  /// symbols already marked in ascending text order), thinned as curve().
  [[nodiscard]] const std::vector<mark_point>& mark_curve() const noexcept { return marks_; }

  /// Returns how many samples were taken in all (kept or not).
  [[nodiscard]] std::uint64_t samples_taken() const noexcept { return samples_taken_; }

  /// Returns the step between kept samples: 1 until the curve was first thinned, then 2, 4, ...
  [[nodiscard]] std::uint64_t curve_stride() const noexcept { return stride_; }

  /// Returns every position: each strategy's by symbol (ascending id), then each account's.
  [[nodiscard]] std::vector<position_snapshot> positions() const;

  /// Returns the equity of `strategy` at the current marks (its initial cash when unknown).
  [[nodiscard]] money equity(strategy_id strategy) const;

  /// Returns the sum of every strategy's equity (add_equities: saturates instead of overflowing).
  [[nodiscard]] money total_equity() const;

  /// Returns the current slice's time.
  [[nodiscard]] timestamp now() const noexcept { return now_; }

  /// Returns how many fills were booked.
  [[nodiscard]] std::uint64_t fills() const noexcept { return fills_; }

private:
  struct strategy_book {
    account_id account = 0;
    orders::portfolio book;
    std::uint32_t slot = 0; // its owner slot in equity_
  };

  strategy_book& strategy_for(strategy_id strategy, account_id account);
  position_snapshot snapshot(strategy_id strategy, account_id account,
                             const orders::position& pos) const;
  money equity_of(const strategy_book& strat) const;
  std::vector<equity_point> sample();
  void keep(const std::vector<equity_point>& points, const std::vector<mark_point>& marks);
  void thin();

  struct kept_sample {
    std::uint64_t index = 0;  // which sample this was (0 = the first taken)
    std::uint32_t points = 0; // how many points of curve_ it holds
    std::uint32_t marks = 0;  // how many points of marks_ it holds
  };

  ledger_config config_;
  std::map<strategy_id, strategy_book> strategies_;
  std::map<account_id, orders::portfolio> accounts_;
  equity_tracker equity_; // the marks and every strategy's equity, kept incrementally
  std::vector<equity_point> curve_;
  std::vector<symbol_id> sampled_symbols_; // ascending by text
  std::vector<mark_point> marks_;
  std::vector<mark_point> sample_marks_; // scratch of sample()
  std::vector<kept_sample> kept_; // the samples in curve_, in order
  std::uint64_t samples_taken_ = 0;
  std::uint64_t stride_ = 1;
  timestamp now_ = 0;
  std::optional<timestamp> last_sample_;
  bool pending_ = false;
  std::uint64_t fills_ = 0;
};

} // namespace bourse
