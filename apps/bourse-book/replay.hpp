#pragma once
// Replays bourse-book's order command CSV through a matching engine and prints its events as CSV.

#include <cstddef>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <unordered_map>
#include <vector>

#include <bourse/book/order_book.hpp>
#include <bourse/market/csv.hpp>

namespace bourse_book {

/// Reads `op,id,side,type,price,qty,tif,stop_price` rows, feeds them to a book and appends one
/// output line per event to `out`; at the end, appends the resting book.
class replay final : private bourse::book::listener {
public:
  /// Creates a replay on `instr` writing its lines to `out`.
  replay(const bourse::instrument& instr, std::ostream& out);

  /// Replays every row of `in` (named `source` in errors); returns the first malformed row's
  /// error, or nullopt when the whole input was read.
  [[nodiscard]] std::optional<bourse::csv_error> run(std::istream& in, const std::string& source);

  /// Appends the resting book as `book,bid|ask,PRICE,ID,OPEN_QTY` lines.
  void print_book();

private:
  struct columns {
    int op = -1, id = -1, side = -1, type = -1, price = -1, qty = -1, tif = -1, stop_price = -1;
  };

  std::optional<bourse::csv_error> read_header(const std::vector<std::string_view>& fields);
  std::optional<bourse::csv_error> row(const std::vector<std::string_view>& fields,
                                       std::size_t line);
  bourse::order_id numeric_id(std::string_view text);
  const std::string& name(bourse::order_id id) const { return names_[id]; }

  void on_accepted(bourse::order_id id, bourse::timestamp ts) override;
  void on_rejected(bourse::order_id id, bourse::book::request_kind kind,
                   bourse::book::reject_reason reason, bourse::timestamp ts) override;
  void on_trade(const bourse::book::trade_event& trade) override;
  void on_cancelled(bourse::order_id id, bourse::quantity remaining,
                    bourse::book::cancel_reason reason, bourse::timestamp ts) override;
  void on_replaced(const bourse::book::order_view& order, bourse::timestamp ts) override;
  void on_triggered(bourse::order_id id, bourse::timestamp ts) override;

  bourse::book::order_book book_;
  std::ostream& out_;
  std::string source_;
  columns cols_;
  std::size_t width_ = 0;
  std::vector<std::string> header_names_;
  std::unordered_map<std::string, bourse::order_id> ids_; // lookup only, never iterated
  std::vector<std::string> names_;
};

} // namespace bourse_book
