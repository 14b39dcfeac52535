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

namespace detail {

class indicator_model {
public:
  virtual ~indicator_model() = default;
  virtual void update(const ohlcv& bar) noexcept = 0;
  [[nodiscard]] virtual bool ready() const noexcept = 0;
  [[nodiscard]] virtual int lookback() const noexcept = 0;
  [[nodiscard]] virtual double value(std::size_t index) const noexcept = 0;
};

} // namespace detail

namespace {

// Wraps one concrete indicator; `Feed` passes it the bar's fields it needs and `Read` picks an
// output.
template <class Indicator> class model final : public detail::indicator_model {
public:
  using feed_fn = void (*)(Indicator&, const ohlcv&) noexcept;
  using read_fn = double (*)(const Indicator&, std::size_t) noexcept;

  model(Indicator indicator, feed_fn feed, read_fn read)
      : indicator_(std::move(indicator)), feed_(feed), read_(read) {}

  void update(const ohlcv& bar) noexcept override { feed_(indicator_, bar); }
  [[nodiscard]] bool ready() const noexcept override { return indicator_.ready(); }
  [[nodiscard]] int lookback() const noexcept override { return indicator_.lookback(); }
  [[nodiscard]] double value(std::size_t index) const noexcept override {
    return read_(indicator_, index);
  }

private:
  Indicator indicator_;
  feed_fn feed_;
  read_fn read_;
};

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

template <class Indicator>
std::unique_ptr<detail::indicator_model> wrap(Indicator indicator,
                                              typename model<Indicator>::feed_fn feed,
                                              typename model<Indicator>::read_fn read) {
  return std::make_unique<model<Indicator>>(std::move(indicator), feed, read);
}

template <class Indicator> std::unique_ptr<detail::indicator_model> on_close(Indicator indicator) {
  return wrap(std::move(indicator), &feed_close<Indicator>, &read_single<Indicator>);
}
template <class Indicator> std::unique_ptr<detail::indicator_model> on_hlc(Indicator indicator) {
  return wrap(std::move(indicator), &feed_hlc<Indicator>, &read_single<Indicator>);
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
    return wrap(macd(p[0], p[1], p[2]), &feed_close<macd>, &read_macd);
  case indicator_kind::bbands:
    return wrap(bollinger_bands(p[0], spec.deviations), &feed_close<bollinger_bands>, &read_bands);
  case indicator_kind::atr:
    return on_hlc(average_true_range(p[0]));
  case indicator_kind::trange:
    return on_hlc(true_range());
  case indicator_kind::stoch:
    return wrap(stochastic(p[0], p[1], p[2]), &feed_hlc<stochastic>, &read_kd<stochastic>);
  case indicator_kind::stochf:
    return wrap(stochastic_fast(p[0], p[1]), &feed_hlc<stochastic_fast>, &read_kd<stochastic_fast>);
  case indicator_kind::willr:
    return on_hlc(williams_r(p[0]));
  case indicator_kind::cci:
    return on_hlc(commodity_channel_index(p[0]));
  case indicator_kind::roc:
    return on_close(rate_of_change(p[0]));
  case indicator_kind::mom:
    return on_close(momentum(p[0]));
  case indicator_kind::obv:
    return wrap(on_balance_volume(), &feed_close_volume, &read_single<on_balance_volume>);
  case indicator_kind::vwap:
    return wrap(volume_weighted_average_price(), &feed_hlcv<volume_weighted_average_price>,
                &read_single<volume_weighted_average_price>);
  case indicator_kind::stddev:
    return on_close(standard_deviation(p[0]));
  case indicator_kind::adx:
    return on_hlc(average_directional_index(p[0]));
  case indicator_kind::mfi:
    return wrap(money_flow_index(p[0]), &feed_hlcv<money_flow_index>,
                &read_single<money_flow_index>);
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
    : spec_(spec), names_(names_for(spec)), model_(build(spec)) {}

indicator::indicator(indicator&& other) noexcept = default;
indicator& indicator::operator=(indicator&& other) noexcept = default;
indicator::~indicator() = default;

void indicator::update(const ohlcv& bar) noexcept {
  model_->update(bar);
}

bool indicator::ready() const noexcept {
  return model_->ready();
}

int indicator::lookback() const noexcept {
  return model_->lookback();
}

double indicator::value(std::size_t index) const noexcept {
  if (index >= names_.size() || !model_->ready())
    return std::numeric_limits<double>::quiet_NaN();
  return model_->value(index);
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
