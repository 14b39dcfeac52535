// Shows the feed restart policy (feed_options::restart): a source that fails transiently (an I/O
// error, an exception) is reopened after the backoff and every slice arrives exactly once, in
// order; during the backoff a request gets what was read before the failure at once, or waits
// when nothing is; with too few restarts the error comes after
// the slices read before it and names the source and the restarts; a bad row is never retried; a
// source given as an object is never reopened; a CSV file that appears during the backoff is read.
// Runs on the deterministic test scheduler (the backoff is on its clock).
#include <doctest/doctest.h>

#include <chrono>
#include <istream>
#include <sstream>
#include <streambuf>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "feed_test_kit.hpp"
#include "bourse/actors/market_data/feeds.hpp"
#include "bourse/actors/market_data/slice_feed.hpp"

using namespace bourse;
using namespace bourse::testing;

namespace {

enum class failure { io, data, thrown };

/// `total` one-quote slices at ts 1, 2, ...; on its first `failing_openings` openings (counted in
/// `*openings`) it fails when asked for slice `fail_at`, as `how` says.
class flaky_source final : public slice_source {
public:
  flaky_source(std::uint64_t total, std::uint64_t fail_at, bool fails, failure how)
      : total_(total), fail_at_(fail_at), fails_(fails), how_(how) {}
  bool next(data_slice& out) override {
    if (error_ || produced_ == total_)
      return false;
    if (fails_ && produced_ + 1 == fail_at_) {
      if (how_ == failure::thrown)
        throw std::runtime_error("connection reset");
      error_ = csv_error{name_, 7, "", how_ == failure::io ? "read error" : "bad price",
                         how_ == failure::io ? csv_error_kind::io : csv_error_kind::data};
      return false;
    }
    ++produced_;
    out.clear();
    out.ts = static_cast<timestamp>(produced_);
    out.quotes.push_back(quote{out.ts, "AAA", price::from_units(1), price::from_units(2), {}, {}});
    return true;
  }
  const std::optional<csv_error>& error() const noexcept override { return error_; }
  double progress() override {
    return static_cast<double>(produced_) / static_cast<double>(total_);
  }
  std::uint64_t records() const noexcept override { return produced_; }
  const std::string& name() const noexcept override { return name_; }

private:
  std::uint64_t total_;
  std::uint64_t fail_at_;
  bool fails_;
  failure how_;
  std::uint64_t produced_ = 0;
  std::optional<csv_error> error_;
  std::string name_ = "flaky";
};

struct flaky_opener {
  std::uint64_t total = 12;
  std::uint64_t fail_at = 5;
  int failing_openings = 2;
  failure how = failure::io;
  std::shared_ptr<int> openings = std::make_shared<int>(0);

  slice_source_opener opener() const {
    return [*this]() -> std::unique_ptr<slice_source> {
      int n = ++*openings;
      return std::make_unique<flaky_source>(total, fail_at, n <= failing_openings, how);
    };
  }
};

feed_options policy(std::uint32_t max_restarts) {
  feed_options options;
  options.read_ahead = 3;
  options.restart.max_restarts = max_restarts;
  options.restart.backoff = ns_per_second;
  options.restart.multiplier = 2.0;
  options.restart.max_backoff = 10 * ns_per_second;
  return options;
}

/// Asks for `max` slices; while no reply came, moves the test clock on by one second (the
/// backoff's clock) and counts that in `waits`.
chunk_or_error ask_through(coordinator_fixture& fx, const feed_actor& feed, std::uint32_t max,
                           int& waits) {
  chunk_or_error out = caf::make_error(caf::sec::request_timeout, "no reply");
  fx.self->send(feed, next_slices{max});
  fx.run();
  for (int i = 0; i < 100; ++i) {
    bool got = false;
    fx.self->receive(
        [&](feed_chunk& chunk) {
          out = std::move(chunk);
          got = true;
        },
        [&](caf::error& err) {
          out = std::move(err);
          got = true;
        },
        caf::after(std::chrono::seconds(0)) >> [] {});
    if (got)
      return out;
    ++waits;
    fx.sched.advance_time(std::chrono::seconds(1));
    fx.run();
  }
  return out;
}

struct drained {
  std::vector<timestamp> times;
  std::string error; // "" when the feed finished
  int waits = 0;
};

drained drain(coordinator_fixture& fx, const feed_actor& feed) {
  drained d;
  for (int i = 0; i < 100; ++i) {
    auto reply = ask_through(fx, feed, 4, d.waits);
    if (auto* err = std::get_if<caf::error>(&reply)) {
      d.error = caf::to_string(*err);
      return d;
    }
    const auto& chunk = std::get<feed_chunk>(reply);
    for (const auto& s : chunk.slices)
      d.times.push_back(s.ts_event);
    if (chunk.finished)
      return d;
  }
  return d;
}

std::vector<timestamp> one_to(timestamp n) {
  std::vector<timestamp> out;
  for (timestamp t = 1; t <= n; ++t)
    out.push_back(t);
  return out;
}

struct event_log {
  std::shared_ptr<std::vector<feed_restart_event>> events =
      std::make_shared<std::vector<feed_restart_event>>();
  feed_restart_listener listener() const {
    return [events = events](const feed_restart_event& e) { events->push_back(e); };
  }
};

} // namespace

TEST_CASE_FIXTURE(coordinator_fixture,
                  "a feed restarts a source that fails with an I/O error and serves every slice once") {
  flaky_opener flaky; // fails at slice 5 on the first two openings
  event_log log;
  auto feed = spawn_slice_feed(sys, flaky.opener(), policy(3), log.listener());
  auto d = drain(*this, feed);
  CHECK(d.error.empty());
  CHECK(d.times == one_to(12));
  CHECK(*flaky.openings == 3);
  CHECK(d.waits > 0); // a request waited through the backoff
  REQUIRE(log.events->size() == 2);
  const auto& first = log.events->at(0);
  CHECK(first.source == "flaky");
  CHECK(first.error.find("flaky:7: read error") != std::string::npos);
  CHECK(first.attempt == 1);
  CHECK(first.max_restarts == 3);
  CHECK(first.backoff == ns_per_second);
  CHECK(first.data_time == 4); // the last slice read before the failure
  CHECK(log.events->at(1).attempt == 2);
  CHECK(log.events->at(1).backoff == 2 * ns_per_second); // multiplier 2
}

TEST_CASE_FIXTURE(coordinator_fixture,
                  "a request waits through the backoff and is answered once the source is reopened") {
  flaky_opener flaky;
  flaky.fail_at = 2;
  flaky.failing_openings = 1;
  auto options = policy(1);
  options.read_ahead = 1;
  auto feed = spawn_slice_feed(sys, flaky.opener(), options);
  run();
  auto first = chunk_of(ask(*this, feed, 1));
  REQUIRE(first.slices.size() == 1);
  CHECK(first.slices.front().ts_event == 1);
  self->send(feed, next_slices{1});
  run();
  bool early = false;
  self->receive([&](feed_chunk&) { early = true; }, [&](caf::error&) { early = true; },
                caf::after(std::chrono::seconds(0)) >> [] {});
  CHECK_FALSE(early); // the source is down: the request waits
  sched.advance_time(std::chrono::seconds(1));
  run();
  feed_chunk second;
  self->receive([&](feed_chunk& c) { second = std::move(c); },
                [&](caf::error& err) { FAIL_CHECK(caf::to_string(err)); },
                caf::after(std::chrono::seconds(0)) >> [] { FAIL_CHECK("no reply after the backoff"); });
  REQUIRE(second.slices.size() == 1);
  CHECK(second.slices.front().ts_event == 2);
  CHECK(*flaky.openings == 2);
}

TEST_CASE_FIXTURE(coordinator_fixture,
                  "during the backoff a request gets the slices read before the failure at once") {
  flaky_opener flaky; // fails at slice 5 on the first two openings
  flaky.failing_openings = 1;
  auto options = policy(1);
  options.read_ahead = 8;
  auto feed = spawn_slice_feed(sys, flaky.opener(), options);
  run(); // reads 1..4, fails, waits for the backoff
  int waits = 0;
  auto first = chunk_of(ask_through(*this, feed, 8, waits));
  CHECK(waits == 0); // not held back for the backoff
  REQUIRE(first.slices.size() == 4);
  CHECK(first.slices.back().ts_event == 4);
  CHECK_FALSE(first.finished);
  auto second = chunk_of(ask_through(*this, feed, 8, waits));
  CHECK(waits == 1); // nothing was ready: this one waited for the reopening
  REQUIRE_FALSE(second.slices.empty());
  CHECK(second.slices.front().ts_event == 5);
}

TEST_CASE_FIXTURE(coordinator_fixture,
                  "a feed restarts a source that throws and serves every slice once in order") {
  flaky_opener flaky;
  flaky.how = failure::thrown;
  flaky.fail_at = 3;
  event_log log;
  auto feed = spawn_slice_feed(sys, flaky.opener(), policy(2), log.listener());
  auto d = drain(*this, feed);
  CHECK(d.error.empty());
  CHECK(d.times == one_to(12));
  REQUIRE(log.events->size() == 2);
  CHECK(log.events->at(0).error == "flaky: exception: connection reset");
  CHECK(log.events->at(0).data_time == 2);
}

TEST_CASE_FIXTURE(coordinator_fixture,
                  "with too few restarts the error follows the slices read and names the restarts") {
  SUBCASE("I/O error") {
    flaky_opener flaky; // fails on two openings, one restart allowed
    auto feed = spawn_slice_feed(sys, flaky.opener(), policy(1));
    auto d = drain(*this, feed);
    CHECK(d.times == one_to(4));
    CHECK(d.error.find("flaky:7: read error (after 1 restart)") != std::string::npos);
    CHECK(*flaky.openings == 2);
  }
  SUBCASE("exception") {
    flaky_opener flaky;
    flaky.how = failure::thrown;
    flaky.failing_openings = 5;
    auto feed = spawn_slice_feed(sys, flaky.opener(), policy(3));
    auto d = drain(*this, feed);
    CHECK(d.times == one_to(4));
    CHECK(d.error.find("flaky: exception: connection reset (after 3 restarts)") !=
          std::string::npos);
    CHECK(*flaky.openings == 4);
  }
  SUBCASE("no policy: an exception ends the feed with an error instead of killing it") {
    flaky_opener flaky;
    flaky.how = failure::thrown;
    auto feed = spawn_slice_feed(sys, flaky.opener(), policy(0));
    auto d = drain(*this, feed);
    CHECK(d.times == one_to(4));
    CHECK(d.error.find("flaky: exception: connection reset") != std::string::npos);
    CHECK(d.error.find("after") == std::string::npos);
    CHECK(*flaky.openings == 1);
  }
}

TEST_CASE_FIXTURE(coordinator_fixture, "a bad row is never retried") {
  flaky_opener flaky;
  flaky.how = failure::data;
  event_log log;
  auto feed = spawn_slice_feed(sys, flaky.opener(), policy(5), log.listener());
  auto d = drain(*this, feed);
  CHECK(d.times == one_to(4));
  CHECK(d.error.find("flaky:7: bad price") != std::string::npos);
  CHECK(d.error.find("after") == std::string::npos);
  CHECK(*flaky.openings == 1);
  CHECK(log.events->empty());
}

TEST_CASE_FIXTURE(coordinator_fixture, "a source given as an object is never reopened") {
  flaky_opener flaky;
  auto feed = spawn_slice_feed(sys, flaky.opener()(), policy(3));
  auto d = drain(*this, feed);
  CHECK(d.times == one_to(4));
  CHECK(d.error.find("flaky:7: read error") != std::string::npos);
  CHECK(*flaky.openings == 1);
}

TEST_CASE_FIXTURE(coordinator_fixture,
                  "a CSV bar feed whose file appears during the backoff serves it whole") {
  auto path = (std::filesystem::temp_directory_path() /
               ("bourse-feed-restart-" + std::to_string(::getpid()) + ".csv"))
                  .string();
  std::filesystem::remove(path);
  csv_bar_feed_config config;
  config.path = path;
  config.symbol = "SPX";
  config.feed = policy(2);
  event_log log;
  auto feed = spawn_csv_bar_feed(sys, config, log.listener());
  run(); // the first opening fails: the file is not there yet
  REQUIRE(log.events->size() == 1);
  CHECK(log.events->at(0).error.find("cannot open") != std::string::npos);
  {
    std::ofstream out(path, std::ios::binary);
    out << "ts,open,high,low,close,volume\n"
           "2024-01-02,10,11,9,10.5,100\n"
           "2024-01-03,10.5,12,10,11,200\n";
  }
  auto d = drain(*this, feed);
  std::filesystem::remove(path);
  CHECK(d.error.empty());
  CHECK(d.times.size() == 2);
  CHECK(log.events->size() == 1);
}

TEST_CASE("feed_options validate the restart policy") {
  feed_options options;
  options.restart.max_restarts = 2;
  options.restart.multiplier = 0.5;
  auto problems = options.validate();
  REQUIRE(problems.size() == 1);
  CHECK(problems.front().rfind("restart.multiplier:", 0) == 0);
}

namespace {

/// A stream buffer that serves `text` and then fails (throws from underflow: the stream sets
/// badbit), like a file on a share that goes away mid-read.
class failing_buf final : public std::streambuf {
public:
  explicit failing_buf(std::string text) : text_(std::move(text)) {
    setg(text_.data(), text_.data(), text_.data() + text_.size());
  }

protected:
  int_type underflow() override { throw std::runtime_error("device gone"); }

private:
  std::string text_;
};

} // namespace

TEST_CASE("readers tell an I/O failure from a bad row") {
  SUBCASE("a stream that goes bad mid-file is an I/O error") {
    failing_buf buf("ts,symbol,bid,ask\n1704205800,AAA,10,10.02\n1704205801,AAA,10,10.0");
    std::istream in(&buf);
    tick_reader reader(in, "share.csv");
    tick t;
    CHECK(reader.next(t));
    CHECK_FALSE(reader.next(t));
    REQUIRE(reader.error());
    CHECK(reader.error()->kind == csv_error_kind::io);
    CHECK(reader.error()->to_string() == "share.csv:3: read error");
  }
  SUBCASE("a bad row is a data error") {
    std::istringstream in("ts,symbol,bid,ask\n1704205800,AAA,10,x\n");
    tick_reader reader(in, "bad.csv");
    tick t;
    CHECK_FALSE(reader.next(t));
    REQUIRE(reader.error());
    CHECK(reader.error()->kind == csv_error_kind::data);
  }
  SUBCASE("a file that cannot be opened is an I/O error") {
    csv_tick_source ticks("/nonexistent/bourse/ticks.csv");
    data_slice slice;
    CHECK_FALSE(ticks.next(slice));
    REQUIRE(ticks.error());
    CHECK(ticks.error()->kind == csv_error_kind::io);
    csv_bar_source bars("/nonexistent/bourse/bars.csv", "X");
    CHECK_FALSE(bars.next(slice));
    REQUIRE(bars.error());
    CHECK(bars.error()->kind == csv_error_kind::io);
  }
}
