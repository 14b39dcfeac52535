// bourse-demo: backtests the example strategies on bundled data (daily S&P 500 bars and a synthetic
// two-venue tick set), prints a summary table and writes trades.csv, report.html and stats.json.
#include <cstdio>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>

#include "options.hpp"
#include "scenarios.hpp"

namespace {

void draw_progress(const std::string& scenario, const bourse::run_progress& p) {
  static std::string last_scenario;
  static std::uint64_t last_slices = ~std::uint64_t{0};
  if (scenario == last_scenario && p.slices == last_slices)
    return; // the final report repeats the last one
  last_scenario = scenario;
  last_slices = p.slices;
  constexpr int width = 30;
  int filled = static_cast<int>(p.fraction * width + 0.5);
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(width, '.');
  std::fprintf(stderr, "\r%-6s [%s] %5.1f%%  slices=%llu  data=%s", scenario.c_str(), bar.c_str(),
               p.fraction * 100, static_cast<unsigned long long>(p.slices),
               bourse::format_iso8601(p.data_time).substr(0, 10).c_str());
  if (p.fraction >= 1.0)
    std::fprintf(stderr, "\n");
  std::fflush(stderr);
}

} // namespace

int main(int argc, char** argv) {
  std::vector<std::string> problems;
  auto opts = bourse::demo::parse_options(argc, argv, problems);
  if (opts.help) {
    std::fputs(bourse::demo::help_text().c_str(), stdout);
    return 0;
  }
  bourse::system_config cfg{opts.mode};
  std::vector<char*> caf_argv;
  for (auto& a : opts.caf_args)
    caf_argv.push_back(a.data());
  if (auto err = cfg.parse_options(static_cast<int>(caf_argv.size()), caf_argv.data(),
                                   opts.config_file);
      !err.empty())
    problems.push_back("CAF options: " + err);
  if (!problems.empty()) {
    for (const auto& p : problems)
      std::fprintf(stderr, "bourse-demo: %s\n", p.c_str());
    return 2;
  }
  spdlog::set_level(spdlog::level::warn);
  auto results = bourse::demo::run_scenarios(
      opts, cfg, problems,
      opts.progress ? draw_progress
                    : std::function<void(const std::string&, const bourse::run_progress&)>{});
  for (const auto& r : results)
    for (const auto& p : r.result.problems)
      problems.push_back(r.name + ": " + p);
  if (!problems.empty()) {
    for (const auto& p : problems)
      std::fprintf(stderr, "bourse-demo: %s\n", p.c_str());
    return 1;
  }
  // One pass over the fills writes the files and computes the statistics the table shows.
  bourse::output_options out;
  out.directory = opts.out_dir;
  out.title = "bourse-demo report";
  out.summary.emplace_back("mode", bourse::to_string(opts.mode));
  auto outputs = bourse::write_run_outputs(results, out);
  bourse::print_run_summary(stdout, results, outputs);
  if (!outputs.error.empty()) {
    std::fprintf(stderr, "bourse-demo: %s\n", outputs.error.c_str());
    return 1;
  }
  bourse::print_written(stdout, outputs);
  return 0;
}
