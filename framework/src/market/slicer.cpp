// Slices of market data: grouping by timestamp, CSV sources and the synthetic source.
#include "bourse/market/slicer.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>
#include <utility>

namespace bourse {

namespace {

std::uintmax_t size_of(const std::string& path) {
  std::error_code ec;
  auto size = std::filesystem::file_size(path, ec);
  return ec ? 0 : size;
}

std::optional<csv_error> open_error_of(const std::ifstream& file, const std::string& path) {
  if (file.is_open())
    return std::nullopt;
  return csv_error{path, 0, "", "cannot open the file for reading", csv_error_kind::io};
}

double fraction(std::ifstream& file, std::uintmax_t size, double previous) {
  if (size == 0)
    return previous;
  auto pos = file.tellg();
  if (pos < 0)
    return previous; // at the end of input the stream refuses tellg; keep the last value
  return std::clamp(static_cast<double>(pos) / static_cast<double>(size), previous, 1.0);
}

const std::vector<csv_error> no_errors;

} // namespace

bool tick_grouper::add(const tick& t, data_slice& done) {
  bool completed = false;
  if (has_open_ && t.ts != open_.ts) {
    done.clear();
    std::swap(done, open_);
    completed = true;
  }
  if (!has_open_ || completed) {
    open_.clear();
    open_.ts = t.ts;
    has_open_ = true;
  }
  if (t.has_quote)
    open_.quotes.push_back(t.to_quote());
  if (t.has_trade)
    open_.trades.push_back(t.to_trade());
  return completed;
}

bool tick_grouper::flush(data_slice& done) {
  if (!has_open_)
    return false;
  done.clear();
  std::swap(done, open_);
  open_.clear();
  has_open_ = false;
  return true;
}

const std::vector<csv_error>& slice_source::skipped_errors() const noexcept {
  return no_errors;
}

std::vector<std::string> check_readable_file(const std::string& path) {
  if (path.empty())
    return {"path is empty"};
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    return {"file '" + path + "' is a directory"};
  std::ifstream probe(path, std::ios::binary);
  if (!probe.is_open())
    return {"file '" + path + "' cannot be opened for reading"};
  return {};
}

// ---- csv_bar_source ---------------------------------------------------------------------------

csv_bar_source::csv_bar_source(const std::string& path, std::string symbol, csv_options options)
    : path_(path), symbol_(std::move(symbol)), file_(path, std::ios::binary), size_(size_of(path)),
      reader_(file_, path, options), open_error_(open_error_of(file_, path)) {}

std::optional<served_data> csv_bar_source::serves() const {
  served_data out;
  out[symbol_].bars = true;
  return out;
}

bool csv_bar_source::next(data_slice& out) {
  if (done_ || open_error_)
    return false;
  bar b;
  if (!reader_.next(b)) {
    done_ = true;
    progress_ = 1.0;
    return false;
  }
  ++bars_;
  out.clear();
  out.ts = b.ts;
  out.bars.push_back(symbol_bar{symbol_, b});
  return true;
}

const std::optional<csv_error>& csv_bar_source::error() const noexcept {
  return open_error_ ? open_error_ : reader_.error();
}

double csv_bar_source::progress() {
  if (!done_)
    progress_ = fraction(file_, size_, progress_);
  return progress_;
}

std::uint64_t csv_bar_source::records() const noexcept {
  return bars_ + reader_.skipped();
}

// ---- csv_tick_source --------------------------------------------------------------------------

csv_tick_source::csv_tick_source(const std::string& path, csv_options options)
    : path_(path), options_(options), file_(path, std::ios::binary), size_(size_of(path)),
      reader_(file_, path, options), open_error_(open_error_of(file_, path)) {}

std::optional<served_data> csv_tick_source::serves() const {
  return scan_tick_file(path_, options_);
}

bool csv_tick_source::next(data_slice& out) {
  if (done_ || open_error_)
    return false;
  while (reader_.next(scratch_)) {
    ++ticks_;
    if (grouper_.add(scratch_, out))
      return true;
  }
  // End of input, or a bad row stopped the reader: the open slice holds the rows before it. After
  // a failed read the open slice may lack rows of its timestamp: it is dropped (a restarted feed
  // reads it again whole).
  const auto& err = reader_.error();
  if (!(err && err->kind == csv_error_kind::io) && grouper_.flush(out))
    return true;
  done_ = true;
  progress_ = 1.0;
  return false;
}

const std::optional<csv_error>& csv_tick_source::error() const noexcept {
  return open_error_ ? open_error_ : reader_.error();
}

double csv_tick_source::progress() {
  if (!done_)
    progress_ = fraction(file_, size_, progress_);
  return progress_;
}

std::uint64_t csv_tick_source::records() const noexcept {
  return ticks_ + reader_.skipped();
}

// ---- synthetic_source -------------------------------------------------------------------------

std::vector<std::string> synthetic_slice_config::validate() const {
  std::vector<std::string> problems;
  if (tick_count == 0 && bar_count == 0)
    problems.emplace_back("tick_count and bar_count are both 0: nothing to generate");
  tick_generator_config ticks{seed, tick_start, symbols, trade_probability};
  for (auto& p : ticks.validate())
    problems.push_back(std::move(p));
  if (bar_count > 0) {
    gbm_bar_config bars = bar_template;
    if (!symbols.empty()) {
      bars.start_price = symbols.front().start_price;
      bars.volatility = symbols.front().volatility;
      bars.tick_size = symbols.front().spec.tick_size;
      bars.lot_size = symbols.front().spec.lot_size;
    }
    for (auto& p : bars.validate())
      problems.push_back("bar_template: " + p);
  }
  return problems;
}

synthetic_source::synthetic_source(const synthetic_slice_config& config)
    : tick_count_(config.tick_count), bar_count_(config.bar_count) {
  for (const auto& sym : config.symbols) {
    auto& s = served_[std::string(sym.spec.symbol)];
    s.quotes = s.quotes || tick_count_ > 0;
    s.trades = s.trades || (tick_count_ > 0 && config.trade_probability > 0);
    s.bars = s.bars || bar_count_ > 0;
  }
  if (tick_count_ > 0)
    ticks_gen_ = std::make_unique<tick_generator>(
        tick_generator_config{config.seed, config.tick_start, config.symbols,
                              config.trade_probability});
  if (bar_count_ > 0) {
    std::uint64_t seeder = config.seed ^ 0xB0B5'BA25'0000'0000ULL;
    for (const auto& s : config.symbols) {
      gbm_bar_config bars = config.bar_template;
      bars.seed = splitmix64(seeder);
      bars.start_price = s.start_price;
      bars.volatility = s.volatility;
      bars.tick_size = s.spec.tick_size;
      bars.lot_size = s.spec.lot_size;
      bar_symbols_.push_back(s.spec.symbol);
      bar_gens_.emplace_back(bars);
    }
    if (bar_gens_.empty())
      bar_count_ = 0;
  }
}

std::optional<served_data> synthetic_source::serves() const { return served_; }

bool synthetic_source::next_tick_slice() {
  while (ticks_gen_ && ticks_ < tick_count_) {
    ticks_gen_->next(scratch_);
    ++ticks_;
    if (grouper_.add(scratch_, tick_slice_))
      return true;
  }
  return grouper_.flush(tick_slice_);
}

bool synthetic_source::next_bar_slice() {
  if (bar_rounds_ >= bar_count_)
    return false;
  ++bar_rounds_;
  bar_slice_.clear();
  for (std::size_t i = 0; i < bar_gens_.size(); ++i) {
    bar b = bar_gens_[i].next();
    if (i == 0)
      bar_slice_.ts = b.ts; // every symbol shares the template's bar times
    bar_slice_.bars.push_back(symbol_bar{bar_symbols_[i], b});
    ++bars_;
  }
  return true;
}

bool synthetic_source::next(data_slice& out) {
  if (!have_tick_slice_)
    have_tick_slice_ = next_tick_slice();
  if (!have_bar_slice_)
    have_bar_slice_ = next_bar_slice();
  if (!have_tick_slice_ && !have_bar_slice_)
    return false;
  bool take_ticks = have_tick_slice_ && (!have_bar_slice_ || tick_slice_.ts <= bar_slice_.ts);
  bool take_bars = have_bar_slice_ && (!have_tick_slice_ || bar_slice_.ts <= tick_slice_.ts);
  out.clear();
  if (take_ticks) {
    std::swap(out, tick_slice_);
    have_tick_slice_ = false;
  }
  if (take_bars) {
    out.ts = bar_slice_.ts;
    out.bars.swap(bar_slice_.bars);
    have_bar_slice_ = false;
  }
  return true;
}

double synthetic_source::progress() {
  auto total = tick_count_ + bar_count_ * bar_gens_.size();
  if (total == 0)
    return 1.0;
  return static_cast<double>(records()) / static_cast<double>(total);
}

} // namespace bourse
