// Small text helpers shared by the parsers.
#include "bourse/core/text.hpp"

namespace bourse {

namespace {
char lower(char c) noexcept {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}
} // namespace

bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i]))
      return false;
  return true;
}

std::string to_lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out)
    c = lower(c);
  return out;
}

std::string_view trim(std::string_view text) noexcept {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && is_space(text.front()))
    text.remove_prefix(1);
  while (!text.empty() && is_space(text.back()))
    text.remove_suffix(1);
  return text;
}

void split_fields(std::string_view line, char separator, std::vector<std::string_view>& out) {
  out.clear();
  std::size_t start = 0;
  while (true) {
    auto pos = line.find(separator, start);
    if (pos == std::string_view::npos) {
      out.push_back(trim(line.substr(start)));
      return;
    }
    out.push_back(trim(line.substr(start, pos - start)));
    start = pos + 1;
  }
}

} // namespace bourse
