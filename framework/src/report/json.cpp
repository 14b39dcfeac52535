// The JSON writer and the statistics as JSON.
#include "bourse/report/json.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace bourse::report {

std::string json_quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    default:
      if (static_cast<unsigned char>(c) < 0x20) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
        out += buf;
      } else {
        out += c;
      }
    }
  }
  out += '"';
  return out;
}

void json_writer::newline() {
  out_ += '\n';
  out_.append(first_.size() * 2, ' ');
}

void json_writer::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back())
      out_ += ',';
    first_.back() = false;
    newline();
  }
}

json_writer& json_writer::raw(std::string_view text) {
  before_value();
  out_ += text;
  return *this;
}

json_writer& json_writer::begin_object() {
  before_value();
  out_ += '{';
  first_.push_back(true);
  return *this;
}

json_writer& json_writer::end_object() {
  const bool empty = first_.empty() || first_.back();
  if (!first_.empty())
    first_.pop_back();
  if (!empty)
    newline();
  out_ += '}';
  if (first_.empty())
    out_ += '\n';
  return *this;
}

json_writer& json_writer::begin_array() {
  before_value();
  out_ += '[';
  first_.push_back(true);
  return *this;
}

json_writer& json_writer::end_array() {
  const bool empty = first_.empty() || first_.back();
  if (!first_.empty())
    first_.pop_back();
  if (!empty)
    newline();
  out_ += ']';
  return *this;
}

json_writer& json_writer::key(std::string_view name) {
  before_value();
  out_ += json_quote(name);
  out_ += ": ";
  after_key_ = true;
  return *this;
}

json_writer& json_writer::value(std::string_view text) { return raw(json_quote(text)); }

json_writer& json_writer::value(double number) {
  if (!std::isfinite(number))
    return raw("null");
  if (number == 0.0)
    number = 0.0; // no "-0"
  char buf[32];
  auto result = std::to_chars(buf, buf + sizeof buf, number);
  return raw(std::string_view(buf, static_cast<std::size_t>(result.ptr - buf)));
}

json_writer& json_writer::value(const std::optional<double>& number) {
  return number ? value(*number) : raw("null");
}

json_writer& json_writer::value(std::int64_t number) { return raw(std::to_string(number)); }

json_writer& json_writer::value(std::uint64_t number) { return raw(std::to_string(number)); }

json_writer& json_writer::value(bool flag) { return raw(flag ? "true" : "false"); }

json_writer& json_writer::time(const std::optional<timestamp>& ts) {
  return ts ? value(format_iso8601(*ts)) : raw("null");
}

namespace {

void write_drawdown(json_writer& json, const char* name, const drawdown& d) {
  json.key(name).begin_object();
  json.key("amount").value(d.amount);
  json.key("fraction").value(d.fraction);
  json.key("peak").time(d.peak_ts);
  json.key("trough").time(d.trough_ts);
  json.key("recovery").time(d.recovery_ts);
  json.end_object();
}

} // namespace

void write_statistics_json(json_writer& json, const statistics& s) {
  json.begin_object();
  json.key("samples").value(static_cast<std::uint64_t>(s.samples));
  json.key("start").time(s.samples ? std::optional<timestamp>(s.start_ts) : std::nullopt);
  json.key("end").time(s.samples ? std::optional<timestamp>(s.end_ts) : std::nullopt);
  json.key("initial_equity").value(s.initial_equity);
  json.key("final_equity").value(s.final_equity);
  json.key("net_pnl").value(s.net_pnl);
  json.key("gross_pnl").value(s.gross_pnl);
  json.key("total_return").value(s.total_return);
  json.key("annualised_return").value(s.annualised_return);
  json.key("sampling_period_ns").value(static_cast<std::int64_t>(s.sampling_period));
  json.key("daily_sampling").value(s.daily_sampling);
  json.key("periods_per_year").value(s.periods_per_year);
  json.key("return_count").value(static_cast<std::uint64_t>(s.return_count));
  json.key("volatility").value(s.volatility);
  json.key("sharpe").value(s.sharpe);
  json.key("sortino").value(s.sortino);
  write_drawdown(json, "max_drawdown", s.max_drawdown);
  write_drawdown(json, "max_drawdown_pct", s.max_drawdown_pct);
  json.key("fill_count").value(static_cast<std::uint64_t>(s.fill_count));
  json.key("buy_count").value(static_cast<std::uint64_t>(s.buy_count));
  json.key("sell_count").value(static_cast<std::uint64_t>(s.sell_count));
  json.key("fees").value(s.fees);
  json.key("realised_pnl").value(s.realised_pnl);
  json.key("realised_net_pnl").value(s.realised_net_pnl);
  json.key("round_trips").value(static_cast<std::uint64_t>(s.round_trips));
  json.key("open_round_trips").value(static_cast<std::uint64_t>(s.open_round_trips));
  json.key("winning_trips").value(static_cast<std::uint64_t>(s.winning_trips));
  json.key("losing_trips").value(static_cast<std::uint64_t>(s.losing_trips));
  json.key("gross_profit").value(s.gross_profit);
  json.key("gross_loss").value(s.gross_loss);
  json.key("win_rate").value(s.win_rate);
  json.key("profit_factor").value(s.profit_factor);
  json.key("average_win").value(s.average_win);
  json.key("average_loss").value(s.average_loss);
  json.key("exposure").value(s.exposure);
  json.end_object();
}

} // namespace bourse::report
