// bourse-demo: backtests the example strategies on bundled data (daily S&P 500 bars and a synthetic
// two-venue tick set), prints a summary table and writes trades.csv and report.html.
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "bourse/logging/exit_codes.hpp"
#include "bourse/logging/logging.hpp"

#include "options.hpp"
#include "scenarios.hpp"
#include "summary.hpp"

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

void print_problems(const std::vector<std::string>& problems) {
  for (const auto& p : problems)
    std::fprintf(stderr, "bourse-demo: %s\n", p.c_str());
}

} // namespace

int main(int argc, char** argv) {
  std::vector<std::string> problems;
  auto opts = bourse::demo::parse_options(argc, argv, problems);
  if (opts.help) {
    std::fputs(bourse::demo::help_text().c_str(), stdout);
    return bourse::exit_ok;
  }
  bourse::configure_logging(opts.log_level, problems);
  for (auto& p : bourse::demo::strategy_problems(opts))
    problems.push_back(std::move(p));
  bourse::system_config cfg{opts.mode};
  std::vector<char*> caf_argv;
  for (auto& a : opts.caf_args)
    caf_argv.push_back(a.data());
  if (auto err = cfg.parse_options(static_cast<int>(caf_argv.size()), caf_argv.data(),
                                   opts.config_file);
      !err.empty())
    problems.push_back("CAF options: " + err);
  if (!problems.empty()) {
    print_problems(problems);
    return bourse::exit_usage;
  }
  // CAF ignores a config file it cannot read: a file named on the command line must exist.
  if (!opts.config_file.empty() && !std::ifstream(opts.config_file)) {
    std::fprintf(stderr, "bourse-demo: --config %s: cannot open the file for reading\n",
                 opts.config_file.c_str());
    return bourse::exit_failure;
  }
  auto results = bourse::demo::run_scenarios(
      opts, cfg, problems,
      opts.progress ? draw_progress
                    : std::function<void(const std::string&, const bourse::run_progress&)>{});
  for (const auto& r : results)
    for (const auto& p : r.result.problems)
      problems.push_back(r.name + ": " + p);
  if (!problems.empty()) {
    print_problems(problems);
    return bourse::exit_failure;
  }
  // One pass over the fills writes the files and computes the statistics the table shows.
  auto outputs = bourse::demo::write_outputs(results, opts.out_dir, opts);
  bourse::demo::print_summary(results, outputs, opts);
  if (!outputs.error.empty()) {
    std::fprintf(stderr, "bourse-demo: %s\n", outputs.error.c_str());
    return bourse::exit_failure;
  }
  bourse::demo::print_written(outputs);
  return bourse::exit_ok;
}
