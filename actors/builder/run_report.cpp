// Conversion of run results into report inputs.
#include "bourse/actors/builder/run_report.hpp"

#include "bourse/report/statistics.hpp"

namespace bourse {

std::string strategy_name(const run_result& result, strategy_id id) {
  for (const auto& [sid, name] : result.strategies)
    if (sid == id)
      return name;
  return "strategy-" + std::to_string(id);
}

report::fill_record fill_record_of(const run_result& result, const fill& f) {
  report::fill_record r;
  r.ts = f.header.ts_event;
  r.strategy = strategy_name(result, f.header.strategy);
  r.symbol = f.header.symbol;
  r.side = f.fill_side;
  r.price = f.fill_price;
  r.qty = f.fill_qty;
  r.order_id = std::to_string(f.header.id);
  r.fee = f.fee;
  return r;
}

std::vector<report::fill_record> fill_records(const run_result& result) {
  std::vector<report::fill_record> out;
  out.reserve(result.fill_count());
  (void)result.for_each_fill([&](const fill& f) { out.push_back(fill_record_of(result, f)); });
  return out;
}

report::equity_curve equity_curve_of(const run_result& result, strategy_id strategy) {
  report::equity_curve curve;
  for (const auto& s : result.report.equity)
    if (s.strategy == strategy)
      curve.push_back({s.ts_event, s.equity.to_double()});
  return curve;
}

run_report_pass report_pass(const run_result& result, const std::string& prefix,
                            const std::function<void(const report::fill_record&)>& visit) {
  run_report_pass out;
  // One statistics builder per strategy; a fill goes to every strategy of its name (as
  // report::fills_of_strategy selects them).
  std::vector<report::statistics_builder> builders;
  for (const auto& [id, name] : result.strategies) {
    report::report_series series;
    series.name = prefix + name;
    series.curve = equity_curve_of(result, id);
    builders.emplace_back(series.curve);
    out.series.push_back(std::move(series));
  }
  out.error = result.for_each_fill([&](const fill& f) {
    const report::fill_record record = fill_record_of(result, f);
    for (std::size_t i = 0; i < builders.size(); ++i)
      if (result.strategies[i].second == record.strategy)
        builders[i].add(record);
    if (visit)
      visit(record);
  });
  for (std::size_t i = 0; i < builders.size(); ++i)
    out.series[i].stats = builders[i].finish().stats;
  return out;
}

std::vector<report::report_series> report_series_of(const run_result& result,
                                                    const std::string& prefix) {
  return report_pass(result, prefix).series;
}

} // namespace bourse
