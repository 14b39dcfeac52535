// bourse-book: replays order commands (CSV) through the matching engine and prints every event,
// then the resting book. See docs/matching.md for the formats.
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <bourse/core/instrument.hpp>
#include <bourse/logging/exit_codes.hpp>
#include <bourse/logging/logging.hpp>

#include "replay.hpp"

namespace {

constexpr const char* usage = R"(usage: bourse-book [--tick T] [--lot L] [FILE]

Replays order commands through a price-time priority matching engine and prints one CSV line per
event, then the resting book. Reads FILE, or standard input when FILE is absent or "-".

Input CSV, with a header:   op,id,side,type,price,qty,tif,stop_price
  op     new | cancel | replace | expire (expire: end of session, cancels DAY orders)
  id     letters, digits, '_' and '-'
  side   buy | sell                          (new only)
  type   limit | market | stop | stop_limit  (new only)
  price  limit price; for replace the new price (empty = unchanged)
  qty    quantity; for replace the new OPEN quantity (empty = unchanged)
  tif    gtc | day | ioc | fok (empty = gtc) (new only)
  stop_price  stop price of stop and stop_limit orders; for replace the new stop (untriggered only)

Output CSV lines:
  accepted,ID                  rejected,ID,REASON
  trade,TAKER_ID,MAKER_ID,PRICE,QTY
  cancelled,ID,REMAINING_QTY,REASON
  replaced,ID,PRICE,QTY        triggered,ID
  book,bid|ask,PRICE,ID,OPEN_QTY   (at the end: bids then asks, best price first, then time)

Options:
  --tick T            price tick size (default 0.01); prices print with its number of decimals
  --lot L             quantity lot size (default 1)
  --log-level LEVELS  trace, debug, info, warn (default), error, critical or off, or a list such
                      as warn,system=info; replaces SPDLOG_LEVEL when given
  --help              show this help

Exit status: 0 ok, 1 when the input cannot be read or is malformed (the message names
file:line: column) or standard output cannot be written, 2 usage error (unknown option, bad
value, bad --log-level or SPDLOG_LEVEL). SIGINT or SIGTERM end it at once (130 or 143 as the
shell reports it).
)";

int usage_error(const std::string& message) {
  std::cerr << "bourse-book: " << message << "\nTry 'bourse-book --help'.\n";
  return bourse::exit_usage;
}

} // namespace

int main(int argc, char** argv) {
  std::string tick = "0.01";
  std::string lot = "1";
  std::string file;
  bool have_file = false;
  std::optional<std::string> log_level;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::cout << usage << std::flush;
      if (!std::cout) {
        std::cerr << "bourse-book: standard output: write failed\n";
        return bourse::exit_failure;
      }
      return bourse::exit_ok;
    }
    if (arg == "--tick" || arg == "--lot" || arg == "--log-level") {
      if (i + 1 >= argc)
        return usage_error(std::string(arg) + " needs a value");
      if (arg == "--log-level")
        log_level = argv[++i];
      else
        (arg == "--tick" ? tick : lot) = argv[++i];
    } else if (arg.rfind("--log-level=", 0) == 0) {
      log_level = std::string(arg.substr(12));
    } else if (arg.rfind("--tick=", 0) == 0) {
      tick = arg.substr(7);
    } else if (arg.rfind("--lot=", 0) == 0) {
      lot = arg.substr(6);
    } else if (arg.size() > 1 && arg[0] == '-') {
      return usage_error("unknown option '" + std::string(arg) + "'");
    } else if (have_file) {
      return usage_error("more than one input file");
    } else {
      file = arg;
      have_file = true;
    }
  }
  if (std::vector<std::string> problems; !bourse::configure_logging(log_level, problems))
    return usage_error(problems.front());
  if (!bourse::price::parse(tick) || !bourse::price::parse(tick)->is_positive())
    return usage_error("--tick: expected a positive decimal, got '" + tick + "'");
  if (!bourse::quantity::parse(lot) || !bourse::quantity::parse(lot)->is_positive())
    return usage_error("--lot: expected a positive decimal, got '" + lot + "'");
  auto instr = bourse::instrument::make("BOOK", tick, lot);
  if (!instr)
    return usage_error("bad --tick or --lot");

  std::ifstream stream;
  std::istream* in = &std::cin;
  std::string source = "<stdin>";
  if (have_file && file != "-") {
    stream.open(file, std::ios::binary);
    if (!stream) {
      std::cerr << "bourse-book: " << file << ": cannot open file\n";
      return bourse::exit_failure;
    }
    in = &stream;
    source = file;
  }

  std::ios::sync_with_stdio(false);
  bourse_book::replay replay(*instr, std::cout);
  auto error = replay.run(*in, source);
  if (error) {
    std::cout.flush(); // events printed before the bad row stay printed
    std::cerr << "bourse-book: " << error->to_string() << '\n';
    return bourse::exit_failure;
  }
  replay.print_book();
  std::cout.flush();
  if (!std::cout) {
    std::cerr << "bourse-book: standard output: write failed\n";
    return bourse::exit_failure;
  }
  return bourse::exit_ok;
}
