// The type-erased indicator: one model per kind, built from a parsed spec.
#include "bourse/indicators/indicator.hpp"

#include <limits>
#include <utility>

#include "bourse/indicators/momentum.hpp"
#include "bourse/indicators/moving_average.hpp"
#include "bourse/indicators/oscillators.hpp"
#include "bourse/indicators/trend.hpp"
#include "bourse/indicators/volatility.hpp"
#include "bourse/indicators/volume.hpp"

namespace bourse::indicators {

namespace {

template <class Indicator> void feed_close(Indicator& indicator, const ohlcv& bar) noexcept {
  indicator.update(bar.close);
}
template <class Indicator> void feed_hlc(Indicator& indicator, const ohlcv& bar) noexcept {
  indicator.update(bar.high, bar.low, bar.close);
}
template <class Indicator> void feed_hlcv(Indicator& indicator, const ohlcv& bar) noexcept {
  indicator.update(bar.high, bar.low, bar.close, bar.volume);
}
void feed_close_volume(on_balance_volume& indicator, const ohlcv& bar) noexcept {
  indicator.update(bar.close, bar.volume);
}

template <class Indicator> double read_single(const Indicator& indicator, std::size_t) noexcept {
  return indicator.value();
}
double read_macd(const macd& indicator, std::size_t index) noexcept {
  const auto& v = indicator.value();
  return index == 0 ? v.macd : index == 1 ? v.signal : v.histogram;
}
double read_bands(const bollinger_bands& indicator, std::size_t index) noexcept {
  const auto& v = indicator.value();
  return index == 0 ? v.upper : index == 1 ? v.middle : v.lower;
}
template <class Indicator> double read_kd(const Indicator& indicator, std::size_t index) noexcept {
  const auto& v = indicator.value();
  return index == 0 ? v.k : v.d;
}

// Wraps one concrete indicator: `Feed` passes it the bar's fields it needs and `Read` picks one
// of its `Outputs` outputs. Both are template arguments, so an update is one virtual call with
// the indicator's own update, ready() and reads inlined into it where their definitions allow.
template <class Indicator, std::size_t Outputs, void (*Feed)(Indicator&, const ohlcv&) noexcept,
          double (*Read)(const Indicator&, std::size_t) noexcept>
class model final : public detail::indicator_model {
public:
  static_assert(Outputs >= 1 && Outputs <= max_outputs);

  explicit model(Indicator indicator) : indicator_(std::move(indicator)) {}

  bool update(const ohlcv& bar, double* out) noexcept override {
    Feed(indicator_, bar);
    return write(out);
  }
  bool read(double* out) const noexcept override { return write(out); }
  [[nodiscard]] int lookback() const noexcept override { return indicator_.lookback(); }

private:
  bool write(double* out) const noexcept {
    const bool ready = indicator_.ready();
    for (std::size_t i = 0; i < Outputs; ++i)
      out[i] = ready ? Read(indicator_, i) : std::numeric_limits<double>::quiet_NaN();
    return ready;
  }

  Indicator indicator_;
};

template <std::size_t Outputs, auto Feed, auto Read, class Indicator>
std::unique_ptr<detail::indicator_model> wrap(Indicator indicator) {
  return std::make_unique<model<Indicator, Outputs, Feed, Read>>(std::move(indicator));
}

template <class Indicator> std::unique_ptr<detail::indicator_model> on_close(Indicator indicator) {
  return wrap<1, &feed_close<Indicator>, &read_single<Indicator>>(std::move(indicator));
}
template <class Indicator> std::unique_ptr<detail::indicator_model> on_hlc(Indicator indicator) {
  return wrap<1, &feed_hlc<Indicator>, &read_single<Indicator>>(std::move(indicator));
}

std::unique_ptr<detail::indicator_model> build(const indicator_spec& spec) {
  const auto& p = spec.periods;
  switch (spec.kind) {
  case indicator_kind::sma:
    return on_close(simple_moving_average(p[0]));
  case indicator_kind::ema:
    return on_close(exponential_moving_average(p[0]));
  case indicator_kind::wma:
    return on_close(weighted_moving_average(p[0]));
  case indicator_kind::dema:
    return on_close(double_exponential_moving_average(p[0]));
  case indicator_kind::tema:
    return on_close(triple_exponential_moving_average(p[0]));
  case indicator_kind::rsi:
    return on_close(relative_strength_index(p[0]));
  case indicator_kind::macd:
    return wrap<3, &feed_close<macd>, &read_macd>(macd(p[0], p[1], p[2]));
  case indicator_kind::bbands:
    return wrap<3, &feed_close<bollinger_bands>, &read_bands>(
        bollinger_bands(p[0], spec.deviations));
  case indicator_kind::atr:
    return on_hlc(average_true_range(p[0]));
  case indicator_kind::trange:
    return on_hlc(true_range());
  case indicator_kind::stoch:
    return wrap<2, &feed_hlc<stochastic>, &read_kd<stochastic>>(stochastic(p[0], p[1], p[2]));
  case indicator_kind::stochf:
    return wrap<2, &feed_hlc<stochastic_fast>, &read_kd<stochastic_fast>>(
        stochastic_fast(p[0], p[1]));
  case indicator_kind::willr:
    return on_hlc(williams_r(p[0]));
  case indicator_kind::cci:
    return on_hlc(commodity_channel_index(p[0]));
  case indicator_kind::roc:
    return on_close(rate_of_change(p[0]));
  case indicator_kind::mom:
    return on_close(momentum(p[0]));
  case indicator_kind::obv:
    return wrap<1, &feed_close_volume, &read_single<on_balance_volume>>(on_balance_volume());
  case indicator_kind::vwap:
    return wrap<1, &feed_hlcv<volume_weighted_average_price>,
                &read_single<volume_weighted_average_price>>(volume_weighted_average_price());
  case indicator_kind::stddev:
    return on_close(standard_deviation(p[0]));
  case indicator_kind::adx:
    return on_hlc(average_directional_index(p[0]));
  case indicator_kind::mfi:
    return wrap<1, &feed_hlcv<money_flow_index>, &read_single<money_flow_index>>(
        money_flow_index(p[0]));
  }
  return on_close(simple_moving_average(p[0])); // unreachable: every kind is handled above
}

std::vector<std::string> names_for(const indicator_spec& spec) {
  std::vector<std::string> parts;
  switch (spec.kind) {
  case indicator_kind::macd:
    parts = {"macd", "signal", "hist"};
    break;
  case indicator_kind::bbands:
    parts = {"upper", "middle", "lower"};
    break;
  case indicator_kind::stoch:
  case indicator_kind::stochf:
    parts = {"k", "d"};
    break;
  default:
    return {spec.text};
  }
  std::vector<std::string> names;
  for (const auto& part : parts)
    names.push_back(spec.text + "." + part);
  return names;
}

} // namespace

ohlcv to_ohlcv(const bar& b) noexcept {
  return {b.open.to_double(), b.high.to_double(), b.low.to_double(), b.close.to_double(),
          b.volume.to_double()};
}

indicator::indicator(const indicator_spec& spec)
    : spec_(spec), names_(names_for(spec)), model_(build(spec)) {
  values_.fill(std::numeric_limits<double>::quiet_NaN());
  ready_ = model_->read(values_.data());
}

indicator::indicator(indicator&& other) noexcept = default;
indicator& indicator::operator=(indicator&& other) noexcept = default;
indicator::~indicator() = default;

int indicator::lookback() const noexcept {
  return model_->lookback();
}

indicator_result make_indicator(std::string_view spec) {
  indicator_result result;
  spec_result parsed = parse_indicator_spec(spec);
  if (!parsed) {
    result.error = std::move(parsed.error);
    return result;
  }
  result.value.emplace(*parsed.spec);
  return result;
}

} // namespace bourse::indicators
