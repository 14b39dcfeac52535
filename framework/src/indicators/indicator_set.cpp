// One symbol's indicators as a unit of work for the indicator worker pool.
#include "bourse/indicators/indicator_set.hpp"

#include <utility>

namespace bourse::indicators {

// Every output of every indicator fits an update.
static_assert(max_outputs <= max_indicator_outputs);

indicator_set::indicator_set(symbol_id symbol, const std::vector<std::string>& specs,
                             std::vector<std::string>& errors)
    : symbol_(symbol) {
  for (const auto& spec : specs)
    if (auto error = add(spec); !error.empty())
      errors.push_back(std::move(error));
}

std::string indicator_set::add(std::string_view spec) {
  auto made = make_indicator(spec);
  if (!made)
    return made.error;
  if (made.value->output_count() > max_indicator_outputs)
    return std::string(spec) + ": " + std::to_string(made.value->output_count()) +
           " outputs, at most " + std::to_string(max_indicator_outputs);
  std::array<interned_string, max_indicator_outputs> names{};
  for (std::size_t i = 0; i < made.value->output_count(); ++i)
    names[i] = interned_string{made.value->output_names()[i]};
  specs_.emplace_back(made.value->spec().text);
  names_.push_back(names);
  hosted_.push_back(std::move(*made.value));
  return {};
}

void indicator_set::apply(const bar& b, timestamp ts_init, timestamp ts_arrival,
                          std::vector<indicator_update>& out) {
  auto input = to_ohlcv(b);
  for (auto& ind : hosted_)
    ind.update(input);
  for (std::size_t k = 0; k < hosted_.size(); ++k) {
    const auto& ind = hosted_[k];
    if (!ind.ready())
      continue;
    indicator_update msg;
    msg.ts = b.ts;
    msg.ts_init = ts_init;
    msg.ts_arrival = ts_arrival;
    msg.symbol = symbol_;
    msg.spec = specs_[k];
    for (std::size_t i = 0; i < ind.output_count(); ++i)
      (void)msg.add(names_[k][i], ind.value(i));
    out.push_back(msg);
  }
}

} // namespace bourse::indicators
