// bourse-demo: backtests the example strategies on bundled data (daily S&P 500 bars and a synthetic
// two-venue tick set), prints a summary table and writes trades.csv, report.html and stats.json.
// It is bourse::run_main with data/demo.toml built in: `bourse-backtest --config data/demo.toml`
// runs the same.
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "demo_flags.hpp"

namespace {

// Where the bundled data is looked for: next to an installed program (<prefix>/share/bourse/data,
// found from /proc/self/exe, so a moved installation still finds it), then the source tree's
// data folder this program was built from.
std::vector<std::string> demo_data_dirs() {
  std::vector<std::string> dirs;
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const auto installed = exe.parent_path().parent_path() / "share" / "bourse" / "data";
    if (std::filesystem::is_directory(installed, ec))
      dirs.push_back(installed.string());
  }
  dirs.push_back(BOURSE_DATA_DIR);
  return dirs;
}

} // namespace

int main(int argc, char** argv) {
  bourse::runner_options options;
  options.program = "bourse-demo";
  options.description =
      "backtest the example strategies on bundled data and write trades.csv, report.html and "
      "stats.json";
  options.default_config = bourse::demo::demo_toml;
  options.default_config_name = "<built-in demo.toml>";
  options.data_dirs = demo_data_dirs();
  options.flags = bourse::demo::demo_flags(options.data_dirs);
  return bourse::run_main(argc, argv, bourse::builtin_strategies(), options);
}
