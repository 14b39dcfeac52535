#pragma once
// Configuration of the CSV and synthetic feeds.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "bourse/market/csv.hpp"
#include "bourse/market/slicer.hpp"
#include "bourse/market/time_bars.hpp"
#include "bourse/actors/market_data/feed_options.hpp"

namespace bourse {

/// A feed of one bar CSV file (one file = one symbol).
struct csv_bar_feed_config {
  /// The file (columns ts,open,high,low,close[,volume]; see bar_reader).
  std::string path;
  /// The symbol the bars belong to.
  std::string symbol;
  /// stop: the run ends with an error naming the first bad row; skip: bad rows are counted and
  /// the first ones logged.
  bad_row_policy on_bad_row = bad_row_policy::stop;
  /// Unit of integer timestamps (detect: from the first row's magnitude).
  epoch_unit ts_unit = epoch_unit::detect;
  /// Field separator.
  char separator = ',';
  /// Read-ahead and step sizes.
  feed_options feed;

  /// Returns the reader options this config implies.
  [[nodiscard]] csv_options csv() const {
    csv_options o;
    o.on_bad_row = on_bad_row;
    o.ts_unit = ts_unit;
    o.separator = separator;
    return o;
  }
  /// Returns every problem with the configuration (empty when valid), e.g. a missing file.
  [[nodiscard]] std::vector<std::string> validate() const {
    std::vector<std::string> problems;
    for (auto& p : check_readable_file(path))
      problems.push_back("path: " + p);
    if (symbol.empty())
      problems.emplace_back("symbol: must not be empty");
    for (auto& p : feed.validate())
      problems.push_back("feed." + p);
    return problems;
  }
};

/// A feed of one tick CSV file (several symbols; quotes, trades or both per row).
struct csv_tick_feed_config {
  /// The file (columns ts,symbol,bid,ask,bid_size,ask_size,last,last_size; see tick_reader).
  std::string path;
  /// stop: the run ends with an error naming the first bad row; skip: bad rows are counted and
  /// the first ones logged.
  bad_row_policy on_bad_row = bad_row_policy::stop;
  /// Unit of integer timestamps (detect: from the first row's magnitude).
  epoch_unit ts_unit = epoch_unit::detect;
  /// Field separator.
  char separator = ',';
  /// Also build time bars from the ticks (see time_bar_source); unset: ticks only.
  std::optional<time_bar_options> time_bars;
  /// Read-ahead and step sizes.
  feed_options feed;

  /// Returns the reader options this config implies.
  [[nodiscard]] csv_options csv() const {
    csv_options o;
    o.on_bad_row = on_bad_row;
    o.ts_unit = ts_unit;
    o.separator = separator;
    return o;
  }
  /// Returns every problem with the configuration (empty when valid), e.g. a missing file.
  [[nodiscard]] std::vector<std::string> validate() const {
    std::vector<std::string> problems;
    for (auto& p : check_readable_file(path))
      problems.push_back("path: " + p);
    if (time_bars)
      for (auto& p : time_bars->validate())
        problems.push_back("time_bars." + p);
    for (auto& p : feed.validate())
      problems.push_back("feed." + p);
    return problems;
  }
};

/// A feed of seeded synthetic data: multi-symbol quote/trade ticks and/or GBM bars (the data
/// fields are those of synthetic_slice_config: seed, symbols, tick_count, tick_start,
/// trade_probability, bar_count, bar_template).
struct synthetic_feed_config : synthetic_slice_config {
  /// Read-ahead and step sizes.
  feed_options feed;

  /// Returns every problem with the configuration (empty when valid).
  [[nodiscard]] std::vector<std::string> validate() const {
    auto problems = synthetic_slice_config::validate();
    for (auto& p : feed.validate())
      problems.push_back("feed." + p);
    return problems;
  }
};

} // namespace bourse
