// bourse-demo's shortcut options, as changes to the plan read from demo.toml.
#include "demo_flags.hpp"

#include <filesystem>
#include <memory>

namespace bourse::demo {

namespace {

std::optional<std::uint64_t> whole_number(const std::string& text) {
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  return std::stoull(text);
}

// The first scenario with bar files, or null.
scenario_plan* bar_scenario(run_plan& plan) {
  for (auto& sc : plan.scenarios)
    for (const auto& d : sc.data)
      if (d.kind == data_source_kind::bars)
        return &sc;
  return nullptr;
}

// Replaces "symbol=OLD" in a parameter text with "symbol=NEW".
std::string retarget(const std::string& params, const std::string& symbol) {
  std::string out;
  std::size_t start = 0;
  while (start <= params.size()) {
    auto end = params.find(',', start);
    if (end == std::string::npos)
      end = params.size();
    auto item = params.substr(start, end - start);
    if (item.rfind("symbol=", 0) == 0)
      item = "symbol=" + symbol;
    out += (out.empty() ? "" : ",") + item;
    start = end + 1;
  }
  return out;
}

} // namespace

std::vector<runner_flag> demo_flags(std::vector<std::string> data_dirs) {
  std::vector<runner_flag> flags;
  auto replaced = std::make_shared<bool>(false);
  flags.push_back(
      {"--data", "FILE|SYMBOL=FILE",
       "bar CSV to trade instead of the S&P 500 (repeatable); the demo's bar strategies trade the "
       "first one",
       [replaced, data_dirs](run_plan& plan, const std::string& value) -> std::string {
         auto* sc = bar_scenario(plan);
         if (!sc)
           return "the configuration has no bar scenario";
         auto eq = value.find('=');
         std::string symbol = eq == std::string::npos
                                  ? std::filesystem::path(value).stem().string()
                                  : value.substr(0, eq);
         std::string path = eq == std::string::npos ? value : value.substr(eq + 1);
         if (symbol.empty() || path.empty())
           return "'" + value + "' needs a file (and, before '=', a symbol)";
         config_paths paths;
         paths.fallback_dirs = data_dirs;
         data_source_plan d;
         d.kind = data_source_kind::bars;
         d.bars.path = paths.resolve(path);
         d.bars.symbol = symbol;
         d.where = {"--data " + value, 0, {}};
         if (!*replaced) {
           // The first --data replaces the configured bars; strategies follow the new symbol.
           *replaced = true;
           sc->data.clear();
           for (auto& s : sc->strategies) {
             s.params = retarget(s.params, symbol);
             s.actor.params = s.params;
           }
           for (auto& v : sc->venues)
             v.settings.instruments.clear();
         }
         sc->data.push_back(d);
         auto inst = instrument::make(symbol, "0.01", "1");
         if (!inst)
           return "'" + symbol + "' is not a usable symbol";
         if (!sc->venues.empty())
           sc->venues.front().settings.instruments.push_back(*inst);
         return {};
       }});
  auto cross_venue = [](run_plan& plan, auto&& change) {
    bool found = false;
    for (auto& sc : plan.scenarios)
      for (auto& d : sc.data)
        if (d.kind == data_source_kind::cross_venue) {
          change(d.cross_venue);
          found = true;
        }
    return found ? std::string{} : std::string("the configuration has no cross_venue data");
  };
  flags.push_back({"--seed", "N", "seed of the synthetic cross-venue tick set (default 42)",
                   [cross_venue](run_plan& plan, const std::string& value) -> std::string {
                     auto n = whole_number(value);
                     if (!n)
                       return "'" + value + "' is not a whole number";
                     return cross_venue(plan, [&](cross_venue_source_config& c) {
                       c.generator.base.seed = *n;
                     });
                   }});
  flags.push_back(
      {"--ticks", "N", "events in the synthetic tick set; 0 leaves that scenario out (default 20000)",
       [cross_venue](run_plan& plan, const std::string& value) -> std::string {
         auto n = whole_number(value);
         if (!n)
           return "'" + value + "' is not a whole number";
         if (*n > 0)
           return cross_venue(plan, [&](cross_venue_source_config& c) { c.tick_count = *n; });
         std::vector<scenario_plan> kept;
         for (auto& sc : plan.scenarios) {
           bool ticks = false;
           for (const auto& d : sc.data)
             ticks = ticks || d.kind == data_source_kind::cross_venue;
           if (!ticks)
             kept.push_back(std::move(sc));
         }
         plan.scenarios = std::move(kept);
         return {};
       }});
  return flags;
}

} // namespace bourse::demo
