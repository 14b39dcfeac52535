#pragma once
// Plain text of a caf::error for people: what went wrong, without CAF's wrapping.

#include <string>

#include <caf/error.hpp>

namespace bourse {

/// Returns the error as one plain line: the text of a runtime_error made from a message (the
/// common case: "data.csv:3: close: not a number: 'oops'"), otherwise the code's name in words and
/// its context ("not an option: --scheduler.bogus=1", "request timeout"); empty for no error.
/// caf::to_string() and actor_system_config::render() give
/// `system_error(runtime_error, ("..."))` instead, which is for logs of CAF's internals, not users.
[[nodiscard]] std::string error_text(const caf::error& err);

} // namespace bourse
