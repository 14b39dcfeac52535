// Shared pieces of the CSV readers.
#include "bourse/market/csv.hpp"

#include "bourse/core/text.hpp"

namespace bourse {

std::string csv_error::to_string() const {
  std::string out = file.empty() ? std::string{"<input>"} : file;
  if (line > 0)
    out += ":" + std::to_string(line);
  out += ": ";
  if (!column.empty())
    out += column + ": ";
  out += reason;
  return out;
}

csv_header::csv_header(const std::vector<std::string_view>& fields) {
  for (auto f : fields) {
    original_.emplace_back(f);
    names_.push_back(to_lower(f));
  }
}

int csv_header::find(std::initializer_list<std::string_view> names) const noexcept {
  for (auto n : names)
    for (std::size_t i = 0; i < names_.size(); ++i)
      if (names_[i] == n)
        return static_cast<int>(i);
  return -1;
}

} // namespace bourse
