// Validation of a simulated venue's settings.
#include "bourse/venue/venue_settings.hpp"

#include <set>

namespace bourse::venue {

std::vector<std::string> venue_settings::validate() const {
  std::vector<std::string> problems;
  if (instruments.empty())
    problems.push_back("instruments: at least one instrument is needed");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < instruments.size(); ++i) {
    const instrument& instr = instruments[i];
    const std::string where = "instruments[" + std::to_string(i) + "]";
    if (instr.symbol.empty())
      problems.push_back(where + ": the symbol is empty");
    else if (!seen.insert(instr.symbol).second)
      problems.push_back(where + ": duplicate symbol " + instr.symbol);
    if (!instr.tick_size.is_positive())
      problems.push_back(where + " (" + instr.symbol + "): tick size must be positive, got " +
                         instr.tick_size.to_string());
    if (!instr.lot_size.is_positive())
      problems.push_back(where + " (" + instr.symbol + "): lot size must be positive, got " +
                         instr.lot_size.to_string());
  }
  for (auto& p : latency.validate())
    problems.push_back(std::move(p));
  for (auto& p : fees.validate())
    problems.push_back(std::move(p));
  if (session_close && (*session_close < 0 || *session_close >= ns_per_day))
    problems.push_back("session_close must be a time of day in [0, 86400000000000) ns, got " +
                       std::to_string(*session_close));
  return problems;
}

} // namespace bourse::venue
