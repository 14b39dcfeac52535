// The [journal] table of a run configuration: its keys, defaults and the problems it reports with
// their line and key.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "bourse/actors/builder/runner.hpp"

using namespace bourse;

namespace {

const char* base = "[[data]]\ntype = \"synthetic\"\nbars = 10\n"
                   "[[venue]]\nname = \"V\"\ninstruments = []\n";

// Returns the problems about the journal table.
std::vector<std::string> journal_problems(const std::vector<config_problem>& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems)
    if (p.where.key.rfind("journal", 0) == 0)
      out.push_back(p.to_string());
  return out;
}

} // namespace

TEST_CASE("the journal table sets path sync flush and batch and is off without it") {
  std::vector<config_problem> problems;
  auto none = parse_run_config(base, "t.toml", {}, problems);
  CHECK_FALSE(none.journal.has_value());
  auto plan = parse_run_config(std::string("[journal]\npath = \"j.sqlite\"\nsync = \"full\"\n"
                                           "flush_ms = 5\nmax_batch = 10\n") + base,
                               "t.toml", {}, problems);
  CHECK(journal_problems(problems).empty());
  REQUIRE(plan.journal.has_value());
  CHECK(plan.journal->path == "j.sqlite");
  CHECK(plan.journal->sync == journal::sync_level::full);
  CHECK(plan.journal->flush_interval == 5'000'000);
  CHECK(plan.journal->max_batch == 10);
  auto off = parse_run_config(std::string("[journal]\nenabled = false\n") + base, "t.toml", {},
                              problems);
  CHECK_FALSE(off.journal.has_value());
  auto defaults = parse_run_config(std::string("[journal]\n") + base, "t.toml", {}, problems);
  REQUIRE(defaults.journal.has_value());
  CHECK(defaults.journal->path.empty()); // journal.sqlite in the output folder
}

TEST_CASE("bad journal values and unknown journal keys are problems naming line and key") {
  std::vector<config_problem> problems;
  (void)parse_run_config(std::string("[journal]\nsync = \"sometimes\"\nflush_ms = 0\n"
                                     "colour = \"blue\"\n") + base,
                         "t.toml", {}, problems);
  auto has = [&](std::size_t line, const std::string& key, const std::string& part) {
    for (const auto& p : problems)
      if (p.where.line == line && p.where.key == key && p.message.find(part) != std::string::npos)
        return true;
    return false;
  };
  CHECK(has(2, "journal.sync", "\"normal\" or \"full\""));
  CHECK(has(3, "journal.flush_ms", "must be in [1, 60000]"));
  CHECK(has(4, "journal.colour", "unknown key"));
}
