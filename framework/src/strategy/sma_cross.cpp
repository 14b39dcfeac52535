// Moving-average crossover: trade on a change of sign of sma:fast - sma:slow.
#include "bourse/strategy/examples/sma_cross.hpp"

#include "bourse/core/text.hpp"
#include "bourse/indicators/spec.hpp"

namespace bourse {

void sma_cross_params::read(param_reader& reader) {
  reader.read("symbol", symbol);
  reader.read("fast", fast);
  reader.read("slow", slow);
  reader.read("qty", qty);
  reader.read_choice("mode", mode, position_mode_choices());
}

std::vector<std::string> sma_cross_params::validate() const {
  std::vector<std::string> problems;
  if (symbol.empty())
    problems.push_back("symbol is empty");
  if (auto r = indicators::parse_indicator_spec(fast_spec()); !r)
    problems.push_back("fast: " + r.error);
  if (auto r = indicators::parse_indicator_spec(slow_spec()); !r)
    problems.push_back("slow: " + r.error);
  if (slow <= fast)
    problems.push_back("slow (" + std::to_string(slow) + ") must be greater than fast (" +
                       std::to_string(fast) + ")");
  if (!qty.is_positive())
    problems.push_back("qty (" + qty.to_string() + ") must be positive");
  return problems;
}

std::string sma_cross_params::fast_spec() const { return "sma:" + std::to_string(fast); }

std::string sma_cross_params::slow_spec() const { return "sma:" + std::to_string(slow); }

sma_cross_strategy::sma_cross_strategy(sma_cross_params params)
    : params_(std::move(params)), fast_spec_(params_.fast_spec()),
      slow_spec_(params_.slow_spec()) {}

strategy_spec sma_cross_strategy::requirements() const {
  strategy_spec spec;
  spec.indicators.push_back({params_.symbol, fast_spec_});
  spec.indicators.push_back({params_.symbol, slow_spec_});
  return spec;
}

void sma_cross_strategy::on_indicator(const indicator_update& update) {
  if (update.symbol != params_.symbol)
    return;
  auto value = update.value();
  if (!value)
    return;
  if (iequals(update.spec, fast_spec_))
    fast_ = reading{update.ts, *value};
  else if (iequals(update.spec, slow_spec_))
    slow_ = reading{update.ts, *value};
  else
    return;
  if (fast_ && slow_ && fast_->ts == slow_->ts && (!evaluated_ || *evaluated_ < fast_->ts))
    evaluate(fast_->ts);
}

void sma_cross_strategy::evaluate(timestamp ts) {
  evaluated_ = ts;
  double diff = fast_->value - slow_->value;
  int sign = diff > 0 ? 1 : diff < 0 ? -1 : 0;
  if (sign == 0 || sign == regime_)
    return;
  bool first = regime_ == 0;
  regime_ = sign;
  if (first)
    return;
  quantity target = sign > 0 ? params_.qty
                    : params_.mode == position_mode::long_short ? -params_.qty
                                                                : quantity{};
  if (order_target(params_.symbol, target) != 0)
    log_info(std::string{"Cross "} + (sign > 0 ? "up" : "down") + " symbol=" + params_.symbol +
             " target=" + target.to_string());
}

} // namespace bourse
