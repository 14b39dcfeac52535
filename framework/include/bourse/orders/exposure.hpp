#pragma once
// Who owns limits, positions and orders (a strategy or an account), and an owner's exposure in one
// instrument: its position plus its open orders on each side.

#include <cstdint>
#include <string_view>

#include "bourse/core/fixed_point.hpp"

namespace bourse::orders {

/// The kind of owner a limit, a position or an exposure belongs to.
enum class owner_kind : std::uint8_t { strategy, account };

/// Returns "strategy" or "account".
[[nodiscard]] std::string_view to_string(owner_kind kind) noexcept;

/// An owner: a strategy id or an account id.
struct owner_ref {
  /// Strategy or account.
  owner_kind kind = owner_kind::strategy;
  /// The strategy id or the account id.
  std::uint32_t id = 0;
};

/// Open (not yet filled, not finished) order quantity on each side.
struct open_quantities {
  /// Sum of open buy order quantities.
  quantity buy;
  /// Sum of open sell order quantities.
  quantity sell;
};

/// One owner's exposure in one instrument, as the max-position rule counts it.
struct exposure {
  /// The current net position (positive long, negative short).
  quantity position;
  /// Open order quantities on each side.
  open_quantities open;
};

} // namespace bourse::orders
