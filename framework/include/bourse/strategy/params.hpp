#pragma once
// Strategy parameters from text: "key=value,key=value" (the part after the colon in
// `--strategy sma_cross:fast=10,slow=30`), read into a params struct field by field, with every
// problem collected rather than the first one thrown.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bourse/core/fixed_point.hpp"

namespace bourse {

/// Reads typed values out of "key=value,..." text and reports syntax errors, bad values and unknown
/// keys together.
///
/// Use: construct, call read() once per known key (a key absent from the text leaves the field at
/// its default), then problems(). Keys compare case-insensitively.
class param_reader {
public:
  /// Parses `text`; `owner` (e.g. "sma_cross") prefixes every problem.
  param_reader(std::string_view owner, std::string_view text);

  /// Reads a decimal integer.
  void read(std::string_view key, int& out);
  /// Reads a finite decimal number.
  void read(std::string_view key, double& out);
  /// Reads text (may not be empty).
  void read(std::string_view key, std::string& out);
  /// Reads a fixed-point quantity.
  void read(std::string_view key, quantity& out);
  /// Reads a fixed-point price.
  void read(std::string_view key, price& out);
  /// Reads true/false (also 1/0, yes/no, on/off).
  void read(std::string_view key, bool& out);

  /// Reads one of `choices` (name, value); an unknown name is a problem that lists the names.
  template <class Enum>
  void read_choice(std::string_view key, Enum& out,
                   const std::vector<std::pair<std::string_view, Enum>>& choices) {
    const std::string* text = take(key);
    if (text == nullptr)
      return;
    std::string names;
    for (const auto& [name, value] : choices) {
      if (same_key(name, *text)) {
        out = value;
        return;
      }
      names += names.empty() ? "" : ", ";
      names += name;
    }
    bad_value(key, *text, "one of " + names);
  }

  /// Returns every problem: malformed fields and duplicate keys, bad values, then unknown keys
  /// (naming the valid ones), each prefixed with "<owner>: ".
  [[nodiscard]] std::vector<std::string> problems() const;

private:
  struct field {
    std::string key;
    std::string value;
  };

  const std::string* take(std::string_view key);
  void bad_value(std::string_view key, std::string_view value, std::string_view expected);
  static bool same_key(std::string_view a, std::string_view b) noexcept;

  std::string owner_;
  std::vector<field> fields_;
  std::vector<std::string> known_;
  std::vector<std::string> syntax_;
  std::vector<std::string> values_;
};

/// A params struct parsed from text, or every problem found.
template <class Params>
struct params_result {
  /// The parameters when there was no problem.
  std::optional<Params> params;
  /// Every problem, one sentence each; empty on success.
  std::vector<std::string> problems;
  /// Returns true when params were parsed and validated.
  explicit operator bool() const noexcept { return params.has_value(); }
};

/// Parses `text` into a Params (defaults for absent keys) via `Params::read(param_reader&)`, then
/// runs `Params::validate()` on the result; returns the params or every problem of both stages.
template <class Params>
[[nodiscard]] params_result<Params> parse_params(std::string_view owner, std::string_view text) {
  Params params;
  param_reader reader{owner, text};
  params.read(reader);
  params_result<Params> out;
  out.problems = reader.problems();
  for (auto& p : params.validate())
    out.problems.push_back(std::string{owner} + ": " + p);
  if (out.problems.empty())
    out.params = std::move(params);
  return out;
}

/// Returns the problems joined with "; ".
[[nodiscard]] std::string join_problems(const std::vector<std::string>& problems);

} // namespace bourse
