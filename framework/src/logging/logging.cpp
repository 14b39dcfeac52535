// Logging set-up: the shared standard-error sink, the line format with data or wall time, the
// component loggers and their levels.
#include "bourse/logging/logging.hpp"

#include <array>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace bourse {

namespace {

constexpr std::array<std::string_view, log_component_count> component_names = {
    "system",     "sequencer", "feed",          "hub",   "indicator",
    "aggregator", "strategy",  "order_manager", "venue", "portfolio"};

constexpr auto default_level = spdlog::level::warn;
constexpr const char* level_choices = "trace, debug, info, warn, error, critical or off";

// %*: "data <ISO-8601>" while the thread handles a backtest's data time, else "wall <ISO-8601>"
// (UTC, microseconds).
class clock_flag final : public spdlog::custom_flag_formatter {
public:
  void format(const spdlog::details::log_msg& msg, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    const timestamp data = current_log_time();
    std::string text;
    if (data != no_log_time) {
      text = "data " + format_iso8601(data);
    } else {
      auto ns =
          std::chrono::duration_cast<std::chrono::nanoseconds>(msg.time.time_since_epoch()).count();
      text = "wall " + format_iso8601(ns - ns % 1000);
    }
    dest.append(text.data(), text.data() + text.size());
  }
  [[nodiscard]] std::unique_ptr<spdlog::custom_flag_formatter> clone() const override {
    return std::make_unique<clock_flag>();
  }
};

std::unique_ptr<spdlog::formatter> make_formatter() {
  auto formatter = std::make_unique<spdlog::pattern_formatter>();
  formatter->add_flag<clock_flag>('*').set_pattern("[%*] [%^%l%$] [%n] %v");
  return formatter;
}

bool valid_name(std::string_view name) {
  if (name.empty())
    return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '.')
      return false;
  return true;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  return text;
}

// Every logger shares one sink (and so one formatter); the state is never destroyed, so loggers
// stay usable by threads that outlive main() and by static destructors.
class logging_state {
public:
  logging_state() : sink_(std::make_shared<spdlog::sinks::stderr_color_sink_mt>()) {
    sink_->set_formatter(make_formatter());
    if (const char* env = std::getenv("SPDLOG_LEVEL"); env && *env) {
      std::string ignored; // reported by configure_logging(); here the default applies
      if (auto spec = parse_log_levels(env, ignored))
        levels_ = std::move(*spec);
    }
    for (std::size_t i = 0; i < log_component_count; ++i)
      builtin_[i] = &make(component_names[i]);
    // Lines logged through spdlog's free functions (spdlog::info) go the same way, as "system".
    spdlog::set_default_logger(loggers_.at("system"));
  }

  spdlog::logger& builtin(log_component component) const {
    return *builtin_[static_cast<std::size_t>(component)];
  }

  spdlog::logger& get(std::string_view name) {
    std::lock_guard<std::mutex> guard{mutex_};
    if (auto it = loggers_.find(name); it != loggers_.end())
      return *it->second;
    return make(name);
  }

  void apply(log_level_spec spec) {
    std::lock_guard<std::mutex> guard{mutex_};
    levels_ = std::move(spec);
    for (auto& [name, log] : loggers_)
      log->set_level(level_of(name));
  }

  spdlog::level::level_enum level(std::string_view name) {
    std::lock_guard<std::mutex> guard{mutex_};
    return level_of(name);
  }

private:
  spdlog::level::level_enum level_of(std::string_view name) const {
    auto level = levels_.all.value_or(default_level);
    for (const auto& [logger_name, logger_level] : levels_.loggers)
      if (logger_name == name)
        level = logger_level;
    return level;
  }

  // Called with the mutex held (or from the constructor).
  spdlog::logger& make(std::string_view name) {
    auto log = std::make_shared<spdlog::logger>(std::string{name}, sink_);
    log->set_level(level_of(name));
    // Also reachable as spdlog::get(name), unless the program registered a logger of that name.
    if (!spdlog::get(log->name())) {
      try {
        spdlog::register_logger(log);
      } catch (const spdlog::spdlog_ex&) {
        // registered meanwhile by another thread of the program: keep ours unregistered
      }
    }
    return *loggers_.emplace(std::string{name}, std::move(log)).first->second;
  }

  std::mutex mutex_;
  spdlog::sink_ptr sink_;
  log_level_spec levels_;
  std::map<std::string, std::shared_ptr<spdlog::logger>, std::less<>> loggers_;
  std::array<spdlog::logger*, log_component_count> builtin_{};
};

logging_state& state() {
  static auto* s = new logging_state; // never destroyed (see logging_state)
  return *s;
}

} // namespace

std::string_view to_string(log_component component) noexcept {
  auto i = static_cast<std::size_t>(component);
  return i < component_names.size() ? component_names[i] : "unknown";
}

spdlog::logger& logger(log_component component) {
  return state().builtin(component);
}

spdlog::logger& component_logger(std::string_view name) {
  return state().get(name);
}

std::optional<spdlog::level::level_enum> parse_log_level(std::string_view text) {
  std::string lower;
  for (char c : text)
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  using spdlog::level::level_enum;
  static const std::pair<std::string_view, level_enum> names[] = {
      {"trace", level_enum::trace}, {"debug", level_enum::debug},       {"info", level_enum::info},
      {"warn", level_enum::warn},   {"warning", level_enum::warn},      {"error", level_enum::err},
      {"err", level_enum::err},     {"critical", level_enum::critical}, {"off", level_enum::off}};
  for (const auto& [name, level] : names)
    if (lower == name)
      return level;
  return std::nullopt;
}

std::optional<log_level_spec> parse_log_levels(std::string_view text, std::string& error) {
  log_level_spec spec;
  if (trim(text).empty()) {
    error = "no level given: use " + std::string{level_choices};
    return std::nullopt;
  }
  std::size_t start = 0;
  for (;;) {
    auto comma = text.find(',', start);
    auto entry =
        trim(text.substr(start, comma == std::string_view::npos ? text.npos : comma - start));
    auto eq = entry.find('=');
    auto level_text = eq == std::string_view::npos ? entry : trim(entry.substr(eq + 1));
    if (entry.empty()) {
      error = "an entry of '" + std::string{text} + "' is empty";
      return std::nullopt;
    }
    auto level = parse_log_level(level_text);
    if (!level) {
      error = "'" + std::string{level_text} + "' is not a log level (use " + level_choices + ")";
      if (eq != std::string_view::npos)
        error = std::string{entry} + ": " + error;
      return std::nullopt;
    }
    if (eq == std::string_view::npos) {
      spec.all = *level;
    } else {
      auto name = trim(entry.substr(0, eq));
      if (!valid_name(name)) {
        error = std::string{entry} + ": '" + std::string{name} +
                "' is not a logger name (letters, digits, '_', '-' and '.')";
        return std::nullopt;
      }
      spec.loggers.emplace_back(std::string{name}, *level);
    }
    if (comma == std::string_view::npos)
      break;
    start = comma + 1;
  }
  return spec;
}

bool configure_logging(std::optional<std::string_view> flag, std::optional<std::string_view> env,
                       std::vector<std::string>& problems) {
  auto& s = state();
  const bool from_flag = flag.has_value();
  if (!from_flag && !env) {
    s.apply(log_level_spec{});
    return true;
  }
  std::string error;
  auto spec = parse_log_levels(from_flag ? *flag : *env, error);
  if (!spec) {
    problems.push_back((from_flag ? "--log-level: " : "SPDLOG_LEVEL: ") + error);
    return false;
  }
  s.apply(std::move(*spec));
  return true;
}

bool configure_logging(std::optional<std::string_view> flag, std::vector<std::string>& problems) {
  // An empty SPDLOG_LEVEL counts as unset.
  const char* env = std::getenv("SPDLOG_LEVEL");
  return configure_logging(flag, env && *env ? std::optional<std::string_view>{env} : std::nullopt,
                           problems);
}

spdlog::level::level_enum configured_level(std::string_view name) {
  return state().level(name);
}

} // namespace bourse
