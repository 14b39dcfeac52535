// Parsing a TOML run configuration into a run_plan (docs/backtest-config.md has the keys).
#include "bourse/actors/builder/run_config.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

#include <toml++/toml.h>

#include "bourse/actors/sequencer/sequencer_config.hpp"
#include "bourse/core/duration.hpp"

namespace bourse {

namespace {

namespace fs = std::filesystem;

const char* type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    default:
      return "nothing";
  }
}

std::size_t line_of(const toml::node& n) { return static_cast<std::size_t>(n.source().begin.line); }

std::string join(const std::set<std::string>& names) {
  std::string out;
  for (const auto& n : names)
    out += (out.empty() ? "" : ", ") + n;
  return out;
}

// Shortest fixed-notation text of a double ("0.5", "100000"), for decimal and parameter values.
std::string shortest(double v) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::fixed);
  if (ec != std::errc{})
    return std::to_string(v);
  return std::string(buf, end);
}

// The file name and the problems of one parse.
struct parse_context {
  std::string file;
  std::vector<config_problem>& problems;

  void add(std::size_t line, std::string key, std::string message) {
    problems.push_back({{file, line, std::move(key)}, std::move(message)});
  }
};

// Reads the keys of one table, remembering which were asked for, so that finish() can report every
// key nobody asked for as unknown (listing the valid ones).
class table_reader {
public:
  table_reader(const toml::table& table, std::string path, parse_context& ctx)
      : table_(table), path_(std::move(path)), ctx_(ctx) {}

  [[nodiscard]] const std::string& path() const noexcept { return path_; }
  [[nodiscard]] std::string key_path(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }
  [[nodiscard]] std::size_t line() const { return line_of(table_); }
  [[nodiscard]] config_place place(std::string_view key = {}) const {
    const auto* n = key.empty() ? nullptr : table_.get(key);
    return {ctx_.file, n ? line_of(*n) : line(), key.empty() ? path_ : key_path(key)};
  }
  [[nodiscard]] const toml::table& table() const noexcept { return table_; }

  // Returns the node of `key` (null when absent) and marks the key as known.
  const toml::node* get(std::string_view key) {
    known_.insert(std::string(key));
    return table_.get(key);
  }
  void problem(std::string_view key, std::string message) {
    const auto* n = table_.get(key);
    ctx_.add(n ? line_of(*n) : line(), key_path(key), std::move(message));
  }
  void wrong_type(std::string_view key, const toml::node& n, const std::string& expected) {
    problem(key, "expected " + expected + ", got " + type_name(n));
  }

  std::optional<std::string> text(std::string_view key, bool required = false) {
    const auto* n = get(key);
    if (!n) {
      if (required)
        problem(key, "missing (required)");
      return std::nullopt;
    }
    if (auto v = n->value<std::string>()) {
      if (v->empty()) {
        problem(key, "must not be empty");
        return std::nullopt;
      }
      return v;
    }
    wrong_type(key, *n, "a string");
    return std::nullopt;
  }

  std::optional<std::int64_t> integer(std::string_view key, std::int64_t lo, std::int64_t hi,
                                      bool required = false) {
    const auto* n = get(key);
    if (!n) {
      if (required)
        problem(key, "missing (required)");
      return std::nullopt;
    }
    if (!n->is_integer()) {
      wrong_type(key, *n, "an integer");
      return std::nullopt;
    }
    auto v = *n->value<std::int64_t>();
    if (v < lo || v > hi) {
      problem(key, "must be in [" + std::to_string(lo) + ", " + std::to_string(hi) + "] (got " +
                       std::to_string(v) + ")");
      return std::nullopt;
    }
    return v;
  }

  std::optional<double> number(std::string_view key, double lo, double hi) {
    const auto* n = get(key);
    if (!n)
      return std::nullopt;
    if (!n->is_integer() && !n->is_floating_point()) {
      wrong_type(key, *n, "a number");
      return std::nullopt;
    }
    auto v = *n->value<double>();
    if (!std::isfinite(v) || v < lo || v > hi) {
      problem(key, "must be a number in [" + shortest(lo) + ", " + shortest(hi) + "] (got " +
                       shortest(v) + ")");
      return std::nullopt;
    }
    return v;
  }

  std::optional<bool> boolean(std::string_view key) {
    const auto* n = get(key);
    if (!n)
      return std::nullopt;
    if (!n->is_boolean()) {
      wrong_type(key, *n, "a boolean (true or false)");
      return std::nullopt;
    }
    return n->value<bool>();
  }

  // A decimal as a string ("0.5"), an integer or a float; negative values only when allowed.
  template <class Fixed>
  std::optional<Fixed> decimal(std::string_view key, bool allow_negative = false,
                               bool allow_zero = true) {
    const auto* n = get(key);
    if (!n)
      return std::nullopt;
    std::string text;
    if (auto s = n->value_exact<std::string>())
      text = *s;
    else if (auto i = n->value_exact<std::int64_t>())
      text = std::to_string(*i);
    else if (auto d = n->value_exact<double>()) {
      if (!std::isfinite(*d)) {
        problem(key, "must be a finite number");
        return std::nullopt;
      }
      text = shortest(*d);
    } else {
      wrong_type(key, *n, "a decimal number (e.g. \"0.01\" or 100)");
      return std::nullopt;
    }
    auto v = Fixed::parse(text);
    if (!v) {
      problem(key, "'" + text + "' is not a decimal number");
      return std::nullopt;
    }
    if (v->is_negative() && !allow_negative) {
      problem(key, "must not be negative (got " + text + ")");
      return std::nullopt;
    }
    if (v->is_zero() && !allow_zero) {
      problem(key, "must be above 0");
      return std::nullopt;
    }
    return v;
  }

  // A duration as text ("1m", "250ms") or an integer number of nanoseconds.
  std::optional<duration_ns> duration(std::string_view key) {
    const auto* n = get(key);
    if (!n)
      return std::nullopt;
    if (auto i = n->value_exact<std::int64_t>()) {
      if (*i < 0) {
        problem(key, "must not be negative");
        return std::nullopt;
      }
      return *i;
    }
    if (auto s = n->value_exact<std::string>()) {
      if (auto d = parse_duration(*s))
        return d;
      problem(key, "'" + *s + "' is not a duration (e.g. \"500ms\", \"1m\", \"1h30m\")");
      return std::nullopt;
    }
    wrong_type(key, *n, "a duration (e.g. \"1m\")");
    return std::nullopt;
  }

  std::optional<std::vector<std::string>> strings(std::string_view key) {
    const auto* n = get(key);
    if (!n)
      return std::nullopt;
    const auto* arr = n->as_array();
    if (!arr) {
      wrong_type(key, *n, "an array of strings");
      return std::nullopt;
    }
    std::vector<std::string> out;
    for (std::size_t i = 0; i < arr->size(); ++i) {
      auto s = arr->get(i)->value_exact<std::string>();
      if (!s || s->empty()) {
        ctx_.add(line_of(*arr->get(i)), key_path(key) + "[" + std::to_string(i) + "]",
                 std::string("expected a non-empty string, got ") + type_name(*arr->get(i)));
        return std::nullopt;
      }
      out.push_back(*s);
    }
    return out;
  }

  const toml::table* subtable(std::string_view key) {
    const auto* n = get(key);
    if (!n)
      return nullptr;
    if (!n->is_table()) {
      wrong_type(key, *n, "a table");
      return nullptr;
    }
    return n->as_table();
  }

  // An array of tables ([[key]]); a single table ([key]) counts as one.
  std::vector<const toml::table*> tables(std::string_view key) {
    const auto* n = get(key);
    std::vector<const toml::table*> out;
    if (!n)
      return out;
    if (const auto* t = n->as_table()) {
      out.push_back(t);
      return out;
    }
    const auto* arr = n->as_array();
    if (!arr) {
      wrong_type(key, *n, "an array of tables ([[" + std::string(key) + "]])");
      return out;
    }
    for (std::size_t i = 0; i < arr->size(); ++i) {
      const auto* t = arr->get(i)->as_table();
      if (!t) {
        ctx_.add(line_of(*arr->get(i)), key_path(key) + "[" + std::to_string(i) + "]",
                 std::string("expected a table, got ") + type_name(*arr->get(i)));
        continue;
      }
      out.push_back(t);
    }
    return out;
  }

  // Reports every key of the table nobody asked for.
  void finish() {
    for (auto&& [k, n] : table_) {
      std::string name(k.str());
      if (!known_.count(name))
        ctx_.add(line_of(n), key_path(name), "unknown key (valid keys: " + join(known_) + ")");
    }
  }

  // Marks every key as known (for tables read freely, e.g. strategy parameters).
  void mark_all_known() {
    for (auto&& [k, n] : table_) {
      (void)n;
      known_.insert(std::string(k.str()));
    }
  }

private:
  const toml::table& table_;
  std::string path_;
  parse_context& ctx_;
  std::set<std::string> known_;
};

std::string indexed(const std::string& prefix, std::string_view key, std::size_t i) {
  return (prefix.empty() ? "" : prefix + ".") + std::string(key) + "[" + std::to_string(i) + "]";
}

// Copies the problems of a config struct's validate() to the reader's table.
template <class Config>
void collect(table_reader& r, const Config& config, std::string_view key = {}) {
  for (auto& p : config.validate())
    r.problem(key, p);
}

std::optional<orders::risk_limits> read_risk(table_reader& parent, std::string_view key,
                                             parse_context& ctx) {
  const auto* t = parent.subtable(key);
  if (!t)
    return std::nullopt;
  table_reader r(*t, parent.key_path(key), ctx);
  orders::risk_limits limits;
  limits.max_order_quantity = r.decimal<quantity>("max_order_qty", false, false);
  limits.max_order_notional = r.decimal<money>("max_order_notional", false, false);
  limits.max_position = r.decimal<quantity>("max_position");
  if (auto bps = r.integer("price_band_bps", 1, 1'000'000))
    limits.price_band_bps = *bps;
  if (const auto* rate = r.subtable("order_rate")) {
    table_reader rr(*rate, r.key_path("order_rate"), ctx);
    auto burst = rr.integer("burst", 1, 1'000'000'000, true);
    auto refill = rr.integer("refill", 1, 1'000'000'000);
    auto per = rr.duration("per");
    if (!rate->get("per"))
      rr.problem("per", "missing (required), e.g. per = \"1s\"");
    if (burst && per && *per > 0)
      limits.order_rate = orders::rate_limit{*burst, refill.value_or(*burst), *per};
    rr.finish();
  }
  for (auto& p : limits.validate())
    r.problem({}, p);
  r.finish();
  return limits;
}

std::optional<instrument> read_instrument(table_reader& r) {
  auto symbol = r.text("symbol", true);
  auto tick = r.decimal<price>("tick", false, false);
  auto lot = r.decimal<quantity>("lot", false, false);
  auto currency = r.text("currency");
  r.finish();
  if (!symbol)
    return std::nullopt;
  auto made = instrument::make(*symbol, tick ? tick->to_string() : "0.01",
                               lot ? lot->to_string() : "1", currency.value_or("USD"));
  if (!made)
    r.problem("symbol", "not a valid instrument (symbol, tick and lot must be usable)");
  return made;
}

synthetic_symbol read_synthetic_symbol(table_reader& r) {
  synthetic_symbol s;
  auto symbol = r.text("symbol", true);
  auto tick = r.decimal<price>("tick", false, false);
  auto lot = r.decimal<quantity>("lot", false, false);
  if (symbol)
    if (auto made = instrument::make(*symbol, tick ? tick->to_string() : "0.01",
                                     lot ? lot->to_string() : "1"))
      s.spec = *made;
  if (auto v = r.number("start_price", 1e-9, 1e12))
    s.start_price = *v;
  if (auto v = r.number("volatility", 0, 100))
    s.volatility = *v;
  if (auto v = r.integer("max_spread_ticks", 1, 1'000'000))
    s.max_spread_ticks = static_cast<int>(*v);
  if (auto v = r.number("mean_size_lots", 1e-9, 1e12))
    s.mean_size_lots = *v;
  if (auto v = r.number("events_per_second", 1e-9, 1e9))
    s.events_per_second = *v;
  r.finish();
  return s;
}

void read_data(table_reader& r, const config_paths& paths, parse_context& ctx,
               data_source_plan& d) {
  d.where = r.place();
  auto type = r.text("type", true);
  auto bars_every = r.duration("bars_every");
  auto bars_from = r.text("bars_from");
  auto keep_ticks = r.boolean("keep_ticks");
  auto resolve = [&](std::optional<std::string> p) { return p ? paths.resolve(*p) : std::string{}; };
  auto read_csv = [&](auto& cfg) {
    if (auto p = r.text("path", true)) {
      cfg.path = resolve(p);
      for (auto& problem : check_readable_file(cfg.path))
        r.problem("path", problem);
    }
    if (auto policy = r.text("on_bad_row")) {
      if (*policy == "stop" || *policy == "skip")
        cfg.on_bad_row = *policy == "stop" ? bad_row_policy::stop : bad_row_policy::skip;
      else
        r.problem("on_bad_row", "must be \"stop\" or \"skip\" (got \"" + *policy + "\")");
    }
    if (auto unit = r.text("ts_unit")) {
      if (auto u = epoch_unit_from_string(*unit))
        cfg.ts_unit = *u;
      else
        r.problem("ts_unit", "must be detect, s, ms, us or ns (got \"" + *unit + "\")");
    }
    if (auto sep = r.text("separator")) {
      if (sep->size() == 1)
        cfg.separator = (*sep)[0];
      else
        r.problem("separator", "must be one character (got \"" + *sep + "\")");
    }
  };
  if (!type) {
    r.mark_all_known();
    return;
  }
  if (*type == "bars") {
    d.kind = data_source_kind::bars;
    read_csv(d.bars);
    if (auto s = r.text("symbol", true))
      d.bars.symbol = *s;
  } else if (*type == "ticks") {
    d.kind = data_source_kind::ticks;
    read_csv(d.ticks);
  } else if (*type == "synthetic") {
    d.kind = data_source_kind::synthetic;
    auto& s = d.synthetic;
    if (auto v = r.integer("seed", 0, std::numeric_limits<std::int64_t>::max()))
      s.seed = static_cast<std::uint64_t>(*v);
    if (auto v = r.integer("ticks", 0, 1'000'000'000'000))
      s.tick_count = static_cast<std::uint64_t>(*v);
    if (auto v = r.integer("bars", 0, 1'000'000'000))
      s.bar_count = static_cast<std::uint64_t>(*v);
    if (auto v = r.number("trade_probability", 0, 1))
      s.trade_probability = *v;
    if (auto start = r.text("start")) {
      if (auto ts = parse_iso8601(*start))
        s.tick_start = *ts;
      else
        r.problem("start", "'" + *start + "' is not an ISO-8601 time");
    }
    auto symbols = r.tables("symbols");
    for (std::size_t i = 0; i < symbols.size(); ++i) {
      table_reader sr(*symbols[i], indexed(r.path(), "symbols", i), ctx);
      s.symbols.push_back(read_synthetic_symbol(sr));
    }
    if (symbols.empty())
      r.problem("symbols", "missing (required): symbols = [{ symbol = \"X\", tick = \"0.01\" }]");
    else if (s.tick_count == 0 && s.bar_count == 0)
      r.problem("ticks", "a synthetic source needs ticks > 0 or bars > 0");
    else
      collect(r, s);
  } else if (*type == "cross_venue") {
    d.kind = data_source_kind::cross_venue;
    auto& c = d.cross_venue;
    c = demo_cross_venue(42, 20'000);
    auto& sym = c.generator.base.symbols.front();
    if (auto v = r.text("instrument")) {
      if (auto made = instrument::make(*v, sym.spec.tick_size.to_string(),
                                       sym.spec.lot_size.to_string()))
        sym.spec = *made;
    }
    if (auto v = r.decimal<price>("tick", false, false))
      sym.spec.tick_size = *v;
    if (auto v = r.integer("seed", 0, std::numeric_limits<std::int64_t>::max()))
      c.generator.base.seed = static_cast<std::uint64_t>(*v);
    if (auto v = r.integer("ticks", 1, 1'000'000'000'000))
      c.tick_count = static_cast<std::uint64_t>(*v);
    if (auto v = r.number("start_price", 1e-9, 1e12))
      sym.start_price = *v;
    if (auto v = r.number("volatility", 0, 100))
      sym.volatility = *v;
    if (auto v = r.number("events_per_second", 1e-9, 1e9))
      sym.events_per_second = *v;
    if (auto v = r.strings("venues"))
      c.generator.venues = *v;
    if (auto v = r.number("dislocation_ticks", 0, 1e6))
      c.generator.dislocation_ticks = *v;
    if (auto v = r.number("persistence", 0, 1))
      c.generator.persistence = *v;
    collect(r, c);
  } else {
    r.problem("type", "must be bars, ticks, synthetic or cross_venue (got \"" + *type + "\")");
    r.mark_all_known();
  }
  if (bars_every) {
    if (d.kind == data_source_kind::bars) {
      r.problem("bars_every", "a bar file has bars already: bars_every is for tick sources");
    } else {
      time_bar_options tb;
      tb.interval = *bars_every;
      if (bars_from) {
        if (auto f = bar_price_source_from_string(*bars_from))
          tb.from = *f;
        else
          r.problem("bars_from", "must be \"trades\" or \"mids\" (got \"" + *bars_from + "\")");
      }
      tb.keep_ticks = keep_ticks.value_or(true);
      for (auto& p : tb.validate())
        r.problem("bars_every", p);
      d.time_bars = tb;
    }
  } else if (bars_from || keep_ticks) {
    r.problem(bars_from ? "bars_from" : "keep_ticks", "only used with bars_every");
  }
  r.finish();
}

std::optional<venue_config> read_venue(table_reader& r,
                                       const std::map<std::string, instrument>& instruments) {
  venue_config v;
  if (auto name = r.text("name", true))
    v.name = *name;
  if (auto list = r.strings("instruments")) {
    for (const auto& s : *list) {
      auto it = instruments.find(s);
      if (it == instruments.end())
        r.problem("instruments", "instrument '" + s + "' is not defined in an [[instrument]] table");
      else
        v.settings.instruments.push_back(it->second);
    }
  } else {
    r.problem("instruments", "missing (required): the symbols this venue lists");
  }
  auto& fees = v.settings.fees;
  if (auto x = r.decimal<venue::basis_points>("maker_bps", true))
    fees.maker_bps = *x;
  if (auto x = r.decimal<venue::basis_points>("taker_bps", true))
    fees.taker_bps = *x;
  if (auto x = r.decimal<money>("maker_fee_per_unit", true))
    fees.maker_per_unit = *x;
  if (auto x = r.decimal<money>("taker_fee_per_unit", true))
    fees.taker_per_unit = *x;
  auto& lat = v.settings.latency;
  if (auto x = r.duration("latency"))
    lat.base = *x;
  if (auto x = r.duration("latency_jitter"))
    lat.jitter = *x;
  if (auto x = r.text("latency_model")) {
    if (auto k = venue::latency_kind_from_string(*x))
      lat.kind = *k;
    else
      r.problem("latency_model", "must be fixed, uniform or exponential (got \"" + *x + "\")");
  }
  if (auto x = r.integer("latency_seed", 0, std::numeric_limits<std::int64_t>::max()))
    lat.seed = static_cast<std::uint64_t>(*x);
  if (auto x = r.duration("session_close"))
    v.settings.session_close = *x;
  if (auto x = r.boolean("fill_at_touch"))
    v.settings.fill_at_touch = *x;
  for (auto& p : v.validate())
    r.problem({}, p);
  r.finish();
  return v;
}

// Turns one strategy parameter into the text the registry's factories read.
std::optional<std::string> param_text(table_reader& r, std::string_view key, const toml::node& n) {
  if (auto s = n.value_exact<std::string>()) {
    if (s->find_first_of(",=") != std::string::npos) {
      r.problem(key, "must not contain ',' or '='");
      return std::nullopt;
    }
    return *s;
  }
  if (auto i = n.value_exact<std::int64_t>())
    return std::to_string(*i);
  if (auto d = n.value_exact<double>())
    return shortest(*d);
  if (auto b = n.value_exact<bool>())
    return std::string(*b ? "true" : "false");
  r.wrong_type(key, n, "a string, number or boolean");
  return std::nullopt;
}

// The keys of a [[strategy]] table that are not parameters of the strategy itself.
const std::set<std::string, std::less<>> strategy_keys = {
    "id",      "type",   "account",  "cash",
    "risk",    "max_errors", "market_data", "buffer", "restarts", "restart_backoff",
    "restart_backoff_max", "restart_multiplier"};

// Reads `market_data` ("unbounded", "conflate", "buffer") and `buffer` (batches) over `base`;
// nullopt when the table sets neither.
std::optional<flow_policy> read_flow(table_reader& r, flow_policy base) {
  auto mode = r.text("market_data");
  auto buffer = r.integer("buffer", 1, 100'000'000);
  if (!mode && !buffer)
    return std::nullopt;
  if (mode) {
    if (auto m = parse_flow_mode(*mode))
      base.mode = *m;
    else
      r.problem("market_data",
                "must be \"unbounded\", \"conflate\" or \"buffer\" (got \"" + *mode + "\")");
  }
  if (buffer)
    base.buffer = static_cast<std::uint32_t>(*buffer);
  return base;
}

// The keys of the four fields of a restart policy in a table.
struct restart_keys {
  const char* restarts;
  const char* backoff;
  const char* backoff_max;
  const char* multiplier;
};

// A strategy's policy (in [supervision] or a strategy table) and every feed's (in [supervision]).
constexpr restart_keys strategy_restart_keys{"restarts", "restart_backoff", "restart_backoff_max",
                                             "restart_multiplier"};
constexpr restart_keys feed_restart_keys{"feed_restarts", "feed_backoff", "feed_backoff_max",
                                         "feed_multiplier"};

// Reads the restart policy fields of a table under `keys`; a bad value is a problem at its key.
restart_settings read_restart_fields(table_reader& r, const restart_keys& keys) {
  restart_settings out;
  if (auto n = r.integer(keys.restarts, 0, 1'000'000))
    out.max_restarts = static_cast<std::uint32_t>(*n);
  out.backoff = r.duration(keys.backoff);
  out.max_backoff = r.duration(keys.backoff_max);
  if (auto m = r.number(keys.multiplier, 1, 1000))
    out.multiplier = *m;
  return out;
}

// Reads the strategy restart policy keys of a table; checks the policy they make over the
// defaults.
restart_settings read_restart(table_reader& r) {
  restart_settings out = read_restart_fields(r, strategy_restart_keys);
  auto policy = out.over({});
  if (out.backoff && !out.max_backoff && policy.max_backoff < policy.backoff)
    out.max_backoff = *out.backoff; // a long first wait raises the default cap with it
  for (const auto& p : out.over({}).validate())
    if (p.rfind("max_backoff:", 0) == 0)
      r.problem("restart_backoff_max", p.substr(p.find(':') + 2));
  return out;
}

strategy_plan read_strategy(table_reader& r, parse_context& ctx) {
  strategy_plan s;
  s.where = r.place();
  auto id = r.text("id");
  auto type = r.text("type", true);
  if (type)
    s.type = *type;
  s.actor.name = id.value_or(s.type);
  s.actor.type = s.type;
  if (auto a = r.integer("account", 1, std::numeric_limits<std::uint32_t>::max()))
    s.actor.account = static_cast<account_id>(*a);
  if (auto m = r.integer("max_errors", 1, 1'000'000))
    s.actor.max_errors = static_cast<std::uint32_t>(*m);
  s.cash = r.decimal<money>("cash");
  s.risk = read_risk(r, "risk", ctx);
  s.market_data = read_flow(r, {});
  s.restart = read_restart(r);
  // Every other key is a parameter of the strategy: its factory checks names and values.
  for (auto&& [k, n] : r.table()) {
    std::string key(k.str());
    if (strategy_keys.count(key))
      continue;
    (void)r.get(key);
    if (auto text = param_text(r, key, n)) {
      s.params += (s.params.empty() ? "" : ",") + key + "=" + *text;
      s.param_lines[key] = line_of(n);
    }
  }
  s.actor.params = s.params;
  r.finish();
  return s;
}

struct shared_settings {
  std::map<std::string, instrument> instruments;
  const toml::table* portfolio = nullptr;
  std::string portfolio_path;
  const toml::table* risk = nullptr;
  std::string risk_path;
};

void read_instruments(table_reader& r, parse_context& ctx,
                      std::map<std::string, instrument>& out) {
  auto tables = r.tables("instrument");
  for (std::size_t i = 0; i < tables.size(); ++i) {
    table_reader ir(*tables[i], indexed(r.path(), "instrument", i), ctx);
    if (auto inst = read_instrument(ir)) {
      std::string symbol(inst->symbol);
      if (!out.emplace(symbol, *inst).second)
        ir.problem("symbol", "instrument '" + symbol + "' is defined twice");
    }
  }
}

portfolio_config read_portfolio(const toml::table& t, const std::string& path, parse_context& ctx) {
  table_reader r(t, path, ctx);
  portfolio_config p;
  if (auto cash = r.decimal<money>("cash", false, false))
    p.default_cash = *cash;
  if (auto d = r.duration("sample_interval"))
    p.sample_interval = *d;
  if (auto n = r.integer("max_curve_samples", 0, 1'000'000'000))
    p.max_curve_samples = static_cast<std::size_t>(*n);
  if (auto n = r.integer("fills_in_memory", 0, 1'000'000'000))
    p.fills_in_memory = static_cast<std::size_t>(*n);
  r.finish();
  return p;
}

void read_risk_defaults(const toml::table& t, const std::string& path, parse_context& ctx,
                        orders::order_manager_settings& settings) {
  table_reader r(t, path, ctx);
  if (auto s = read_risk(r, "strategy", ctx))
    settings.default_strategy_limits = *s;
  if (auto a = read_risk(r, "account", ctx))
    settings.default_account_limits = *a;
  r.finish();
}

// Reads [scheduling]: how indicators are hosted (docs/backtest-config.md, docs/scheduling.md).
void read_scheduling(const toml::table& t, const std::string& path, parse_context& ctx,
                     indicator_pool_settings& pool) {
  table_reader r(t, path, ctx);
  if (auto h = r.text("indicator_hosting")) {
    if (*h == "auto")
      pool.hosting = indicator_hosting::automatic;
    else if (*h == "pool")
      pool.hosting = indicator_hosting::pool;
    else if (*h == "per_symbol")
      pool.hosting = indicator_hosting::per_symbol;
    else
      r.problem("indicator_hosting", "'" + *h + "' is not one of auto, pool, per_symbol");
  }
  if (const auto* n = r.get("indicator_workers")) {
    if (auto s = n->value_exact<std::string>()) {
      if (*s == "auto")
        pool.sizing.by_load = true;
      else
        r.problem("indicator_workers", "'" + *s + "' is neither a worker count nor \"auto\"");
    } else if (auto v = r.integer("indicator_workers", 1, 4096)) {
      pool.sizing.workers = static_cast<std::size_t>(*v);
    }
  }
  if (auto v = r.integer("indicator_workers_min", 1, 4096))
    pool.sizing.min_workers = static_cast<std::size_t>(*v);
  if (auto v = r.integer("indicator_workers_max", 1, 4096))
    pool.sizing.max_workers = static_cast<std::size_t>(*v);
  const auto& sizing = pool.sizing;
  if (sizing.by_load && sizing.max_workers != 0 && sizing.max_workers < sizing.min_workers)
    r.problem("indicator_workers_max", "must be at least indicator_workers_min");
  if (auto v = r.number("indicator_grow_above", 0.001, 1e12))
    pool.sizing.grow_above = *v;
  if (auto v = r.integer("indicator_resize_patience", 1, 1'000'000))
    pool.sizing.patience = static_cast<std::size_t>(*v);
  if (auto d = r.boolean("indicator_workers_detached"))
    pool.workers_detached = *d;
  if (auto d = r.boolean("hot_switching"))
    pool.switching.by_cost = *d;
  if (auto v = r.number("hot_switch_heavy_ns", 0, 1e12))
    pool.switching.heavy_ns = *v;
  if (auto v = r.number("hot_switch_light_ns", 0, 1e12))
    pool.switching.light_ns = *v;
  for (auto& p : pool.switching.validate())
    r.problem("hot_switch_light_ns", p);
  r.finish();
}

// Reads the system keys of a scenario (or of the top level when there are no scenarios).
void read_scenario(table_reader& r, parse_context& ctx, const config_paths& paths,
                   const shared_settings& shared, scenario_plan& sc) {
  sc.where = r.place();
  auto instruments = shared.instruments;
  read_instruments(r, ctx, instruments);
  auto data = r.tables("data");
  for (std::size_t i = 0; i < data.size(); ++i) {
    table_reader dr(*data[i], indexed(r.path(), "data", i), ctx);
    sc.data.emplace_back();
    read_data(dr, paths, ctx, sc.data.back());
  }
  if (data.empty())
    r.problem("data", "missing (required): at least one [[data]] source");
  auto venues = r.tables("venue");
  for (std::size_t i = 0; i < venues.size(); ++i) {
    table_reader vr(*venues[i], indexed(r.path(), "venue", i), ctx);
    if (auto v = read_venue(vr, instruments)) {
      sc.venues.push_back(std::move(*v));
      sc.venue_places.push_back(vr.place());
    }
  }
  if (venues.empty())
    r.problem("venue", "missing (required): at least one [[venue]]");
  if (const auto* agg = r.subtable("aggregator")) {
    table_reader ar(*agg, r.key_path("aggregator"), ctx);
    aggregator_config config;
    if (auto listings = ar.strings("listings")) {
      for (const auto& text : *listings) {
        if (auto l = venue_listing::parse(text))
          config.listings.push_back(*l);
        else
          ar.problem("listings", "'" + text + "' is not SYMBOL=INSTRUMENT@VENUE");
      }
    } else {
      ar.problem("listings", "missing (required), e.g. listings = [\"ETH.A=ETH@A\"]");
    }
    if (auto d = ar.boolean("detached"))
      config.detached = *d;
    for (auto& p : config.validate())
      ar.problem("listings", p);
    ar.finish();
    sc.aggregator = std::move(config);
  }
  if (auto d = r.boolean("detach_indicators"))
    sc.detach_indicators = *d;
  if (const auto* sched = r.subtable("scheduling"))
    read_scheduling(*sched, r.key_path("scheduling"), ctx, sc.indicator_pool);
  // Portfolio and risk: the scenario's own, else the top level's.
  const auto* portfolio = r.subtable("portfolio");
  if (portfolio)
    sc.portfolio = read_portfolio(*portfolio, r.key_path("portfolio"), ctx);
  else if (shared.portfolio)
    sc.portfolio = read_portfolio(*shared.portfolio, shared.portfolio_path, ctx);
  const auto* risk = r.subtable("risk");
  if (risk)
    read_risk_defaults(*risk, r.key_path("risk"), ctx, sc.order_manager.settings);
  else if (shared.risk)
    read_risk_defaults(*shared.risk, shared.risk_path, ctx, sc.order_manager.settings);
  auto strategies = r.tables("strategy");
  for (std::size_t i = 0; i < strategies.size(); ++i) {
    table_reader sr(*strategies[i], indexed(r.path(), "strategy", i), ctx);
    sc.strategies.push_back(read_strategy(sr, ctx));
  }
}

const std::set<std::string, std::less<>> scenario_keys = {
    "instrument", "data",      "venue",    "aggregator",       "strategy",
    "portfolio",  "risk",      "detach_indicators", "scheduling"};

} // namespace

run_plan parse_run_config(std::string_view text, const std::string& file,
                          const config_paths& paths, std::vector<config_problem>& problems) {
  run_plan plan;
  plan.source = file;
  const auto first = static_cast<std::ptrdiff_t>(problems.size());
  parse_context ctx{file, problems};
  toml::table root;
  try {
    root = toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    ctx.add(static_cast<std::size_t>(e.source().begin.line), {},
            "not valid TOML: " + std::string(e.description()));
    return plan;
  }
  table_reader r(root, {}, ctx);
  if (const auto* run = r.subtable("run")) {
    table_reader rr(*run, "run", ctx);
    if (auto t = rr.text("title"))
      plan.title = *t;
    if (auto m = rr.text("mode")) {
      if (*m == "backtest" || *m == "paper")
        plan.mode = *m == "backtest" ? run_mode::backtest : run_mode::paper;
      else
        rr.problem("mode", "must be \"backtest\" or \"paper\" (got \"" + *m + "\")");
    }
    if (auto s = rr.number("speed", 1e-9, 1e15))
      plan.speed = *s;
    if (auto o = rr.text("out"))
      plan.out_dir = *o;
    if (auto t = rr.integer("threads", 1, 256))
      plan.threads = static_cast<std::size_t>(*t);
    if (auto f = read_flow(rr, {}))
      plan.market_data = *f;
    if (auto m = rr.boolean("metrics"))
      plan.metrics = *m;
    rr.finish();
  }
  if (const auto* sup = r.subtable("supervision")) {
    table_reader sr(*sup, "supervision", ctx);
    if (auto d = sr.duration("deadline")) {
      if (*d != 0 && *d < 1'000'000)
        sr.problem("deadline", "must be 0 (off) or at least 1ms");
      else
        plan.deadline = std::chrono::milliseconds(*d / 1'000'000);
    }
    plan.strategy_restart = read_restart(sr);
    // Feed restarts (docs/operations.md, "Restart policy" / "Feeds"), for every feed of the run.
    plan.feed_restart = read_restart_fields(sr, feed_restart_keys).over(plan.feed_restart);
    if (plan.feed_restart.max_backoff < plan.feed_restart.backoff)
      sr.problem("feed_backoff_max", "must be at least feed_backoff (" +
                                         format_duration(plan.feed_restart.backoff) + ", got " +
                                         format_duration(plan.feed_restart.max_backoff) + ")");
    else if (plan.feed_restart.enabled()) {
      // A request waits through the backoff: a wait as long as the deadline fails the run as hung.
      auto deadline = plan.deadline.value_or(sequencer_config{}.deadline);
      auto longest = plan.feed_restart.delay(plan.feed_restart.max_restarts);
      auto limit = static_cast<duration_ns>(deadline.count()) * 1'000'000;
      if (limit > 0 && longest >= limit)
        sr.problem(sup->contains("feed_backoff_max") ? "feed_backoff_max" : "feed_backoff",
                   "the longest feed restart wait (" + format_duration(longest) +
                       ") must be shorter than the deadline (" + format_duration(limit) +
                       "): a request waits through it; lower feed_backoff_max or raise deadline");
    }
    sr.finish();
  }
  if (const auto* journal = r.subtable("journal")) {
    table_reader jr(*journal, "journal", ctx);
    journal_config jc;
    if (auto p = jr.text("path"))
      jc.path = *p;
    if (auto sync = jr.text("sync"); sync && !journal::parse_sync_level(*sync, jc.sync))
      jr.problem("sync", "must be \"normal\" or \"full\" (got \"" + *sync + "\")");
    if (auto ms = jr.integer("flush_ms", 1, 60'000))
      jc.flush_interval = *ms * 1'000'000;
    if (auto b = jr.integer("max_batch", 1, 1'000'000))
      jc.max_batch = static_cast<std::size_t>(*b);
    if (jr.boolean("enabled").value_or(true))
      plan.journal = jc;
    jr.finish();
  }
  shared_settings shared;
  auto scenarios = r.tables("scenario");
  if (!scenarios.empty())
    read_instruments(r, ctx, shared.instruments);
  if (scenarios.empty()) {
    plan.scenarios.emplace_back();
    read_scenario(r, ctx, paths, shared, plan.scenarios.back());
  } else {
    for (auto&& [k, n] : root) {
      std::string key(k.str());
      if (key != "instrument" && key != "portfolio" && key != "risk" && scenario_keys.count(key))
        ctx.add(line_of(n), key,
                "put data, venues and strategies inside the [[scenario]] tables when there are any");
    }
    shared.portfolio = r.subtable("portfolio");
    shared.portfolio_path = "portfolio";
    shared.risk = r.subtable("risk");
    shared.risk_path = "risk";
    for (auto&& [k, n] : root)
      (void)r.get(k.str()); // reported above or read below
    for (std::size_t i = 0; i < scenarios.size(); ++i) {
      table_reader sr(*scenarios[i], indexed({}, "scenario", i), ctx);
      plan.scenarios.emplace_back();
      auto& sc = plan.scenarios.back();
      if (auto name = sr.text("name", true))
        sc.name = *name;
      read_scenario(sr, ctx, paths, shared, sc);
      sr.finish();
    }
  }
  r.finish();

  // Strategy ids: 1, 2, ... in file order over the whole run; names unique.
  std::map<std::string, config_place> names;
  strategy_id next = 1;
  for (auto& sc : plan.scenarios)
    for (auto& s : sc.strategies) {
      s.actor.id = next++;
      auto [it, fresh] = names.emplace(s.actor.name, s.where);
      if (!fresh && !s.actor.name.empty())
        problems.push_back({{file, s.where.line, s.where.key + ".id"},
                            "strategy id '" + s.actor.name + "' is already used (line " +
                                std::to_string(it->second.line) +
                                "); give each strategy its own id"});
    }
  // A shared table read for every scenario reports its problems once.
  std::vector<config_problem> unique(problems.begin(), problems.begin() + first);
  for (auto& p : std::vector<config_problem>(problems.begin() + first, problems.end())) {
    bool seen = false;
    for (const auto& u : unique)
      seen = seen || (u.where.line == p.where.line && u.where.key == p.where.key &&
                      u.message == p.message && u.where.file == p.where.file);
    if (!seen)
      unique.push_back(std::move(p));
  }
  problems = std::move(unique);
  std::stable_sort(problems.begin() + first, problems.end(),
                   [](const config_problem& a, const config_problem& b) {
                     return a.where.line < b.where.line;
                   });
  std::set<std::string> scenario_names;
  for (const auto& sc : plan.scenarios)
    if (!scenario_names.insert(sc.name).second)
      problems.push_back({sc.where, "scenario name '" + sc.name + "' is used twice"});
  return plan;
}

run_plan load_run_config(const std::string& path, const std::vector<std::string>& fallback_dirs,
                         std::vector<config_problem>& problems) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    problems.push_back({{path, 0, {}}, "the config file cannot be read: it is a folder"});
    return {};
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::string why = fs::exists(path, ec) ? "cannot be read" : "does not exist";
    problems.push_back({{path, 0, {}}, "the config file " + why});
    return {};
  }
  std::ostringstream text;
  text << in.rdbuf();
  config_paths paths;
  paths.base_dir = fs::path(path).parent_path().string();
  if (paths.base_dir.empty())
    paths.base_dir = ".";
  paths.fallback_dirs = fallback_dirs;
  return parse_run_config(text.str(), path, paths, problems);
}

std::string config_problem::to_string() const {
  std::string out = where.file;
  if (where.line > 0)
    out += ":" + std::to_string(where.line);
  if (!out.empty())
    out += ": ";
  if (!where.key.empty())
    out += where.key + ": ";
  return out + message;
}

std::string_view to_string(data_source_kind kind) noexcept {
  switch (kind) {
    case data_source_kind::bars:
      return "bars";
    case data_source_kind::ticks:
      return "ticks";
    case data_source_kind::synthetic:
      return "synthetic";
    case data_source_kind::cross_venue:
      return "cross_venue";
  }
  return "bars";
}

std::string data_source_plan::describe() const {
  std::string out(to_string(kind));
  switch (kind) {
    case data_source_kind::bars:
      out += " " + bars.path + " as " + bars.symbol;
      break;
    case data_source_kind::ticks:
      out += " " + ticks.path;
      break;
    case data_source_kind::synthetic:
      out += " seed=" + std::to_string(synthetic.seed) + " ticks=" +
             std::to_string(synthetic.tick_count) + " bars=" + std::to_string(synthetic.bar_count);
      break;
    case data_source_kind::cross_venue:
      out += " " + std::string(cross_venue.generator.base.symbols.front().spec.symbol) +
             " seed=" + std::to_string(cross_venue.generator.base.seed) +
             " ticks=" + std::to_string(cross_venue.tick_count);
      break;
  }
  if (time_bars)
    out += " + " + format_duration(time_bars->interval) + " bars from " +
           std::string(to_string(time_bars->from));
  return out;
}

std::string config_paths::resolve(const std::string& path) const {
  fs::path p(path);
  if (p.is_absolute())
    return path;
  std::error_code ec;
  if (!base_dir.empty()) {
    auto candidate = fs::path(base_dir) / p;
    if (fs::exists(candidate, ec))
      return candidate.lexically_normal().string();
  }
  if (fs::exists(p, ec))
    return path;
  for (const auto& dir : fallback_dirs) {
    auto candidate = fs::path(dir) / p.filename();
    if (fs::exists(candidate, ec))
      return candidate.string();
  }
  return base_dir.empty() ? path : (fs::path(base_dir) / p).lexically_normal().string();
}

} // namespace bourse
