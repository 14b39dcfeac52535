// Cell parsing for the CSV readers, with a reason for every refusal.
#include "cells.hpp"

#include <charconv>
#include <cmath>

#include "bourse/core/text.hpp"

namespace bourse::market_detail {

std::string quoted(std::string_view text) {
  constexpr std::size_t max_shown = 40;
  if (text.size() > max_shown)
    return "'" + std::string(text.substr(0, max_shown)) + "...'";
  return "'" + std::string(text) + "'";
}

bool find_time_column(csv_row_reader& rows, int& column) {
  column = -1;
  const csv_header& header = rows.header();
  for (auto name : ts_names) {
    int index = header.find({name});
    if (index < 0)
      continue;
    if (column >= 0) {
      rows.fail(rows.line(), header.name(static_cast<std::size_t>(index)),
                "second time column (the first is '" +
                    header.name(static_cast<std::size_t>(column)) + "')");
      return false;
    }
    column = index;
  }
  return true;
}

std::string number_problem(std::string_view cell) {
  if (cell.empty())
    return "empty";
  std::string_view body = cell;
  if (body.front() == '+' || body.front() == '-')
    body.remove_prefix(1);
  if (iequals(body, "nan") || iequals(body, "inf") || iequals(body, "infinity"))
    return "not finite: " + quoted(cell);
  if (!body.empty() && (body.front() == '+' || body.front() == '-'))
    return "not a number: " + quoted(cell);
  double value = 0;
  auto [ptr, ec] = std::from_chars(body.data(), body.data() + body.size(), value);
  if (ptr == body.data() + body.size()) {
    if (ec == std::errc::result_out_of_range || (ec == std::errc{} && std::isfinite(value)))
      return "out of range: " + quoted(cell);
    if (ec == std::errc{} && !std::isfinite(value))
      return "not finite: " + quoted(cell);
  }
  return "not a number: " + quoted(cell);
}

std::optional<price> parse_positive_price(std::string_view cell, std::string& reason) {
  auto value = price::parse(cell);
  if (!value) {
    reason = number_problem(cell);
    return std::nullopt;
  }
  if (!value->is_positive()) {
    reason = "must be positive, got " + std::string(cell);
    return std::nullopt;
  }
  return value;
}

std::optional<quantity> parse_size(std::string_view cell, std::string& reason) {
  auto value = quantity::parse(cell);
  if (!value) {
    reason = number_problem(cell);
    return std::nullopt;
  }
  if (value->is_negative()) {
    reason = "must not be negative, got " + std::string(cell);
    return std::nullopt;
  }
  return value;
}

std::optional<timestamp> parse_time(std::string_view cell, epoch_unit& unit, std::string& reason) {
  if (cell.empty()) {
    reason = "empty";
    return std::nullopt;
  }
  epoch_unit used = unit;
  auto ts = parse_timestamp(cell, unit, &used);
  if (!ts) {
    std::int64_t integer = 0;
    auto [ptr, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), integer);
    if (ptr == cell.data() + cell.size() && ec == std::errc{})
      reason = "epoch out of range for unit " + std::string(to_string(used)) + ": " + quoted(cell);
    else if (ptr == cell.data() + cell.size() && ec == std::errc::result_out_of_range)
      reason = "epoch out of range: " + quoted(cell);
    else
      reason = "not an integer epoch or ISO-8601 time: " + quoted(cell);
    return std::nullopt;
  }
  if (unit == epoch_unit::detect)
    unit = used;
  return ts;
}

} // namespace bourse::market_detail
