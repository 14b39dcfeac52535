// Tuned CAF defaults for bourse programs.
#include "bourse/actors/builder/system_config.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "bourse/protocol/all.hpp"
#include "bourse/system/error_text.hpp"

namespace bourse {

system_config::system_config(run_mode mode) {
  register_protocol_types(*this);
  // CAF 0.17 starts max(4, cores) workers. A backtest is fastest on one: its sweeps are chains of
  // dependent steps through the sequencer, and the work that can run beside them (detached
  // indicator actors) has threads of its own; a second worker mostly adds hand-offs (demo, 200 k
  // ticks: 0.70 s on one worker, 0.97 s on two, 1.13 s on four; docs/operations.md). Runs whose
  // cooperative actors have much work of their own can ask for more (--scheduler.max-threads).
  set("scheduler.max-threads", std::size_t{1});
  // Work stealing stays (the sharing policy measured 2-4x slower for stepped backtests, and more
  // aggressive polling made quote runs slower): docs/operations.md has the numbers.
  set("logger.console", caf::atom("none"));
  if (mode == run_mode::paper) {
    // Paper mode is about latency at a modest rate, not throughput (docs/performance.md,
    // latency.paper). One worker: the path from a tick to an order is a chain of dependent hops,
    // and a second worker, asleep between ticks, only steals parts of it (no better median, a
    // longer tail, 2.3x the CPU). No moderate phase: instead of polling with uninterruptible 50 us
    // sleeps, an idle worker goes from its 100 aggressive polls straight to the condition variable
    // that the clock thread notifies (same latency, 40 % less CPU).
    set("scheduler.max-threads", std::size_t{1});
    set("work-stealing.moderate-poll-attempts", std::size_t{0});
  }
}

namespace {

// Returns the 1-based line of `key` in category `category` of a CAF config file's text, 0 when
// not found (best effort: CAF's parser keeps no positions).
std::size_t line_of(const std::string& text, const std::string& category, const std::string& key) {
  std::size_t line = 0;
  std::size_t pos = 0;
  std::string current = "global";
  while (pos <= text.size()) {
    auto end = text.find('\n', pos);
    if (end == std::string::npos)
      end = text.size();
    ++line;
    std::string_view l(text.data() + pos, end - pos);
    while (!l.empty() && (l.front() == ' ' || l.front() == '\t'))
      l.remove_prefix(1);
    if (!l.empty() && l.front() == '[') {
      auto close = l.find(']');
      current =
          std::string(l.substr(1, close == std::string_view::npos ? l.size() - 1 : close - 1));
    } else if (current == category && l.compare(0, key.size(), key) == 0 &&
               (l.size() == key.size() || l[key.size()] == ' ' || l[key.size()] == '=' ||
                l[key.size()] == '\t')) {
      return line;
    }
    pos = end + 1;
  }
  return 0;
}

} // namespace

std::vector<std::string> system_config::check_config_file(const std::string& path) const {
  std::vector<std::string> problems;
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return {path + ": cannot open the CAF config file"};
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::istringstream source(text);
  auto parsed = caf::actor_system_config::parse_config(source);
  if (!parsed)
    return {path + ": not a valid CAF config file: " + error_text(parsed.error())};
  auto place = [&](const std::string& category, const std::string& key) {
    auto line = line_of(text, category, key);
    return path + (line > 0 ? ":" + std::to_string(line) : std::string{}) + ": " +
           (category == "global" ? key : category + "." + key);
  };
  auto check = [&](const std::string& category, const std::string& key,
                   const caf::config_value& value) {
    auto option = custom_options_.qualified_name_lookup(category, key);
    if (option == nullptr)
      problems.push_back(place(category, key) + ": unknown key");
    else if (option->check(value))
      problems.push_back(place(category, key) + ": expected " +
                         std::string(option->type_name().data(), option->type_name().size()) +
                         ", got " + caf::to_string(value));
  };
  for (const auto& [name, value] : *parsed) {
    if (auto category = caf::get_if<caf::settings>(&value)) {
      for (const auto& [key, inner] : *category)
        check(name, key, inner);
    } else {
      check("global", name, value);
    }
  }
  return problems;
}

std::string system_config::parse_options(int argc, char** argv, const std::string& config_file) {
  // CAF 0.17 keeps unknown keys and wrongly typed values of a config file silently: check the file
  // against CAF's options first, naming the file, line and key.
  if (!config_file.empty()) {
    auto problems = check_config_file(config_file);
    if (!problems.empty()) {
      std::string text;
      for (const auto& p : problems)
        text += (text.empty() ? "" : "; ") + p;
      return text;
    }
  }
  // CAF reads ./caf-application.ini when no file is named; name one that is empty unless the user
  // gave one, so that a stray file in the working directory cannot change a run.
  const char* file = config_file.empty() ? "/dev/null" : config_file.c_str();
  if (auto err = parse(argc, argv, file))
    return error_text(err);
  // CAF divides by the worker count (0 ends the program with SIGFPE) and starts as many threads as
  // asked, however many.
  constexpr std::size_t max_threads = 256;
  auto threads = caf::get_or(*this, "scheduler.max-threads", std::size_t{1});
  if (threads < 1 || threads > max_threads)
    return "scheduler.max-threads: must be from 1 to " + std::to_string(max_threads) + " (got " +
           std::to_string(threads) + ")";
  return {};
}

} // namespace bourse
