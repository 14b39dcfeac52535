// Plain error texts: CAF's system and parser error codes by name, their context unquoted.
#include "bourse/system/error_text.hpp"

#include <caf/config_value.hpp>
#include <caf/message.hpp>
#include <caf/pec.hpp>
#include <caf/sec.hpp>
#include <caf/settings.hpp>

namespace bourse {

namespace {

std::string words(std::string name) {
  for (auto& c : name)
    if (c == '_')
      c = ' ';
  return name;
}

// The context's elements: strings as they are, an "argument" setting (the parser's) as its value,
// anything else as CAF prints it.
std::string context_text(const caf::message& context) {
  std::string out;
  auto add = [&](const std::string& part) {
    if (part.empty())
      return;
    if (!out.empty())
      out += "; ";
    out += part;
  };
  for (std::size_t i = 0; i < context.size(); ++i) {
    if (context.match_element<std::string>(i)) {
      add(context.get_as<std::string>(i));
    } else if (context.match_element<caf::settings>(i)) {
      const auto& dict = context.get_as<caf::settings>(i);
      for (const auto& [key, value] : dict)
        if (auto text = caf::get_if<std::string>(&value))
          add(key == "argument" ? *text : key + "=" + *text);
        else
          add(key + "=" + caf::to_string(value));
    } else {
      add(context.cvals()->stringify(i));
    }
  }
  return out;
}

} // namespace

std::string error_text(const caf::error& err) {
  if (!err)
    return {};
  std::string name;
  if (err.category() == caf::atom("system")) {
    auto code = static_cast<caf::sec>(err.code());
    if (code != caf::sec::runtime_error)
      name = words(caf::to_string(code));
  } else if (err.category() == caf::atom("parser")) {
    name = words(caf::to_string(static_cast<caf::pec>(err.code())));
  } else {
    name = caf::to_string(err.category()) + " error " + std::to_string(err.code());
  }
  auto context = context_text(err.context());
  if (name.empty())
    return context.empty() ? "runtime error" : context;
  return context.empty() ? name : name + ": " + context;
}

} // namespace bourse
