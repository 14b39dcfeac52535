#pragma once
// Whether an example strategy sells short on a sell signal or only goes flat.

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace bourse {

/// What a sell signal does.
enum class position_mode : std::uint8_t {
  long_flat, ///< Buy signals go long `qty`; sell signals go flat.
  long_short ///< Buy signals go long `qty`; sell signals go short `qty`.
};

/// Returns "long_flat" or "long_short".
[[nodiscard]] std::string_view to_string(position_mode mode) noexcept;

/// Returns the names and values param_reader::read_choice accepts for a position_mode.
[[nodiscard]] std::vector<std::pair<std::string_view, position_mode>> position_mode_choices();

} // namespace bourse
