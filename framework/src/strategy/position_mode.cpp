// Names of position_mode.
#include "bourse/strategy/examples/position_mode.hpp"

namespace bourse {

std::string_view to_string(position_mode mode) noexcept {
  return mode == position_mode::long_flat ? "long_flat" : "long_short";
}

std::vector<std::pair<std::string_view, position_mode>> position_mode_choices() {
  return {{"long_flat", position_mode::long_flat}, {"long_short", position_mode::long_short}};
}

} // namespace bourse
