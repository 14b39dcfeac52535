// CSV writers for bars and ticks.
#include "bourse/market/csv_writer.hpp"

#include "bourse/core/text.hpp"

namespace bourse {

namespace {

// Returns a / b rounded towards negative infinity.
std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

constexpr ts_format all_formats[] = {ts_format::iso8601,  ts_format::date,     ts_format::epoch_s,
                                     ts_format::epoch_ms, ts_format::epoch_us, ts_format::epoch_ns};

} // namespace

std::string_view to_string(ts_format format) noexcept {
  switch (format) {
  case ts_format::iso8601:
    return "iso";
  case ts_format::date:
    return "date";
  case ts_format::epoch_s:
    return "s";
  case ts_format::epoch_ms:
    return "ms";
  case ts_format::epoch_us:
    return "us";
  case ts_format::epoch_ns:
    return "ns";
  }
  return "iso";
}

std::optional<ts_format> ts_format_from_string(std::string_view text) noexcept {
  for (auto f : all_formats)
    if (iequals(text, to_string(f)))
      return f;
  return std::nullopt;
}

std::string format_timestamp(timestamp ts, ts_format format) {
  switch (format) {
  case ts_format::iso8601:
    return format_iso8601(ts);
  case ts_format::date:
    return format_iso8601(floor_div(ts, ns_per_day) * ns_per_day).substr(0, 10);
  case ts_format::epoch_s:
    return std::to_string(floor_div(ts, ns_per_second));
  case ts_format::epoch_ms:
    return std::to_string(floor_div(ts, 1'000'000));
  case ts_format::epoch_us:
    return std::to_string(floor_div(ts, 1'000));
  case ts_format::epoch_ns:
    return std::to_string(ts);
  }
  return format_iso8601(ts);
}

bar_writer::bar_writer(std::ostream& out, ts_format format) : out_(&out), format_(format) {
  *out_ << "ts,open,high,low,close,volume\n";
}

void bar_writer::write(const bar& value) {
  *out_ << format_timestamp(value.ts, format_) << ',' << value.open.to_string() << ','
        << value.high.to_string() << ',' << value.low.to_string() << ',' << value.close.to_string()
        << ',' << value.volume.to_string() << '\n';
}

tick_writer::tick_writer(std::ostream& out, ts_format format) : out_(&out), format_(format) {
  *out_ << "ts,symbol,bid,ask,bid_size,ask_size,last,last_size\n";
}

void tick_writer::write(const tick& value) {
  *out_ << format_timestamp(value.ts, format_) << ',' << value.symbol << ',';
  if (value.has_quote)
    *out_ << value.bid.to_string() << ',' << value.ask.to_string() << ','
          << value.bid_size.to_string() << ',' << value.ask_size.to_string() << ',';
  else
    *out_ << ",,,,";
  if (value.has_trade)
    *out_ << value.last.to_string() << ',' << value.last_size.to_string();
  else
    *out_ << ',';
  *out_ << '\n';
}

} // namespace bourse
