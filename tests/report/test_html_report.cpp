// Shows that the HTML report is one self-contained, well-formed page: one <svg> per chart, every
// input text escaped, no external reference, no NaN, a capped trades table, calendar tick labels,
// identical bytes for identical input, and a small file for a 100 000-sample curve.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <sstream>
#include <string>

#include "bourse/report/html_report.hpp"
#include "report_kit.hpp"

using namespace report_kit;

namespace {

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1))
    ++n;
  return n;
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

report_series series_of(std::string name, equity_curve curve,
                        const std::vector<fill_record>& fills) {
  auto result = compute_statistics(curve, fills);
  REQUIRE_FALSE(result.error);
  return report_series{std::move(name), std::move(curve), result.stats};
}

report_input sample_input() {
  const std::string nasty = "a<b>&c \"q\" 'x'";
  std::vector<fill_record> fills{
      fill(at("2024-01-03"), side::buy, "100", "10", "1", nasty, "X<Y>", "<id&1>"),
      fill(at("2024-01-09"), side::sell, "110", "10", "1", nasty, "X<Y>", "2")};
  report_input input;
  input.title = "Run <1> & co";
  input.summary = {{"mode", "backtest"}, {"data <file>", "a&b.csv"}};
  input.series.push_back(series_of(
      "total", curve_weekdays(at("2024-01-02"), {1000, 1000, 1010, 990, 1020, 1030, 1098}), fills));
  input.series.push_back(series_of(
      nasty, curve_weekdays(at("2024-01-02"), {500, 500, 505, 495, 510, 515, 549}), fills));
  input.fills = fills;
  return input;
}

} // namespace

TEST_CASE("the HTML report is one well-formed self-contained page") {
  const report_input input = sample_input();
  const std::string html = html_report(input);

  CHECK(html.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0) == 0);
  CHECK(html.size() > 20);
  CHECK(html.substr(html.size() - 8) == "</html>\n");
  CHECK(count(html, "<style>") == 1);
  CHECK(count(html, "<svg") == 4); // equity and drawdown for each of 2 series
  CHECK(count(html, "</svg>") == 4);
  CHECK(count(html, "<table") == count(html, "</table>"));

  SUBCASE("nothing outside the file: no http, no scripts, no imports or urls") {
    const std::string text = lower(html);
    CHECK(text.find("http") == std::string::npos);
    CHECK(text.find("<script") == std::string::npos);
    CHECK(text.find("@import") == std::string::npos);
    CHECK(text.find("url(") == std::string::npos);
    CHECK(text.find("<link") == std::string::npos);
    CHECK(text.find("<img") == std::string::npos);
  }
  SUBCASE("every input text is escaped") {
    CHECK(html.find("a<b>&c") == std::string::npos);
    CHECK(html.find("a&lt;b&gt;&amp;c &quot;q&quot; &#39;x&#39;") != std::string::npos);
    CHECK(html.find("Run &lt;1&gt; &amp; co") != std::string::npos);
    CHECK(html.find("X&lt;Y&gt;") != std::string::npos);
    CHECK(html.find("&lt;id&amp;1&gt;") != std::string::npos);
    CHECK(html.find("data &lt;file&gt;") != std::string::npos);
    CHECK(html.find("<file>") == std::string::npos);
  }
  SUBCASE("statistics and trades are on the page") {
    CHECK(html.find("Sharpe ratio") != std::string::npos);
    CHECK(html.find("Max drawdown %") != std::string::npos);
    CHECK(html.find(">100<") != std::string::npos); // the buy price cell
    CHECK(html.find("2024-01-03T00:00:00Z") != std::string::npos);
    CHECK(html.find("2 fills.") != std::string::npos);
  }
  SUBCASE("the same input gives the same bytes") {
    CHECK(html_report(input) == html);
  }
  SUBCASE("write_html_report writes the same document") {
    std::ostringstream out;
    write_html_report(out, input);
    CHECK(out.str() == html);
  }
}

TEST_CASE("html_escape replaces the five special characters") {
  CHECK(html_escape("<a href=\"x\">Tom & Jerry's</a>") ==
        "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
  CHECK(html_escape("plain text") == "plain text");
}

TEST_CASE("undefined statistics show as n/a, never as NaN or inf") {
  report_input input;
  input.series.push_back(series_of("empty", {}, {}));
  input.series.push_back(series_of("one", {{at("2024-01-02"), 100.0}}, {}));
  input.series.push_back(series_of("flat", curve_weekdays(at("2024-01-02"), {0, 0, 0}), {}));
  const std::string html = lower(html_report(input));
  CHECK(html.find("nan") == std::string::npos);
  CHECK(html.find("inf") == std::string::npos);
  CHECK(html.find("n/a") != std::string::npos);
  CHECK(html.find("no samples") != std::string::npos);
  CHECK(count(html, "<svg") == 6);
  CHECK(html.find("no fills.") != std::string::npos);
}

TEST_CASE("the trades table stops at max_trade_rows and says so") {
  report_input input;
  for (int i = 0; i < 600; ++i)
    input.fills.push_back(fill(at("2024-01-02") + i, i % 2 == 0 ? side::buy : side::sell, "10", "1",
                               "0", "s", "X", std::to_string(i)));
  const std::string html = html_report(input);
  CHECK(html.find("Showing the first 500 of 600 fills; trades.csv lists them all.") !=
        std::string::npos);
  const auto table = html.substr(html.find("<table class=\"trades\">"));
  CHECK(count(table, "<tr>") == 501);                  // header row + 500
  CHECK(table.find(">500</td>") != std::string::npos); // row number 500 (order id 499)
  CHECK(table.find(">501</td>") == std::string::npos); // neither row 501 nor order id 501

  html_options options;
  options.max_trade_rows = 10;
  CHECK(html_report(input, options).find("Showing the first 10 of 600 fills") != std::string::npos);
}

TEST_CASE("time axes get calendar ticks labelled to fit their step") {
  SUBCASE("twenty years of days: year labels") {
    equity_curve curve{{at("2000-01-03"), 100}, {at("2010-06-01"), 150}, {at("2020-04-17"), 200}};
    report_input input;
    input.series.push_back(series_of("total", curve, {}));
    const std::string html = html_report(input);
    CHECK(html.find(">2002</text>") != std::string::npos);
    CHECK(html.find(">2020</text>") != std::string::npos);
    CHECK(html.find(">2000</text>") == std::string::npos); // before the first sample
  }
  SUBCASE("five minutes of seconds: clock labels") {
    report_input input;
    input.series.push_back(series_of(
        "total",
        curve_every(at("2024-01-02T14:30:00Z"), ns_per_second, std::vector<double>(301, 100.0)),
        {}));
    const std::string html = html_report(input);
    // 30-second steps fit 11 labels "HH:MM:SS" on the axis.
    CHECK(html.find(">14:30:30</text>") != std::string::npos);
    CHECK(html.find(">14:35:00</text>") != std::string::npos);
  }
}

TEST_CASE("a 100 000-sample curve makes a small file with at most max_plot_points per line") {
  equity_curve curve;
  double equity = 100'000;
  std::uint64_t state = 7;
  const timestamp start = at("2024-01-02T14:30:00Z");
  for (int i = 0; i < 100'000; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    equity *= 1.0 + (static_cast<double>(state >> 11) / 9007199254740992.0 - 0.5) * 0.002;
    curve.push_back({start + i * ns_per_second, equity});
  }
  report_input input;
  input.series.push_back(series_of("total", std::move(curve), {}));
  const std::string html = html_report(input);
  CHECK(html.size() < 200'000);
  // Each line path has one M and then an L per further point.
  const auto line = html.find("class=\"line\"");
  REQUIRE(line != std::string::npos);
  const auto d = html.find(" d=\"", line);
  const auto path = html.substr(d, html.find('"', d + 4) - d);
  CHECK(count(path, "L") + 1 <= 2000);
  CHECK(count(path, "L") + 1 >= 1900);
}

TEST_CASE("absurdly large equity values still give a page without NaN") {
  report_input input;
  input.series.push_back(
      series_of("huge", curve_weekdays(at("2024-01-02"), {1e300, 2e300, 1.5e300}), {}));
  input.series.push_back(
      series_of("overflowing", curve_weekdays(at("2024-01-02"), {1.7e308, -1.7e308}), {}));
  const std::string html = lower(html_report(input));
  CHECK(html.find("nan") == std::string::npos);
  CHECK(html.find("values out of plotting range") != std::string::npos);
  CHECK(count(html, "<svg") == 4);
}

TEST_CASE("a run's section shows its parameters, benchmark, prices with markers, months, exposure "
          "and round trips, all escaped") {
  report_input input = sample_input();
  // The second series repeats the first one's curve: it is named, not drawn twice.
  input.series.insert(input.series.begin() + 1, input.series[0]);
  input.series[1].name = "copy <of> total";
  const auto curve = input.series[0].curve;
  std::vector<mark_record> marks;
  for (const auto& s : curve)
    marks.push_back({s.ts, "X<Y>", px(s.equity > 1000 ? "110" : "100")});
  trade_analyzer analyzer{marks, curve};
  for (const auto& f : input.fills)
    analyzer.add(f);
  report_run run;
  run.name = "run <a>";
  run.total_series = 0;
  run.parameters.push_back({"Strategies <x>", {"Id", "Params"}, {{"1", "fast=<2>"}}});
  run.analysis = analyzer.finish();
  run.bench = buy_and_hold(run.analysis.prices, curve);
  input.runs.push_back(std::move(run));
  const std::string html = html_report(input);

  for (const char* section : {"sec-parameters", "sec-benchmark", "sec-prices", "sec-monthly",
                              "sec-exposure", "sec-trips", "class=\"note sharpe-note\""})
    CHECK_MESSAGE(count(html, section) == 1, section);
  CHECK(html.find("id=\"run-run--a-\"") != std::string::npos);
  CHECK(html.find("Run: run &lt;a&gt;") != std::string::npos);
  CHECK(html.find("fast=&lt;2&gt;") != std::string::npos);
  CHECK(html.find("buy and hold X&lt;Y&gt;") != std::string::npos);
  CHECK(count(html, "class=\"mk-buy\"") == 1);
  CHECK(count(html, "class=\"mk-sell\"") == 1);
  CHECK(html.find("copy &lt;of&gt; total</h3><span class=\"caption\">the same equity curve as "
                  "total") != std::string::npos);
  // Charts: 2 for "total" (with the benchmark overlay), 2 for the second series, none for the
  // copy, 1 price chart, 1 exposure chart.
  CHECK(count(html, "<svg") == 6);
  CHECK(count(html, "stroke-dasharray") >= 2); // benchmark and net exposure
  CHECK(html.find("<script") == std::string::npos);
  CHECK(lower(html).find("nan") == std::string::npos);
  CHECK(html == html_report(input)); // the same bytes again
}
