// Conversion of run results into report inputs.
#include "builder/run_report.hpp"

#include "bourse/report/statistics.hpp"

namespace bourse {

std::string strategy_name(const run_result& result, strategy_id id) {
  for (const auto& [sid, name] : result.strategies)
    if (sid == id)
      return name;
  return "strategy-" + std::to_string(id);
}

std::vector<report::fill_record> fill_records(const run_result& result) {
  std::vector<report::fill_record> out;
  out.reserve(result.report.fills.size());
  for (const auto& f : result.report.fills) {
    report::fill_record r;
    r.ts = f.header.ts_event;
    r.strategy = strategy_name(result, f.header.strategy);
    r.symbol = f.header.symbol;
    r.side = f.fill_side;
    r.price = f.fill_price;
    r.qty = f.fill_qty;
    r.order_id = std::to_string(f.header.id);
    r.fee = f.fee;
    out.push_back(std::move(r));
  }
  return out;
}

report::equity_curve equity_curve_of(const run_result& result, strategy_id strategy) {
  report::equity_curve curve;
  for (const auto& s : result.report.equity)
    if (s.strategy == strategy)
      curve.push_back({s.ts_event, s.equity.to_double()});
  return curve;
}

std::vector<report::report_series> report_series_of(const run_result& result,
                                                    const std::string& prefix) {
  std::vector<report::report_series> out;
  auto fills = fill_records(result);
  for (const auto& [id, name] : result.strategies) {
    report::report_series series;
    series.name = prefix + name;
    series.curve = equity_curve_of(result, id);
    auto own = report::fills_of_strategy(fills, name);
    series.stats = report::compute_statistics(series.curve, own).stats;
    out.push_back(std::move(series));
  }
  return out;
}

} // namespace bourse
