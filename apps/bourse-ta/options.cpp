// Command-line parsing of bourse-ta.
#include "options.hpp"

#include <cstddef>
#include <string_view>
#include <utility>

#include "bourse/indicators/spec.hpp"

namespace bourse::ta {

namespace {

options_result refuse(std::string error) {
  options_result result;
  result.error = std::move(error);
  return result;
}

} // namespace

options_result parse_options(const std::vector<std::string>& args) {
  options parsed;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string name = args[i];
    std::optional<std::string> inline_value;
    if (auto eq = name.find('='); name.rfind("--", 0) == 0 && eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    auto value = [&]() -> std::optional<std::string> {
      if (inline_value)
        return inline_value;
      if (i + 1 < args.size())
        return args[++i];
      return std::nullopt;
    };
    auto is_flag = [&](std::string_view flag) { return name == flag && !inline_value; };
    if (is_flag("--help") || is_flag("-h")) {
      parsed.help = true;
    } else if (is_flag("--skip-bad-rows")) {
      parsed.skip_bad_rows = true;
    } else if (name == "--input" || name == "--indicator" || name == "--output" ||
               name == "--ts-unit" || name == "--log-level") {
      auto v = value();
      if (!v)
        return refuse(name + " needs a value");
      if (name == "--input") {
        parsed.input = *v;
      } else if (name == "--indicator") {
        parsed.indicators.push_back(*v);
      } else if (name == "--output") {
        parsed.output = *v;
      } else if (name == "--log-level") {
        parsed.log_level = *v;
      } else {
        auto unit = epoch_unit_from_string(*v);
        if (!unit)
          return refuse("--ts-unit must be detect, s, ms, us or ns, got '" + *v + "'");
        parsed.ts_unit = *unit;
      }
    } else {
      return refuse("unknown argument '" + args[i] + "'");
    }
  }
  if (!parsed.help) {
    if (parsed.input.empty())
      return refuse("--input FILE is required");
    if (parsed.indicators.empty())
      return refuse("at least one --indicator SPEC is required");
  }
  options_result result;
  result.value = std::move(parsed);
  return result;
}

std::string usage() {
  return std::string(
             "usage: bourse-ta --input FILE --indicator SPEC [--indicator SPEC ...] [--output "
             "FILE]\n"
             "                 [--ts-unit detect|s|ms|us|ns] [--skip-bad-rows]\n"
             "\n"
             "Reads OHLCV bars (CSV with a header naming ts, open, high, low, close and "
             "optionally\n"
             "volume, in any order) and writes CSV: the ts column exactly as in the input, then "
             "one\n"
             "column per indicator output named by its spec (multi-output ones as SPEC.PART), one "
             "row\n"
             "per input row, an empty cell before the value is defined, 17 significant digits.\n"
             "\n"
             "SPEC: ") +
         std::string(indicators::indicator_spec_syntax()) +
         "\n"
         "  macd parts: .macd .signal .hist   bbands parts: .upper .middle .lower\n"
         "  stoch and stochf parts: .k .d     (values follow TA-Lib; see docs/indicators.md)\n"
         "\n"
         "--output FILE     write there instead of standard output (whole or not at all: under a\n"
         "                  temporary name, renamed when complete; never the input file)\n"
         "--ts-unit UNIT    unit of integer timestamps (default: detect from the magnitude)\n"
         "--skip-bad-rows   skip bad rows instead of stopping; their count and the first errors\n"
         "                  go to standard error\n"
         "--log-level LEVELS  trace, debug, info, warn (default), error, critical or off, or a\n"
         "                  list such as warn,system=info; replaces SPDLOG_LEVEL when given\n"
         "--help            this text\n"
         "\n"
         "Exit status: 0 ok, 1 data error (unreadable or bad input, an unwritable output or a\n"
         "full standard output; --output is then absent), 2 usage error (bad command line,\n"
         "indicator spec, --log-level or SPDLOG_LEVEL, --output naming the input). SIGINT or\n"
         "SIGTERM end it at once (status 130 or 143 as the shell reports it; --output absent).\n";
}

} // namespace bourse::ta
