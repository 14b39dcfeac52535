// "key=value,..." parameter text: fields, typed reads, problems.
#include "bourse/strategy/params.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "bourse/core/text.hpp"

namespace bourse {

param_reader::param_reader(std::string_view owner, std::string_view text) : owner_(owner) {
  std::vector<std::string_view> parts;
  if (trim(text).empty())
    return;
  split_fields(text, ',', parts);
  for (auto part : parts) {
    auto eq = part.find('=');
    if (part.empty() || eq == std::string_view::npos) {
      syntax_.push_back(owner_ + ": field '" + std::string{part} + "' is not key=value");
      continue;
    }
    std::string key{trim(part.substr(0, eq))};
    std::string value{trim(part.substr(eq + 1))};
    if (key.empty()) {
      syntax_.push_back(owner_ + ": field '" + std::string{part} + "' has no key");
      continue;
    }
    bool duplicate = false;
    for (const auto& f : fields_)
      duplicate = duplicate || same_key(f.key, key);
    if (duplicate) {
      syntax_.push_back(owner_ + ": key '" + key + "' is given twice");
      continue;
    }
    fields_.push_back({std::move(key), std::move(value)});
  }
}

bool param_reader::same_key(std::string_view a, std::string_view b) noexcept {
  return iequals(a, b);
}

const std::string* param_reader::take(std::string_view key) {
  known_.emplace_back(key);
  for (const auto& f : fields_)
    if (same_key(f.key, key))
      return &f.value;
  return nullptr;
}

void param_reader::bad_value(std::string_view key, std::string_view value,
                             std::string_view expected) {
  values_.push_back(owner_ + ": " + std::string{key} + "='" + std::string{value} + "' is not " +
                    std::string{expected});
}

void param_reader::read(std::string_view key, int& out) {
  const std::string* text = take(key);
  if (text == nullptr)
    return;
  const char* begin = text->c_str();
  char* end = nullptr;
  errno = 0;
  long value = std::strtol(begin, &end, 10);
  if (text->empty() || end != begin + text->size() || errno == ERANGE || value < -2147483647L ||
      value > 2147483647L) {
    bad_value(key, *text, "an integer");
    return;
  }
  out = static_cast<int>(value);
}

void param_reader::read(std::string_view key, double& out) {
  const std::string* text = take(key);
  if (text == nullptr)
    return;
  const char* begin = text->c_str();
  char* end = nullptr;
  double value = std::strtod(begin, &end);
  if (text->empty() || end != begin + text->size() || !std::isfinite(value)) {
    bad_value(key, *text, "a finite number");
    return;
  }
  out = value;
}

void param_reader::read(std::string_view key, std::string& out) {
  const std::string* text = take(key);
  if (text == nullptr)
    return;
  if (text->empty()) {
    bad_value(key, *text, "a non-empty text");
    return;
  }
  out = *text;
}

void param_reader::read(std::string_view key, quantity& out) {
  const std::string* text = take(key);
  if (text == nullptr)
    return;
  auto value = quantity::parse(*text);
  if (!value) {
    bad_value(key, *text, "a decimal quantity");
    return;
  }
  out = *value;
}

void param_reader::read(std::string_view key, price& out) {
  const std::string* text = take(key);
  if (text == nullptr)
    return;
  auto value = price::parse(*text);
  if (!value) {
    bad_value(key, *text, "a decimal price");
    return;
  }
  out = *value;
}

void param_reader::read(std::string_view key, bool& out) {
  const std::string* text = take(key);
  if (text == nullptr)
    return;
  for (auto yes : {"true", "1", "yes", "on"})
    if (iequals(*text, yes)) {
      out = true;
      return;
    }
  for (auto no : {"false", "0", "no", "off"})
    if (iequals(*text, no)) {
      out = false;
      return;
    }
  bad_value(key, *text, "true or false");
}

std::vector<std::string> param_reader::problems() const {
  std::vector<std::string> out = syntax_;
  out.insert(out.end(), values_.begin(), values_.end());
  std::string valid;
  for (const auto& k : known_) {
    valid += valid.empty() ? "" : ", ";
    valid += k;
  }
  for (const auto& f : fields_) {
    bool known = false;
    for (const auto& k : known_)
      known = known || same_key(k, f.key);
    if (!known)
      out.push_back(owner_ + ": unknown key '" + f.key + "' (valid keys: " + valid + ")");
  }
  return out;
}

std::string join_problems(const std::vector<std::string>& problems) {
  std::string out;
  for (const auto& p : problems) {
    out += out.empty() ? "" : "; ";
    out += p;
  }
  return out;
}

} // namespace bourse
