#pragma once
// The work of bourse-ta: read bars, update the indicators, write the CSV.

#include <ostream>

#include "options.hpp"

namespace bourse::ta {

/// Runs the indicators of `opts` over its input; writes the CSV to `out` (unless opts.output
/// names a file) and messages to `err`. Returns the exit status (0, 1 bad input/output, 2 bad
/// spec).
[[nodiscard]] int run(const options& opts, std::ostream& out, std::ostream& err);

} // namespace bourse::ta
