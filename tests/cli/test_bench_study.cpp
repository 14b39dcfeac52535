// Shows that the scheduling study of bourse-bench (study.* rows, docs/scheduling.md) runs a reduced
// sweep end to end: every study row is listed, --quick writes a row per figure, and --plots DIR
// writes well-formed SVG files (balanced tags, finite coordinates, one line per series). Nothing
// here asserts on a measured value or a duration.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "cli_kit.hpp"

#ifdef BOURSE_HAVE_BENCH

namespace {

using namespace cli_kit;

// Returns "" when `svg` is one <svg> element whose tags nest properly, else what is wrong.
std::string svg_problem(const std::string& svg) {
  if (svg.rfind("<svg ", 0) != 0)
    return "does not start with <svg";
  std::vector<std::string> open;
  std::size_t pos = 0;
  bool closed_root = false;
  while ((pos = svg.find('<', pos)) != std::string::npos) {
    const auto end = svg.find('>', pos);
    if (end == std::string::npos)
      return "a tag is not closed";
    const std::string tag = svg.substr(pos + 1, end - pos - 1);
    if (closed_root)
      return "content after </svg>";
    if (!tag.empty() && tag[0] == '/') {
      if (open.empty() || open.back() != tag.substr(1))
        return "</" + tag.substr(1) + "> closes nothing open";
      open.pop_back();
      closed_root = open.empty();
    } else if (tag.empty() || tag.back() != '/') {
      open.push_back(tag.substr(0, tag.find(' ')));
    }
    pos = end + 1;
  }
  if (!open.empty() || !closed_root)
    return "unclosed <" + (open.empty() ? std::string{"svg"} : open.back()) + ">";
  for (const char* bad : {"nan", "inf"})
    if (contains(svg, std::string{"=\""} + bad) || contains(svg, std::string{","} + bad))
      return std::string{"a coordinate is "} + bad;
  return {};
}

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto pos = text.find(part); pos != std::string::npos; pos = text.find(part, pos + 1))
    ++n;
  return n;
}

} // namespace

TEST_CASE("bourse-bench lists the scheduling study rows") {
  temp_dir dir;
  auto r = dir.run("bourse-bench", "--list");
  CHECK(r.code == 0);
  for (const char* name :
       {"study.tipping", "study.parallel", "study.memory", "study.protect_io", "study.hot_switch"})
    CHECK(contains(r.out, name));
}

TEST_CASE("a quick study sweep writes a row per figure and well-formed SVG plots") {
  temp_dir dir;
  auto r = dir.run("bourse-bench", "--quick study.tipping study.parallel study.memory "
                                   "study.protect_io study.hot_switch --plots plots --json rows.json");
  INFO(r.err);
  REQUIRE(r.code == 0);
  const auto json = slurp(dir.path / "rows.json");
  for (const char* row :
       {"study.tipping.cpu0.cooperative", "study.tipping.cpu100.thread.p90",
        "study.tipping.cpu50.pool", "study.parallel.threads.w2", "study.parallel.actors.w4",
        "study.memory.detached", "study.memory.thread", "study.protect_io.p90",
        "study.protect_io.throughput", "study.hot_switch.clustered.heavy_0",
        "study.hot_switch.clustered.heavy_2", "study.hot_switch.clustered.heavy_2.threads"})
    CHECK(contains(json, std::string{"\""} + row + "\""));
  // The four models at three compute shares, a throughput and a p90 row each.
  CHECK(count(json, "\"study.tipping.") == 4 * 3 * 2);
  struct plot {
    const char* file;
    std::size_t lines;
  };
  for (const auto& p : {plot{"tipping_throughput.svg", 4}, plot{"tipping_ping_p90.svg", 4},
                        plot{"tipping_memory.svg", 4}, plot{"tipping_threads.svg", 4},
                        plot{"parallel_speedup.svg", 3}, plot{"protect_io.svg", 3},
                        plot{"hot_switch.svg", 2}}) {
    CAPTURE(p.file);
    const auto svg = slurp(dir.path / "plots" / p.file);
    REQUIRE_FALSE(svg.empty());
    CHECK(svg_problem(svg).empty());
    CHECK(count(svg, "<polyline ") == p.lines);
  }
  // Nothing but the plots in the folder (no temporaries left behind).
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(dir.path / "plots")) {
    CAPTURE(entry.path().string());
    CHECK(entry.path().extension() == ".svg");
    ++files;
  }
  CHECK(files == 7);
}

TEST_CASE("bourse-bench --plots without a folder is a usage error") {
  temp_dir dir;
  auto r = dir.run("bourse-bench", "study.memory --plots");
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  CHECK(contains(r.err, "--plots needs a folder name"));
}

#endif
