// Names of owner kinds.
#include "bourse/orders/exposure.hpp"

namespace bourse::orders {

std::string_view to_string(owner_kind kind) noexcept {
  return kind == owner_kind::strategy ? "strategy" : "account";
}

} // namespace bourse::orders
