#pragma once
// Time bars built from ticks: every `interval` of data time (aligned to the epoch, so 1m bars start
// on the minute), one OHLCV bar per symbol that traded (or quoted) in it. A bar holds the ticks with
// start <= ts < end, is stamped with `end` and delivered in a slice at `end`: it is complete when it
// is seen, and nothing in it lies in the future of the slice that carries it. Intervals without a
// tick of a symbol give no bar for it.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bourse/market/slicer.hpp"

namespace bourse {

/// Which prices make the bars.
enum class bar_price_source : std::uint8_t {
  trades, ///< Trade prices; volume is the traded size.
  mids    ///< Quote mid prices (exact: one decimal more than the quotes); volume 0.
};

/// Returns "trades" or "mids".
[[nodiscard]] std::string_view to_string(bar_price_source source) noexcept;
/// Parses "trades" or "mids"; nullopt otherwise.
[[nodiscard]] std::optional<bar_price_source> bar_price_source_from_string(std::string_view text) noexcept;

/// How ticks become bars.
struct time_bar_options {
  /// Bar length in data time (ns); positive.
  duration_ns interval = 60 * ns_per_second;
  /// Trade prices (the default) or quote mids.
  bar_price_source from = bar_price_source::trades;
  /// Keep delivering the ticks themselves besides the bars (the default), or only the bars.
  bool keep_ticks = true;

  /// Returns every problem with the options (empty when usable).
  [[nodiscard]] std::vector<std::string> validate() const;
};

/// Accumulates ticks into the bars of the open interval (the core of time_bar_source).
class time_bar_builder {
public:
  /// Starts with no open interval; the options must validate.
  explicit time_bar_builder(time_bar_options options);

  /// When `ts` lies at or after the end of the open interval, appends the interval's bars (symbols
  /// in the order they first ticked in it, stamped with its end) to `out`, sets `end` to that end
  /// and returns true; otherwise returns false and leaves both alone.
  bool close_before(timestamp ts, std::vector<symbol_bar>& out, timestamp& end);
  /// Adds the quotes or trades (see options) of `slice` to the bars of the interval holding
  /// slice.ts (opening it when none is open). Call close_before(slice.ts, ...) first.
  void add(const data_slice& slice);
  /// Appends the bars of the open interval, if any, stamped with its end; returns false when none
  /// was open.
  bool flush(std::vector<symbol_bar>& out, timestamp& end);

private:
  void add_price(const symbol_id& symbol, price px, quantity volume);

  time_bar_options options_;
  bool open_ = false;
  timestamp end_ = 0;
  std::vector<symbol_bar> bars_; // the open interval's bars, first-tick order
};

/// A slice source that adds time bars built from another source's ticks (see time_bar_builder).
/// Errors, progress and record counts are the inner source's.
class time_bar_source final : public slice_source {
public:
  /// Wraps `inner`; the options must validate.
  time_bar_source(std::unique_ptr<slice_source> inner, time_bar_options options);

  [[nodiscard]] bool next(data_slice& out) override;
  [[nodiscard]] const std::optional<csv_error>& error() const noexcept override {
    return inner_->error();
  }
  [[nodiscard]] double progress() override { return inner_->progress(); }
  [[nodiscard]] std::uint64_t records() const noexcept override { return inner_->records(); }
  [[nodiscard]] std::size_t skipped() const noexcept override { return inner_->skipped(); }
  [[nodiscard]] const std::vector<csv_error>& skipped_errors() const noexcept override {
    return inner_->skipped_errors();
  }
  [[nodiscard]] const std::string& name() const noexcept override { return inner_->name(); }
  /// The inner source's streams plus bars for every symbol with trades (or quotes, from mids).
  [[nodiscard]] std::optional<served_data> serves() const override;

private:
  std::unique_ptr<slice_source> inner_;
  time_bar_builder builder_;
  time_bar_options options_;
  data_slice pending_;
  bool has_pending_ = false;
  bool finished_ = false;
};

} // namespace bourse
