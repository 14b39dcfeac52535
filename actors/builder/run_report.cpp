// Conversion of run results into report inputs.
#include "bourse/actors/builder/run_report.hpp"

#include <map>

#include "bourse/report/statistics.hpp"

namespace bourse {

std::string strategy_name(const run_result& result, strategy_id id) {
  for (const auto& [sid, name] : result.strategies)
    if (sid == id)
      return name;
  return "strategy-" + std::to_string(id);
}

std::string strategy_label(const run_result& result, strategy_id id) {
  const auto labels = strategy_labels(result.strategies);
  for (std::size_t i = 0; i < result.strategies.size(); ++i)
    if (result.strategies[i].first == id)
      return labels[i];
  return "strategy-" + std::to_string(id);
}

namespace {

report::fill_record record_of(const fill& f, std::string label) {
  report::fill_record r;
  r.ts = f.header.ts_event;
  r.strategy = std::move(label);
  r.symbol = f.header.symbol;
  r.side = f.fill_side;
  r.price = f.fill_price;
  r.qty = f.fill_qty;
  r.order_id = std::to_string(f.header.id);
  r.fee = f.fee;
  return r;
}

} // namespace

report::fill_record fill_record_of(const run_result& result, const fill& f) {
  return record_of(f, strategy_label(result, f.header.strategy));
}

std::vector<report::fill_record> fill_records(const run_result& result) {
  std::vector<report::fill_record> out;
  out.reserve(result.fill_count());
  std::map<strategy_id, std::string> labels;
  const auto names = strategy_labels(result.strategies);
  for (std::size_t i = 0; i < names.size(); ++i)
    labels.emplace(result.strategies[i].first, names[i]);
  (void)result.for_each_fill([&](const fill& f) {
    auto it = labels.find(f.header.strategy);
    out.push_back(record_of(f, it != labels.end() ? it->second
                                                  : "strategy-" + std::to_string(f.header.strategy)));
  });
  return out;
}

report::equity_curve equity_curve_of(const run_result& result, strategy_id strategy) {
  report::equity_curve curve;
  for (const auto& s : result.report.equity)
    if (s.strategy == strategy)
      curve.push_back({s.ts_event, s.equity.to_double()});
  return curve;
}

std::vector<report::mark_record> mark_records(const run_result& result) {
  std::vector<report::mark_record> out;
  out.reserve(result.report.marks.size());
  for (const auto& m : result.report.marks)
    out.push_back({m.ts, std::string(m.symbol), m.px});
  return out;
}

run_report_pass report_pass(const run_result& result, const std::string& prefix,
                            const std::function<void(const report::fill_record&)>& visit,
                            const report::trade_analysis_options& analysis) {
  run_report_pass out;
  out.total.name = prefix + "total";
  out.total.curve = equity_curve_of(result, 0);
  report::statistics_builder total_builder{out.total.curve};
  // One statistics builder per strategy, found by the fill's strategy id.
  const auto labels = strategy_labels(result.strategies);
  std::vector<report::statistics_builder> builders;
  builders.reserve(result.strategies.size());
  std::map<strategy_id, std::size_t> index_of;
  for (std::size_t i = 0; i < result.strategies.size(); ++i) {
    const strategy_id id = result.strategies[i].first;
    report::report_series series;
    series.name = prefix + labels[i];
    series.curve = equity_curve_of(result, id);
    builders.emplace_back(series.curve);
    index_of.emplace(id, i);
    out.series.push_back(std::move(series));
    out.ids.push_back(id);
  }
  report::trade_analyzer analyzer{mark_records(result), out.total.curve, analysis};
  out.error = result.for_each_fill([&](const fill& f) {
    auto it = index_of.find(f.header.strategy);
    const report::fill_record record =
        record_of(f, it != index_of.end() ? labels[it->second]
                                          : "strategy-" + std::to_string(f.header.strategy));
    if (it != index_of.end())
      builders[it->second].add(record);
    total_builder.add(record);
    analyzer.add(record);
    if (visit)
      visit(record);
  });
  out.total.stats = total_builder.finish().stats;
  for (std::size_t i = 0; i < builders.size(); ++i)
    out.series[i].stats = builders[i].finish().stats;
  out.analysis = analyzer.finish();
  out.bench = report::buy_and_hold(out.analysis.prices, out.total.curve);
  return out;
}

std::vector<report::report_series> report_series_of(const run_result& result,
                                                    const std::string& prefix) {
  return report_pass(result, prefix).series;
}

} // namespace bourse
