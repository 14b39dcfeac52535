// RSI mean reversion: long below the lower level, flat (or short) above the upper level.
#include "bourse/strategy/examples/rsi_reversion.hpp"

#include "bourse/core/text.hpp"
#include "bourse/indicators/spec.hpp"

namespace bourse {

namespace {

std::string number(double x) {
  std::string s = std::to_string(x);
  while (!s.empty() && s.back() == '0')
    s.pop_back();
  if (!s.empty() && s.back() == '.')
    s.pop_back();
  return s;
}

} // namespace

void rsi_reversion_params::read(param_reader& reader) {
  reader.read("symbol", symbol);
  reader.read("period", period);
  reader.read("lower", lower);
  reader.read("upper", upper);
  reader.read("qty", qty);
  reader.read_choice("mode", mode, position_mode_choices());
}

std::vector<std::string> rsi_reversion_params::validate() const {
  std::vector<std::string> problems;
  if (symbol.empty())
    problems.push_back("symbol is empty");
  if (auto r = indicators::parse_indicator_spec(rsi_spec()); !r)
    problems.push_back("period: " + r.error);
  if (!(lower > 0 && lower < upper && upper < 100))
    problems.push_back("levels must satisfy 0 < lower < upper < 100 (lower " + number(lower) +
                       ", upper " + number(upper) + ")");
  if (!qty.is_positive())
    problems.push_back("qty (" + qty.to_string() + ") must be positive");
  return problems;
}

std::string rsi_reversion_params::rsi_spec() const { return "rsi:" + std::to_string(period); }

rsi_reversion_strategy::rsi_reversion_strategy(rsi_reversion_params params)
    : params_(std::move(params)), spec_(params_.rsi_spec()) {}

strategy_spec rsi_reversion_strategy::requirements() const {
  strategy_spec spec;
  spec.indicators.push_back({params_.symbol, spec_});
  return spec;
}

void rsi_reversion_strategy::on_indicator(const indicator_update& update) {
  if (update.symbol != params_.symbol || !iequals(update.spec, spec_))
    return;
  auto rsi = update.value();
  if (!rsi)
    return;
  quantity target;
  if (*rsi < params_.lower)
    target = params_.qty;
  else if (*rsi > params_.upper)
    target = params_.mode == position_mode::long_short ? -params_.qty : quantity{};
  else
    return;
  if (order_target(params_.symbol, target) != 0)
    log_info("Signal symbol=" + params_.symbol + " rsi=" + number(*rsi) +
             " target=" + target.to_string());
}

} // namespace bourse
