#pragma once
// Strategies by name: build one from "name:key=value,..." text (the --strategy option), with every
// problem reported at once. builtin_strategies() knows the three examples; add your own.

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bourse/strategy/params.hpp"
#include "bourse/strategy/strategy.hpp"

namespace bourse {

/// A built strategy, or every problem that kept it from being built.
struct strategy_result {
  /// The strategy when there was no problem.
  std::unique_ptr<strategy> value;
  /// Every problem, one sentence each; empty on success.
  std::vector<std::string> problems;
  /// Returns true when a strategy was built.
  explicit operator bool() const noexcept { return value != nullptr; }
};

/// Builds a strategy from its parameter text (the part after "name:").
using strategy_factory = std::function<strategy_result(std::string_view params)>;

/// One known strategy.
struct strategy_entry {
  /// The name used on the command line, e.g. "sma_cross".
  std::string name;
  /// One sentence saying what it does.
  std::string summary;
  /// Its keys with defaults, e.g. "symbol=SPX,fast=10,slow=30,qty=10,mode=long_flat".
  std::string defaults;
  /// Builds it.
  strategy_factory factory;
};

/// Returns a factory that parses the parameter text into a `Params` (parse_params: its
/// `read(param_reader&)` and `validate()`) and constructs a `Strategy` from it; every problem of
/// both stages is reported, prefixed with `name`.
template <class Params, class Strategy>
[[nodiscard]] strategy_factory params_factory(std::string name) {
  return [name = std::move(name)](std::string_view text) {
    strategy_result out;
    auto parsed = parse_params<Params>(name, text);
    if (!parsed) {
      out.problems = std::move(parsed.problems);
      return out;
    }
    out.value = std::make_unique<Strategy>(std::move(*parsed.params));
    return out;
  };
}

/// Strategies by name, in the order they were added.
class strategy_registry {
public:
  /// Adds (or replaces) a strategy.
  void add(strategy_entry entry);

  /// Adds (or replaces) a strategy type in one call: `Params` is read from the parameter text
  /// (it has `void read(param_reader&)` and `std::vector<std::string> validate() const`) and
  /// `Strategy` is constructed from it. `defaults` lists the keys with their defaults.
  template <class Params, class Strategy>
  void add(std::string name, std::string summary, std::string defaults) {
    auto factory = params_factory<Params, Strategy>(name);
    add(strategy_entry{std::move(name), std::move(summary), std::move(defaults), std::move(factory)});
  }

  /// Builds `name` with `params`; an unknown name is a problem that lists the known names.
  [[nodiscard]] strategy_result make(std::string_view name, std::string_view params) const;

  /// Builds from "name" or "name:key=value,...".
  [[nodiscard]] strategy_result make(std::string_view text) const;

  /// Returns the known strategies in the order they were added.
  [[nodiscard]] const std::vector<strategy_entry>& entries() const noexcept { return entries_; }

  /// Returns the known names, comma separated.
  [[nodiscard]] std::string names() const;

private:
  std::vector<strategy_entry> entries_;
};

/// Returns a registry that knows sma_cross, rsi_reversion and cross_venue_spread.
[[nodiscard]] strategy_registry builtin_strategies();

/// Builds one of the built-in strategies from "name" or "name:key=value,...".
[[nodiscard]] strategy_result make_strategy(std::string_view text);

/// Builds one of the built-in strategies by name from its parameter text.
[[nodiscard]] strategy_result make_strategy(std::string_view name, std::string_view params);

} // namespace bourse
