#pragma once
// Time slices of market data as the feeds serve them: grouping time-ordered records with equal
// timestamps, and slice sources over CSV files (bars, ticks) and the synthetic generators. Every
// source reads on demand, one slice at a time, in constant memory.

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bourse/core/interned_string.hpp"
#include "bourse/core/time.hpp"
#include "bourse/market/bar_reader.hpp"
#include "bourse/market/csv.hpp"
#include "bourse/market/synthetic.hpp"
#include "bourse/market/tick.hpp"
#include "bourse/market/served.hpp"
#include "bourse/market/tick_reader.hpp"
#include "bourse/market/types.hpp"

namespace bourse {


/// Everything a source has for one timestamp, in source order (the plain twin of the protocol's
/// market_slice).
struct data_slice {
  /// The data time shared by every record of the slice (ns).
  timestamp ts = 0;
  /// Quotes, in source order.
  std::vector<quote> quotes;
  /// Trades, in source order.
  std::vector<trade> trades;
  /// Bars, in source order.
  std::vector<symbol_bar> bars;

  /// Returns true when the slice holds no record.
  [[nodiscard]] bool empty() const noexcept {
    return quotes.empty() && trades.empty() && bars.empty();
  }
  /// Empties the slice (keeping the vectors' storage).
  void clear() noexcept {
    quotes.clear();
    trades.clear();
    bars.clear();
  }
};

/// Groups a time-ordered stream of ticks into slices of equal timestamps. A slice is complete once
/// a tick with another timestamp arrives (or the stream ends, see flush).
class tick_grouper {
public:
  /// Adds a tick. When its timestamp differs from the open slice's, the open slice is complete: it
  /// is moved into `done`, the tick opens the next one, and add returns true.
  bool add(const tick& t, data_slice& done);
  /// Moves the open slice, if any, into `done`; returns false when none was open.
  bool flush(data_slice& done);
  /// Returns true when a slice is open (at least one tick added since the last completion).
  [[nodiscard]] bool has_open() const noexcept { return has_open_; }

private:
  data_slice open_;
  bool has_open_ = false;
};

/// A source of time slices, read one at a time (what a feed actor serves).
class slice_source {
public:
  /// Destroys the source.
  virtual ~slice_source() = default;
  /// Reads the next slice into `out` (replacing its content); returns false when none is left:
  /// the data ended, or an error stopped reading (then error() says where and why).
  [[nodiscard]] virtual bool next(data_slice& out) = 0;
  /// Returns the error that stopped reading, if any.
  [[nodiscard]] virtual const std::optional<csv_error>& error() const noexcept = 0;
  /// Returns how far through its input the source has read, from 0 to 1.
  [[nodiscard]] virtual double progress() = 0;
  /// Returns how many records (rows, events) were read so far, bad ones included.
  [[nodiscard]] virtual std::uint64_t records() const noexcept = 0;
  /// Returns how many bad rows were skipped so far (skip policy).
  [[nodiscard]] virtual std::size_t skipped() const noexcept { return 0; }
  /// Returns the errors of the first skipped rows (see csv_options::max_kept_errors).
  [[nodiscard]] virtual const std::vector<csv_error>& skipped_errors() const noexcept;
  /// Returns what the source reads, for log lines ("data/aapl.csv", "synthetic").
  [[nodiscard]] virtual const std::string& name() const noexcept = 0;
  /// Returns what the source will serve per symbol, for the builder's wiring checks before a run;
  /// nullopt when it cannot tell without serving (the default). A file source may read its file.
  [[nodiscard]] virtual std::optional<served_data> serves() const { return std::nullopt; }
};

/// Returns every problem with opening `path` for reading (empty when it can be read); the message
/// names the path, e.g. "file 'x.csv' cannot be opened".
[[nodiscard]] std::vector<std::string> check_readable_file(const std::string& path);

/// Slices of a bar CSV file holding one symbol (see bar_reader): one bar per slice, as bar
/// timestamps are strictly increasing. Progress is bytes read / file size.
class csv_bar_source final : public slice_source {
public:
  /// Opens `path`; a file that cannot be opened stops reading at once with an error naming it.
  csv_bar_source(const std::string& path, std::string symbol, csv_options options = {});

  [[nodiscard]] bool next(data_slice& out) override;
  [[nodiscard]] const std::optional<csv_error>& error() const noexcept override;
  [[nodiscard]] double progress() override;
  [[nodiscard]] std::uint64_t records() const noexcept override;
  [[nodiscard]] std::size_t skipped() const noexcept override { return reader_.skipped(); }
  [[nodiscard]] const std::vector<csv_error>& skipped_errors() const noexcept override {
    return reader_.skipped_errors();
  }
  [[nodiscard]] const std::string& name() const noexcept override { return path_; }
  [[nodiscard]] std::optional<served_data> serves() const override;

private:
  std::string path_;
  std::string symbol_;
  std::ifstream file_;
  std::uintmax_t size_ = 0;
  bar_reader reader_;
  std::optional<csv_error> open_error_;
  std::uint64_t bars_ = 0;
  double progress_ = 0;
  bool done_ = false;
};

/// Slices of a tick CSV file (see tick_reader; several symbols, quotes and trades): consecutive
/// rows with equal timestamps form one slice, quotes and trades in row order. Under the stop
/// policy the rows before a bad row are still returned (the last slice may then lack the rows at
/// and after the bad one) before next() returns false. Progress is bytes read / file size.
class csv_tick_source final : public slice_source {
public:
  /// Opens `path`; a file that cannot be opened stops reading at once with an error naming it.
  explicit csv_tick_source(const std::string& path, csv_options options = {});

  [[nodiscard]] bool next(data_slice& out) override;
  [[nodiscard]] const std::optional<csv_error>& error() const noexcept override;
  [[nodiscard]] double progress() override;
  [[nodiscard]] std::uint64_t records() const noexcept override;
  [[nodiscard]] std::size_t skipped() const noexcept override { return reader_.skipped(); }
  [[nodiscard]] const std::vector<csv_error>& skipped_errors() const noexcept override {
    return reader_.skipped_errors();
  }
  [[nodiscard]] const std::string& name() const noexcept override { return path_; }
  [[nodiscard]] std::optional<served_data> serves() const override;

private:
  std::string path_;
  csv_options options_;
  std::ifstream file_;
  std::uintmax_t size_ = 0;
  tick_reader reader_;
  tick_grouper grouper_;
  tick scratch_;
  std::optional<csv_error> open_error_;
  std::uint64_t ticks_ = 0;
  double progress_ = 0;
  bool done_ = false;
};

/// What the synthetic source generates: quote/trade ticks and/or GBM bars for the same symbols.
struct synthetic_slice_config {
  /// Seed; the same seed and config give the same slices on every platform.
  std::uint64_t seed = 1;
  /// The instruments (symbol, grids, start price, volatility, tick rate), in tie-break order.
  std::vector<synthetic_symbol> symbols;
  /// How many tick events (quotes and trades, all symbols together); 0 = no ticks.
  std::uint64_t tick_count = 0;
  /// Time of the first tick event of every symbol.
  timestamp tick_start = 1'704'205'800 * ns_per_second;
  /// Chance that a tick event (other than a symbol's first) is a trade.
  double trade_probability = 0.3;
  /// How many bars per symbol; 0 = no bars.
  std::uint64_t bar_count = 0;
  /// Bar parameters; seed, start_price, volatility, tick_size and lot_size are taken per symbol
  /// (the seed derived from `seed` and the symbol's index).
  gbm_bar_config bar_template;

  /// Returns every problem with the parameters (empty when usable).
  [[nodiscard]] std::vector<std::string> validate() const;
};

/// Slices of seeded synthetic data: the tick generator's events grouped by timestamp, merged in
/// time with one GBM bar per symbol per bar time (ticks before bars at equal times). Progress is
/// records generated / records in all.
class synthetic_source final : public slice_source {
public:
  /// Starts the generators; the config should validate (bad values are clamped).
  explicit synthetic_source(const synthetic_slice_config& config);

  [[nodiscard]] bool next(data_slice& out) override;
  [[nodiscard]] const std::optional<csv_error>& error() const noexcept override { return none_; }
  [[nodiscard]] double progress() override;
  [[nodiscard]] std::uint64_t records() const noexcept override { return ticks_ + bars_; }
  [[nodiscard]] const std::string& name() const noexcept override { return name_; }
  [[nodiscard]] std::optional<served_data> serves() const override;

private:
  served_data served_;
  bool next_tick_slice();
  bool next_bar_slice();

  std::string name_ = "synthetic";
  std::optional<csv_error> none_;
  std::uint64_t tick_count_ = 0;
  std::uint64_t bar_count_ = 0;
  std::unique_ptr<tick_generator> ticks_gen_;
  std::vector<std::string> bar_symbols_;
  std::vector<gbm_bar_generator> bar_gens_;
  tick_grouper grouper_;
  tick scratch_;
  data_slice tick_slice_;
  data_slice bar_slice_;
  bool have_tick_slice_ = false;
  bool have_bar_slice_ = false;
  std::uint64_t ticks_ = 0;
  std::uint64_t bars_ = 0;
  std::uint64_t bar_rounds_ = 0;
};

} // namespace bourse
