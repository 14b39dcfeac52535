// Shows the statistics of a whole run keyed by strategy id (issue 7, item 4 regressions): two
// strategies of the same type and name but different parameters keep their own fills and curves,
// every curve starts at the data start with its initial cash, the total is their sum; and
// write_run_outputs writes trades.csv, report.html and stats.json whole, or nothing.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "bourse/actors/builder/run_outputs.hpp"
#include "bourse/strategy/registry.hpp"

using namespace bourse;
namespace fs = std::filesystem;

namespace {

constexpr timestamp t0 = 1'704'153'600 * ns_per_second; // 2024-01-02

// 120 daily bars of two waves with a drift: the crossovers of different periods differ.
std::vector<market_slice> wave_bars() {
  std::vector<market_slice> out;
  for (int i = 0; i < 120; ++i) {
    market_slice s;
    s.ts_event = s.ts_init = t0 + static_cast<timestamp>(i) * ns_per_day;
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", 100 + 10 * std::sin(i / 5.0) + 3 * std::sin(i / 1.3) + 0.05 * i);
    bar b;
    b.ts = s.ts_event;
    b.open = b.high = b.low = b.close = *price::parse(text);
    b.volume = quantity::from_units(1000);
    s.bars.push_back({"T", b});
    out.push_back(std::move(s));
  }
  return out;
}

run_result run_two_sma() {
  system_config cfg;
  cfg.set("scheduler.max-threads", 2);
  trading_system ts{cfg};
  ts.add_slices(wave_bars());
  venue_config venue;
  venue.name = "SIM";
  venue.settings.instruments.push_back(*instrument::make("T", "0.01", "1"));
  venue.settings.fees.taker_bps = *venue::basis_points::parse("10");
  ts.add_venue(venue);
  const char* params[] = {"symbol=T,fast=2,slow=5,qty=10", "symbol=T,fast=5,slow=20,qty=10"};
  for (strategy_id id : {1U, 2U}) {
    strategy_actor_config sc;
    sc.id = id;
    sc.name = "sma";
    sc.type = "sma_cross";
    sc.params = params[id - 1];
    auto made = make_strategy(std::string("sma_cross:") + params[id - 1]);
    REQUIRE(made);
    ts.add_strategy(std::move(made.value), sc);
  }
  ts.add_parameter("note", "two of a kind");
  auto result = ts.run();
  REQUIRE_MESSAGE(result.ok, (result.problems.empty() ? "" : result.problems.front()));
  return result;
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

} // namespace

TEST_CASE("two strategies with one name keep their own fills, and every curve starts at the data start") {
  const run_result result = run_two_sma();
  std::map<strategy_id, std::size_t> fills_by_id;
  (void)result.for_each_fill([&](const fill& f) { ++fills_by_id[f.header.strategy]; });
  REQUIRE(fills_by_id[1] > 0);
  REQUIRE(fills_by_id[2] > 0);
  REQUIRE(fills_by_id[1] != fills_by_id[2]);

  const auto pass = report_pass(result);
  REQUIRE(pass.error.empty());
  REQUIRE(pass.series.size() == 2);
  CHECK(pass.ids == std::vector<strategy_id>{1, 2});
  CHECK(pass.series[0].name == "sma#1");
  CHECK(pass.series[1].name == "sma#2");
  // Keyed by id: each series has its own strategy's fills (they were merged by name before).
  CHECK(pass.series[0].stats.fill_count == fills_by_id[1]);
  CHECK(pass.series[1].stats.fill_count == fills_by_id[2]);
  CHECK(pass.total.stats.fill_count == fills_by_id[1] + fills_by_id[2]);

  for (const auto* series : {&pass.total, &pass.series[0], &pass.series[1]}) {
    CAPTURE(series->name);
    REQUIRE_FALSE(series->curve.empty());
    // From the first bar, with the initial cash (the default 100,000 each; 200,000 in total).
    CHECK(series->curve.front().ts == t0);
    CHECK(series->stats.initial_equity ==
          doctest::Approx(series == &pass.total ? 200'000.0 : 100'000.0));
  }
  // Net PnL (from the curve) = realised after fees + unrealised of the final positions, exactly
  // what the books say: no fee or move before a late start is lost.
  for (std::size_t i = 0; i < 2; ++i) {
    double unrealised = 0;
    for (const auto& p : result.report.positions)
      if (p.strategy == pass.ids[i])
        unrealised += p.unrealized_pnl.to_double();
    CHECK(pass.series[i].stats.net_pnl ==
          doctest::Approx(pass.series[i].stats.realised_net_pnl.to_double() + unrealised));
  }
  CHECK(pass.total.stats.net_pnl ==
        doctest::Approx(pass.series[0].stats.net_pnl + pass.series[1].stats.net_pnl));
  CHECK(pass.total.curve.size() == pass.series[0].curve.size());

  // The run's description.
  const auto& p = result.parameters;
  CHECK(p.mode == "backtest");
  REQUIRE(p.data.size() == 1);
  CHECK(p.data[0].kind == "memory");
  REQUIRE(p.venues.size() == 1);
  CHECK(p.venues[0].instruments == std::vector<std::string>{"T"});
  CHECK(p.venues[0].fees == "maker 0 bp, taker 10 bp");
  CHECK(p.venues[0].latency == "fixed 0 ns");
  REQUIRE(p.strategies.size() == 2);
  CHECK(p.strategies[1].label == "sma#2");
  CHECK(p.strategies[1].type == "sma_cross");
  CHECK(p.strategies[1].params == "symbol=T,fast=5,slow=20,qty=10");
  CHECK(p.strategies[1].initial_cash == money::from_units(100'000));
  REQUIRE(p.extra.size() == 1);
  CHECK(p.extra[0].second == "two of a kind");

  // The analysis: the traded symbol's prices from the data start, every fill a marker.
  REQUIRE(pass.analysis.prices.size() == 1);
  CHECK(pass.analysis.prices[0].prices.size() == 120);
  CHECK(pass.analysis.prices[0].fill_count == fills_by_id[1] + fills_by_id[2]);
  CHECK(pass.analysis.gross_exposure.size() == pass.total.curve.size());
  REQUIRE(pass.bench);
  CHECK(pass.bench->curve.size() == pass.total.curve.size());
}

TEST_CASE("write_run_outputs writes the three files whole, and nothing when it cannot") {
  std::vector<named_run> runs;
  runs.push_back({"wave", run_two_sma()});
  const fs::path dir =
      fs::temp_directory_path() / ("bourse-run-outputs-" + std::to_string(::getpid()));
  fs::remove_all(dir);

  SUBCASE("into a folder") {
    output_options options;
    options.directory = (dir / "out").string();
    options.title = "two <sma>";
    const auto outputs = write_run_outputs(runs, options);
    REQUIRE_MESSAGE(outputs.error.empty(), outputs.error);
    CHECK(outputs.fills == runs[0].result.fill_count());
    for (const auto& path : {outputs.trades_path, outputs.report_path, outputs.stats_path})
      CHECK(fs::exists(path));
    for (const auto& entry : fs::directory_iterator(dir / "out"))
      CHECK(entry.path().extension() != ".tmp");
    const std::string csv = read(outputs.trades_path);
    CHECK(csv.find(",sma#1,T,") != std::string::npos);
    CHECK(csv.find(",sma#2,T,") != std::string::npos);
    const std::string html = read(outputs.report_path);
    CHECK(html.find("<title>two &lt;sma&gt;</title>") != std::string::npos);
    for (const char* section : {"sec-parameters", "sec-benchmark", "sec-prices", "sec-monthly",
                                "sec-exposure", "sec-trips", "sharpe-note", "mk-buy"})
      CHECK_MESSAGE(html.find(section) != std::string::npos, section);
    CHECK(html.find("wave / total") != std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    const std::string json = read(outputs.stats_path);
    CHECK(json.find("\"schema\": \"bourse-stats/1\"") != std::string::npos);
    CHECK(json.find("\"label\": \"sma#2\"") != std::string::npos);
    CHECK(json.find("\"params\": \"symbol=T,fast=5,slow=20,qty=10\"") != std::string::npos);
    CHECK(json.find("\"note\": \"two of a kind\"") != std::string::npos);
    CHECK(json == stats_json(runs, outputs.runs)); // no wall-clock values: the same every time

    std::string table;
    {
      char* buffer = nullptr;
      std::size_t size = 0;
      std::FILE* out = open_memstream(&buffer, &size);
      print_run_summary(out, runs, outputs);
      std::fclose(out);
      table.assign(buffer, size);
      std::free(buffer);
    }
    CHECK(table.find("wave     sma#1") != std::string::npos);
    CHECK(table.find("wave     total") != std::string::npos);
  }
  SUBCASE("into a path that is a file: an error naming it, and no file written") {
    fs::create_directories(dir);
    std::ofstream(dir / "taken") << "x";
    output_options options;
    options.directory = (dir / "taken").string();
    const auto outputs = write_run_outputs(runs, options);
    CHECK(outputs.error.find("taken") != std::string::npos);
    CHECK(fs::is_regular_file(dir / "taken"));
    CHECK_FALSE(fs::exists(dir / "taken" / "trades.csv"));
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir))
      ++entries;
    CHECK(entries == 1);
  }
  fs::remove_all(dir);
}
