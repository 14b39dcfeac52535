// Shows the logging set-up: level texts as --log-level and SPDLOG_LEVEL take them, the flag's
// precedence over the environment, per-component levels, and the line format with the data time
// of the step being handled or the wall clock.
#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>

#include "bourse/logging/exit_codes.hpp"
#include "bourse/logging/logging.hpp"

using bourse::configure_logging;
using bourse::configured_level;
using bourse::parse_log_level;
using bourse::parse_log_levels;
namespace level = spdlog::level;

namespace {

// Restores the default configuration (no flag, no SPDLOG_LEVEL) when a test ends.
struct default_levels {
  ~default_levels() {
    std::vector<std::string> ignored;
    configure_logging(std::nullopt, std::nullopt, ignored);
  }
};

// Captures what is written to standard error (file descriptor 2) while it lives.
class stderr_capture {
public:
  stderr_capture() {
    std::fflush(stderr);
    saved_ = ::dup(2);
    file_ = std::tmpfile();
    ::dup2(::fileno(file_), 2);
  }
  ~stderr_capture() {
    release();
    std::fclose(file_);
  }
  std::string text() {
    release();
    std::rewind(file_);
    std::string out;
    char buffer[512];
    while (auto n = std::fread(buffer, 1, sizeof buffer, file_))
      out.append(buffer, n);
    return out;
  }

private:
  void release() {
    if (saved_ < 0)
      return;
    std::fflush(stderr);
    ::dup2(saved_, 2);
    ::close(saved_);
    saved_ = -1;
  }
  int saved_ = -1;
  std::FILE* file_ = nullptr;
};

// Removes terminal colour sequences (the sink colours the level when standard error was a terminal
// when it was made, e.g. when this test runs by hand).
std::string without_colours(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\x1b') {
      while (i < text.size() && text[i] != 'm')
        ++i;
      continue;
    }
    out += text[i];
  }
  return out;
}

} // namespace

TEST_CASE("level names are read case-insensitively, with spdlog's aliases") {
  CHECK(parse_log_level("trace") == level::trace);
  CHECK(parse_log_level("debug") == level::debug);
  CHECK(parse_log_level("INFO") == level::info);
  CHECK(parse_log_level("warn") == level::warn);
  CHECK(parse_log_level("warning") == level::warn);
  CHECK(parse_log_level("error") == level::err);
  CHECK(parse_log_level("err") == level::err);
  CHECK(parse_log_level("critical") == level::critical);
  CHECK(parse_log_level("off") == level::off);
  CHECK_FALSE(parse_log_level("bogus"));
  CHECK_FALSE(parse_log_level(""));
  CHECK_FALSE(parse_log_level("warn "));
}

TEST_CASE("level lists follow SPDLOG_LEVEL's syntax and name the bad entry") {
  std::string error;
  SUBCASE("one level for every logger") {
    auto spec = parse_log_levels("debug", error);
    REQUIRE(spec);
    CHECK(spec->all == level::debug);
    CHECK(spec->loggers.empty());
  }
  SUBCASE("a level for all and levels for single loggers, spaces ignored") {
    auto spec = parse_log_levels("warn, order_manager=debug,venue = trace", error);
    REQUIRE(spec);
    CHECK(spec->all == level::warn);
    REQUIRE(spec->loggers.size() == 2);
    CHECK(spec->loggers[0] ==
          std::pair<std::string, level::level_enum>{"order_manager", level::debug});
    CHECK(spec->loggers[1] == std::pair<std::string, level::level_enum>{"venue", level::trace});
  }
  SUBCASE("only single loggers: the others keep the default") {
    auto spec = parse_log_levels("strategy=info", error);
    REQUIRE(spec);
    CHECK_FALSE(spec->all);
  }
  SUBCASE("an unknown level names the value and the choices") {
    CHECK_FALSE(parse_log_levels("bogus", error));
    CHECK(error == "'bogus' is not a log level (use trace, debug, info, warn, error, critical or "
                   "off)");
  }
  SUBCASE("an unknown level of one logger names the entry") {
    CHECK_FALSE(parse_log_levels("warn,venue=loud", error));
    CHECK(error.rfind("venue=loud: 'loud' is not a log level", 0) == 0);
  }
  SUBCASE("a bad logger name is refused") {
    CHECK_FALSE(parse_log_levels("=debug", error));
    CHECK(error.find("is not a logger name") != std::string::npos);
    CHECK_FALSE(parse_log_levels("order manager=debug", error));
  }
  SUBCASE("empty text and empty entries are refused") {
    CHECK_FALSE(parse_log_levels("", error));
    CHECK(error.find("no level given") != std::string::npos);
    CHECK_FALSE(parse_log_levels("warn,,venue=debug", error));
    CHECK(error.find("is empty") != std::string::npos);
  }
}

TEST_CASE("configure_logging applies the flag over SPDLOG_LEVEL, warn by default") {
  default_levels restore;
  std::vector<std::string> problems;
  SUBCASE("nothing given: warn everywhere") {
    CHECK(configure_logging(std::nullopt, std::nullopt, problems));
    CHECK(configured_level("venue") == level::warn);
    CHECK(bourse::logger(bourse::log_component::venue).level() == level::warn);
  }
  SUBCASE("SPDLOG_LEVEL alone sets the levels, per logger too") {
    CHECK(configure_logging(std::nullopt, "error,order_manager=debug", problems));
    CHECK(bourse::logger(bourse::log_component::order_manager).level() == level::debug);
    CHECK(bourse::logger(bourse::log_component::venue).level() == level::err);
    CHECK(bourse::component_logger("my_actor").level() == level::err);
  }
  SUBCASE("the flag replaces SPDLOG_LEVEL, which is then not even read") {
    CHECK(configure_logging("info", "bogus", problems));
    CHECK(problems.empty());
    CHECK(bourse::logger(bourse::log_component::order_manager).level() == level::info);
  }
  SUBCASE("a logger created after configuration gets its configured level") {
    CHECK(configure_logging("off,late_component=trace", std::nullopt, problems));
    CHECK(bourse::component_logger("late_component").level() == level::trace);
    CHECK(bourse::logger(bourse::log_component::system).level() == level::off);
  }
  SUBCASE("a bad flag is a usage problem naming --log-level; nothing changes") {
    CHECK(configure_logging("debug", std::nullopt, problems));
    CHECK_FALSE(configure_logging("bogus", "info", problems));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].rfind("--log-level: 'bogus' is not a log level", 0) == 0);
    CHECK(bourse::logger(bourse::log_component::hub).level() == level::debug);
  }
  SUBCASE("a bad SPDLOG_LEVEL names SPDLOG_LEVEL") {
    CHECK_FALSE(configure_logging(std::nullopt, "loud", problems));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].rfind("SPDLOG_LEVEL: 'loud'", 0) == 0);
  }
}

TEST_CASE("every component has its own logger, reachable through spdlog too") {
  for (std::size_t i = 0; i < bourse::log_component_count; ++i) {
    auto component = static_cast<bourse::log_component>(i);
    auto& log = bourse::logger(component);
    CHECK(log.name() == bourse::to_string(component));
    CHECK(&bourse::component_logger(log.name()) == &log);
    CHECK(spdlog::get(log.name()).get() == &log);
  }
  CHECK(bourse::to_string(bourse::log_component::order_manager) == "order_manager");
  // spdlog's free functions write as the system component.
  CHECK(spdlog::default_logger_raw() == &bourse::logger(bourse::log_component::system));
}

TEST_CASE(
    "lines go to standard error, stamped with the data time being handled or the wall clock") {
  default_levels restore;
  std::vector<std::string> problems;
  REQUIRE(configure_logging("info", std::nullopt, problems));
  auto& log = bourse::logger(bourse::log_component::venue);
  stderr_capture capture;
  {
    bourse::log_time_scope step{1'704'153'600'000'000'000}; // 2024-01-02T00:00:00Z
    log.info("Order filled order={} qty={}", 7, 10);
    {
      bourse::log_time_scope nested;
      nested.set(1'704'153'601'500'000'000);
      log.warn("Nested step");
    }
    log.debug("Not shown at info");
  }
  CHECK(bourse::current_log_time() == bourse::no_log_time);
  log.info("Outside a step");
  auto text = without_colours(capture.text());
  std::istringstream lines(text);
  std::string line;
  REQUIRE(std::getline(lines, line));
  CHECK(line == "[data 2024-01-02T00:00:00Z] [info] [venue] Order filled order=7 qty=10");
  REQUIRE(std::getline(lines, line));
  CHECK(line == "[data 2024-01-02T00:00:01.5Z] [warning] [venue] Nested step");
  REQUIRE(std::getline(lines, line));
  CHECK(line.rfind("[wall 20", 0) == 0);
  CHECK(line.find("Z] [info] [venue] Outside a step") != std::string::npos);
  CHECK_FALSE(std::getline(lines, line));
}

TEST_CASE("the exit codes are the documented ones") {
  CHECK(bourse::exit_ok == 0);
  CHECK(bourse::exit_failure == 1);
  CHECK(bourse::exit_usage == 2);
}
