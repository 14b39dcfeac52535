// Parsing and validation of indicator specs.
#include "bourse/indicators/spec.hpp"

#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "bourse/core/numbers.hpp"
#include "bourse/core/text.hpp"
#include "bourse/indicators/window.hpp"

namespace bourse::indicators {

namespace {

/// What one kind of spec looks like.
struct kind_info {
  indicator_kind kind;
  std::string_view name;
  std::string_view syntax;
  int period_count;
  std::array<std::string_view, 3> period_names;
  std::array<int, 3> minimums; // TA-Lib's smallest accepted period for each parameter
  bool has_deviations;
};

constexpr std::array<kind_info, 21> kinds{{
    {indicator_kind::sma, "sma", "sma:N", 1, {"N"}, {2}, false},
    {indicator_kind::ema, "ema", "ema:N", 1, {"N"}, {2}, false},
    {indicator_kind::wma, "wma", "wma:N", 1, {"N"}, {2}, false},
    {indicator_kind::dema, "dema", "dema:N", 1, {"N"}, {2}, false},
    {indicator_kind::tema, "tema", "tema:N", 1, {"N"}, {2}, false},
    {indicator_kind::rsi, "rsi", "rsi:N", 1, {"N"}, {2}, false},
    {indicator_kind::macd, "macd", "macd:F:S:G", 3, {"F", "S", "G"}, {2, 2, 1}, false},
    {indicator_kind::bbands, "bbands", "bbands:N:K", 1, {"N"}, {2}, true},
    {indicator_kind::atr, "atr", "atr:N", 1, {"N"}, {1}, false},
    {indicator_kind::trange, "trange", "trange", 0, {}, {}, false},
    {indicator_kind::stoch, "stoch", "stoch:FK:SK:SD", 3, {"FK", "SK", "SD"}, {1, 1, 1}, false},
    {indicator_kind::stochf, "stochf", "stochf:FK:FD", 2, {"FK", "FD"}, {1, 1}, false},
    {indicator_kind::willr, "willr", "willr:N", 1, {"N"}, {2}, false},
    {indicator_kind::cci, "cci", "cci:N", 1, {"N"}, {2}, false},
    {indicator_kind::roc, "roc", "roc:N", 1, {"N"}, {1}, false},
    {indicator_kind::mom, "mom", "mom:N", 1, {"N"}, {1}, false},
    {indicator_kind::obv, "obv", "obv", 0, {}, {}, false},
    {indicator_kind::vwap, "vwap", "vwap", 0, {}, {}, false},
    {indicator_kind::stddev, "stddev", "stddev:N", 1, {"N"}, {2}, false},
    {indicator_kind::adx, "adx", "adx:N", 1, {"N"}, {2}, false},
    {indicator_kind::mfi, "mfi", "mfi:N", 1, {"N"}, {2}, false},
}};

constexpr std::string_view syntax_text =
    "sma:N ema:N wma:N dema:N tema:N rsi:N macd:F:S:G bbands:N:K atr:N trange stoch:FK:SK:SD "
    "stochf:FK:FD willr:N cci:N roc:N mom:N obv vwap stddev:N adx:N mfi:N";

std::string quoted(std::string_view text) {
  return "'" + std::string(text) + "'";
}

spec_result refuse(std::string_view spec, const std::string& reason) {
  spec_result result;
  result.error = "indicator spec " + quoted(spec) + ": " + reason;
  return result;
}

// Returns an empty string and sets `out`, or the reason the text is not a valid period.
std::string parse_period(std::string_view text, std::string_view name, int minimum, int& out) {
  std::string what = "period " + std::string(name);
  if (text.empty())
    return what + " is missing";
  std::int64_t value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec == std::errc::result_out_of_range && ptr == end)
    return what + " must be at most " + std::to_string(max_period) + ", got " + quoted(text);
  if (ec != std::errc{} || ptr != end) {
    double number = 0.0;
    auto [dptr, dec] = std::from_chars(text.data(), end, number);
    if (dec == std::errc{} && dptr == end && std::isfinite(number))
      return what + " must be a whole number, got " + quoted(text);
    return what + " is not a number: " + quoted(text);
  }
  if (value <= 0)
    return what + " must be a positive integer, got " + quoted(text);
  if (value < minimum)
    return what + " must be at least " + std::to_string(minimum) + " (TA-Lib's minimum), got " +
           quoted(text);
  if (value > max_period)
    return what + " must be at most " + std::to_string(max_period) + ", got " + quoted(text);
  out = static_cast<int>(value);
  return {};
}

// Returns an empty string and sets `out`, or the reason the text is not a valid K.
std::string parse_deviations(std::string_view text, double& out) {
  if (text.empty())
    return "K (band width in standard deviations) is missing";
  // A plain decimal only ("2", "2.5"): no exponent, hex, inf or nan, and at most 1000.
  auto value = parse_plain_number(text, 0.0, 1000.0);
  if (!value || !(*value > 0.0))
    return "K (band width in standard deviations) must be a positive number up to 1000, got " +
           quoted(text);
  out = *value;
  return {};
}

std::string parameter_count_error(const kind_info& info, std::size_t got) {
  std::size_t expected =
      static_cast<std::size_t>(info.period_count) + (info.has_deviations ? 1U : 0U);
  if (expected == 0)
    return std::string(info.name) + " takes no parameters, got " + std::to_string(got);
  return std::string(info.name) + " takes " + std::to_string(expected) +
         (expected == 1 ? " parameter" : " parameters") + " (" + std::string(info.syntax) +
         "), got " + std::to_string(got);
}

} // namespace

std::string_view to_string(indicator_kind kind) noexcept {
  for (const auto& info : kinds)
    if (info.kind == kind)
      return info.name;
  return "unknown";
}

std::string_view indicator_spec_syntax() noexcept {
  return syntax_text;
}

spec_result parse_indicator_spec(std::string_view text) {
  std::string_view spec = trim(text);
  if (spec.empty())
    return refuse(spec, "empty spec; expected one of: " + std::string(syntax_text));
  std::vector<std::string_view> parts;
  split_fields(spec, ':', parts);
  const kind_info* info = nullptr;
  for (const auto& candidate : kinds)
    if (iequals(candidate.name, parts[0]))
      info = &candidate;
  if (info == nullptr)
    return refuse(spec, "unknown indicator " + quoted(parts[0]) +
                            "; expected one of: " + std::string(syntax_text));
  std::size_t got = parts.size() - 1;
  std::size_t expected =
      static_cast<std::size_t>(info->period_count) + (info->has_deviations ? 1U : 0U);
  if (got != expected)
    return refuse(spec, parameter_count_error(*info, got));

  indicator_spec result;
  result.kind = info->kind;
  result.text = std::string(spec);
  for (int i = 0; i < info->period_count; ++i) {
    auto index = static_cast<std::size_t>(i);
    std::string reason = parse_period(parts[index + 1], info->period_names[index],
                                      info->minimums[index], result.periods[index]);
    if (!reason.empty())
      return refuse(spec, reason);
  }
  if (info->has_deviations) {
    std::string reason = parse_deviations(parts.back(), result.deviations);
    if (!reason.empty())
      return refuse(spec, reason);
  }
  spec_result ok;
  ok.spec = std::move(result);
  return ok;
}

} // namespace bourse::indicators
