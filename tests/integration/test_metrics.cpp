// Shows per-actor metrics: on a small deterministic backtest every actor's counters match the
// messages it must have handled (50 quote slices reach the hub, the strategy, the order manager, the
// venue and the portfolio; a quiet strategy sends nothing), every handled input is timed, the final
// figures come with the run result and as JSON lines that parse; with metrics off the result holds
// none and the trade log is the same.
#include <doctest/doctest.h>

#include <cctype>
#include <map>
#include <string>
#include <vector>

#include "bourse/actors/builder/trading_system.hpp"
#include "bourse/core/actor_metrics.hpp"

using namespace bourse;

namespace {

constexpr std::size_t slice_count = 50;

std::vector<market_slice> quote_slices() {
  std::vector<market_slice> out;
  for (std::size_t i = 0; i < slice_count; ++i) {
    market_slice s;
    s.ts_event = 1'000'000'000 + static_cast<timestamp>(i) * 1'000'000'000;
    quote q;
    q.ts = s.ts_event;
    q.symbol = "M";
    q.bid = price::from_raw(10'000 + static_cast<std::int64_t>(i % 7), 2);
    q.ask = price::from_raw(10'002 + static_cast<std::int64_t>(i % 7), 2);
    q.bid_size = quantity::from_units(10);
    q.ask_size = quantity::from_units(10);
    s.quotes.push_back(q);
    out.push_back(std::move(s));
  }
  return out;
}

class quiet_watcher final : public strategy {
public:
  strategy_spec requirements() const override {
    strategy_spec spec;
    spec.data.push_back({"M", market_stream::quotes});
    return spec;
  }
};

run_result run_small(bool metrics) {
  system_config cfg{run_mode::backtest};
  cfg.set("scheduler.max-threads", 2);
  trading_system ts{cfg};
  ts.add_slices(quote_slices());
  venue_config v;
  v.name = "SIM";
  v.settings.instruments.push_back(*instrument::make("M", "0.01", "1"));
  ts.add_venue(v);
  ts.add_strategy(std::make_unique<quiet_watcher>(), {1, 1, "watcher"});
  metrics_options m;
  m.enabled = metrics;
  m.run_name = "small";
  ts.set_metrics(m);
  auto r = ts.run();
  REQUIRE_MESSAGE(r.ok, (r.problems.empty() ? "" : r.problems.front()));
  return r;
}

// A minimal JSON syntax check (objects, arrays, strings, numbers, true/false/null).
struct json_checker {
  const std::string& s;
  std::size_t i = 0;
  void ws() {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i])))
      ++i;
  }
  bool lit(const char* word) {
    std::string w{word};
    if (s.compare(i, w.size(), w) != 0)
      return false;
    i += w.size();
    return true;
  }
  bool string() {
    if (i >= s.size() || s[i] != '"')
      return false;
    for (++i; i < s.size(); ++i) {
      if (s[i] == '\\')
        ++i;
      else if (s[i] == '"')
        return ++i, true;
    }
    return false;
  }
  bool number() {
    auto start = i;
    if (i < s.size() && s[i] == '-')
      ++i;
    while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.' ||
                            s[i] == 'e' || s[i] == 'E' || s[i] == '+' || s[i] == '-'))
      ++i;
    return i > start;
  }
  bool value() {
    ws();
    if (i >= s.size())
      return false;
    bool ok = false;
    if (s[i] == '{') {
      ++i;
      ws();
      if (i < s.size() && s[i] == '}')
        ok = (++i, true);
      else
        for (;;) {
          ws();
          if (!string())
            return false;
          ws();
          if (i >= s.size() || s[i++] != ':' || !value())
            return false;
          ws();
          if (i < s.size() && s[i] == ',') {
            ++i;
            continue;
          }
          ok = i < s.size() && s[i++] == '}';
          break;
        }
    } else if (s[i] == '[') {
      ++i;
      ws();
      if (i < s.size() && s[i] == ']')
        ok = (++i, true);
      else
        for (;;) {
          if (!value())
            return false;
          ws();
          if (i < s.size() && s[i] == ',') {
            ++i;
            continue;
          }
          ok = i < s.size() && s[i++] == ']';
          break;
        }
    } else if (s[i] == '"') {
      ok = string();
    } else if (lit("true") || lit("false") || lit("null")) {
      ok = true;
    } else {
      ok = number();
    }
    ws();
    return ok;
  }
  bool whole() { return value() && i == s.size(); }
};

bool parses(const std::string& text) {
  json_checker c{text};
  return c.whole();
}

} // namespace

TEST_CASE("metrics counters match the messages of a small deterministic backtest") {
  auto r = run_small(true);
  std::map<std::string, actor_metrics> by_actor;
  for (const auto& s : r.metrics)
    by_actor[s.actor] = s.metrics;
  REQUIRE(by_actor.size() == 5);
  for (const char* name : {"hub", "strategy watcher", "order_manager", "venue SIM", "portfolio"}) {
    CAPTURE(name);
    REQUIRE(by_actor.count(name) == 1);
    const auto& m = by_actor.at(name);
    // One quote per slice: every one of them is an input of each actor.
    CHECK(m.handled == slice_count);
    CHECK(m.handling.count() == m.handled); // every input timed
    CHECK(m.received >= 1);
    CHECK(m.received <= m.handled);         // batch messages carry several inputs
    CHECK(m.dropped == 0);
    CHECK(m.conflated == 0);
  }
  CHECK(by_actor.at("strategy watcher").sent == 0); // it never trades
  CHECK(by_actor.at("portfolio").sent == 0);
  CHECK(by_actor.at("hub").sent >= 4); // at least one window to each of its four listeners
}

TEST_CASE("metrics JSON lines parse and carry every field") {
  auto r = run_small(true);
  REQUIRE(r.metrics_lines.size() >= r.metrics.size()); // at least the final sample
  for (const auto& line : r.metrics_lines) {
    CAPTURE(line);
    CHECK(parses(line));
    CHECK(line.find('\n') == std::string::npos);
    for (const char* key : {"\"run\":\"small\"", "\"t\":", "\"actor\":", "\"received\":",
                            "\"handled\":", "\"sent\":", "\"dropped\":", "\"conflated\":",
                            "\"held\":", "\"mailbox\":", "\"max_mailbox\":", "\"handling_ns\":{"})
      CHECK(line.find(key) != std::string::npos);
  }
  actor_metrics_sample odd;
  odd.actor = "quote\"and\\back\nslash";
  CHECK(parses(metrics_json_line("r\"1", 1.5, odd)));
  // A worker pool's line also carries its size and queue; other actors' lines do not.
  CHECK(metrics_json_line("r", 1.0, odd).find("\"workers\"") == std::string::npos);
  actor_metrics_sample pool;
  pool.actor = "indicator pool";
  pool.metrics.workers = 3;
  pool.metrics.queue_depth = 17;
  auto line = metrics_json_line("r", 1.0, pool);
  CHECK(parses(line));
  CHECK(line.find(",\"workers\":3,\"queue_depth\":17}") != std::string::npos);
  CHECK_FALSE(parses("{\"a\":}")); // the checker does refuse
}

TEST_CASE("with metrics off a run keeps no metrics and trades the same") {
  auto off = run_small(false);
  auto on = run_small(true);
  CHECK(off.metrics.empty());
  CHECK(off.metrics_lines.empty());
  CHECK(off.fill_count() == on.fill_count());
  CHECK(off.summary.slices == on.summary.slices);
}

TEST_CASE("the metrics table has a header and one line per actor") {
  std::vector<actor_metrics_sample> samples(2);
  samples[0].actor = "hub";
  samples[0].metrics.received = 7;
  samples[1].actor = "strategy s";
  auto text = metrics_table(samples);
  CHECK(text.rfind("actor", 0) == 0);
  CHECK(std::count(text.begin(), text.end(), '\n') == 3);
  CHECK(text.find("hub") != std::string::npos);
}

TEST_CASE("the metrics board keeps each slot's latest figures in order") {
  metrics_board board;
  auto a = board.add("a");
  auto b = board.add("b");
  actor_metrics m;
  m.sent = 3;
  board.publish(b, m);
  m.sent = 4;
  board.publish(b, m);
  board.publish(99, m); // unknown slot: ignored
  auto read = board.read();
  REQUIRE(read.size() == 2);
  CHECK(read[a].actor == "a");
  CHECK(read[a].metrics.sent == 0);
  CHECK(read[b].metrics.sent == 4);
  actor_metrics depth;
  depth.note_mailbox(5);
  depth.note_mailbox(2);
  CHECK(depth.mailbox_depth == 2);
  CHECK(depth.max_mailbox_depth == 5);
}
