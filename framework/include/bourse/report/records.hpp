#pragma once
// The inputs of the reports: equity curve samples and fill records, plus the input-error type.

#include <cstddef>
#include <string>
#include <vector>

#include "bourse/core/enums.hpp"
#include "bourse/core/fixed_point.hpp"
#include "bourse/core/time.hpp"

namespace bourse::report {

/// One point of an equity curve: the account (or strategy) value at a time.
struct equity_sample {
  /// When the equity was sampled (ns, data time).
  timestamp ts = 0;
  /// The equity (cash plus marked positions) in the account currency.
  double equity = 0.0;
};

/// An equity curve: samples in non-decreasing timestamp order.
using equity_curve = std::vector<equity_sample>;

/// One fill (an execution of part or all of an order), as trades.csv lists it.
struct fill_record {
  /// When it filled (ns, data time).
  timestamp ts = 0;
  /// The strategy that owns the order.
  std::string strategy;
  /// The instrument's symbol.
  std::string symbol;
  /// Buy or sell.
  bourse::side side = bourse::side::buy;
  /// The fill price.
  bourse::price price;
  /// The filled quantity (positive).
  quantity qty;
  /// The order's id as text.
  std::string order_id;
  /// The fee paid for this fill (negative: a rebate).
  money fee;
};

/// The mark (the price positions are valued at) of one symbol at an equity sample.
struct mark_record {
  /// The sample's time (ns, data time).
  timestamp ts = 0;
  /// The instrument's symbol.
  std::string symbol;
  /// Its latest mark at that time.
  bourse::price price;
};

/// A problem in report input, naming the place: "equity sample 12: timestamp ... is before ...".
struct input_error {
  /// What is wrong and where, in words.
  std::string message;
};

} // namespace bourse::report
