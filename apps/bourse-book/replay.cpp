// Parsing of bourse-book's command rows and printing of the engine's events.
#include "replay.hpp"

#include <bourse/core/text.hpp>

namespace bourse_book {

namespace {

using bourse::csv_error;

bool valid_id(std::string_view text) noexcept {
  if (text.empty())
    return false;
  for (char c : text) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-';
    if (!ok)
      return false;
  }
  return true;
}

std::string quoted(std::string_view text) {
  return "'" + std::string(text) + "'";
}

// Returns the field at `col` (empty when the column does not exist).
std::string_view field(const std::vector<std::string_view>& fields, int col) {
  return col < 0 ? std::string_view{} : fields[static_cast<std::size_t>(col)];
}

} // namespace

replay::replay(const bourse::instrument& instr, std::ostream& out)
    : book_(instr, *this), out_(out) {}

std::optional<csv_error> replay::read_header(const std::vector<std::string_view>& fields) {
  bourse::csv_header header(fields);
  cols_.op = header.find({"op"});
  cols_.id = header.find({"id"});
  cols_.side = header.find({"side"});
  cols_.type = header.find({"type"});
  cols_.price = header.find({"price"});
  cols_.qty = header.find({"qty", "quantity"});
  cols_.tif = header.find({"tif"});
  cols_.stop_price = header.find({"stop_price"});
  width_ = header.size();
  for (std::size_t i = 0; i < header.size(); ++i)
    header_names_.push_back(bourse::to_lower(header.name(i)));
  const std::pair<const char*, int> required[] = {
      {"op", cols_.op},       {"id", cols_.id},
      {"side", cols_.side},   {"type", cols_.type},
      {"price", cols_.price}, {"qty", cols_.qty},
      {"tif", cols_.tif},     {"stop_price", cols_.stop_price}};
  for (const auto& [column, index] : required)
    if (index < 0)
      return csv_error{source_, 1, "header", std::string("missing column '") + column + "'"};
  return std::nullopt;
}

std::optional<csv_error> replay::run(std::istream& in, const std::string& source) {
  source_ = source;
  std::string line;
  std::vector<std::string_view> fields;
  std::size_t number = 0;
  bool have_header = false;
  while (std::getline(in, line)) {
    ++number;
    std::string_view text = bourse::trim(line);
    if (text.empty())
      continue;
    bourse::split_fields(text, ',', fields);
    if (!have_header) {
      if (auto error = read_header(fields))
        return error;
      have_header = true;
      continue;
    }
    if (auto error = row(fields, number))
      return error;
  }
  if (!have_header)
    return csv_error{source_, 0, "",
                     "empty input: expected the header op,id,side,type,price,qty,tif,stop_price"};
  return std::nullopt;
}

std::optional<csv_error> replay::row(const std::vector<std::string_view>& fields,
                                     std::size_t line) {
  auto fail = [&](std::string column, std::string reason) {
    return csv_error{source_, line, std::move(column), std::move(reason)};
  };
  if (fields.size() < width_)
    return fail(header_names_[fields.size()], "missing field");
  if (fields.size() > width_)
    return fail("", "too many fields (" + std::to_string(fields.size()) + ", the header has " +
                        std::to_string(width_) + ")");
  auto ts = static_cast<bourse::timestamp>(line);

  std::string_view op = field(fields, cols_.op);
  if (bourse::iequals(op, "expire")) {
    book_.expire_day(ts);
    return std::nullopt;
  }
  bool is_new = bourse::iequals(op, "new");
  bool is_cancel = bourse::iequals(op, "cancel");
  bool is_replace = bourse::iequals(op, "replace");
  if (!is_new && !is_cancel && !is_replace)
    return fail("op", op.empty() ? "missing value"
                                 : "unknown op " + quoted(op) +
                                       " (expected new, cancel, replace or expire)");

  std::string_view id_text = field(fields, cols_.id);
  if (id_text.empty())
    return fail("id", "missing value");
  if (!valid_id(id_text))
    return fail("id", "bad id " + quoted(id_text) + " (letters, digits, '_' and '-' only)");

  // Parses an optional decimal column; an error names the column.
  std::optional<csv_error> bad;
  auto decimal = [&](int col, const char* column, auto parse) {
    std::string_view text = field(fields, col);
    decltype(parse(text)) value;
    if (!text.empty()) {
      value = parse(text);
      if (!value && !bad)
        bad = fail(column, "bad number " + quoted(text));
    }
    return value;
  };
  auto parse_price = [](std::string_view t) { return bourse::price::parse(t); };
  auto parse_qty = [](std::string_view t) { return bourse::quantity::parse(t); };

  if (is_cancel) {
    book_.cancel(numeric_id(id_text), ts);
    return std::nullopt;
  }
  auto limit_price = decimal(cols_.price, "price", parse_price);
  auto qty = decimal(cols_.qty, "qty", parse_qty);
  auto stop_price = decimal(cols_.stop_price, "stop_price", parse_price);
  if (bad)
    return bad;

  if (is_replace) {
    bourse::book::order_changes changes;
    changes.limit_price = limit_price;
    changes.open_qty = qty;
    changes.stop_price = stop_price;
    book_.replace(numeric_id(id_text), changes, ts);
    return std::nullopt;
  }

  std::string_view side_text = field(fields, cols_.side);
  std::string_view type_text = field(fields, cols_.type);
  std::string_view tif_text = field(fields, cols_.tif);
  if (side_text.empty())
    return fail("side", "missing value");
  auto side = bourse::side_from_string(side_text);
  if (!side)
    return fail("side", "bad side " + quoted(side_text) + " (expected buy or sell)");
  if (type_text.empty())
    return fail("type", "missing value");
  auto type = bourse::order_type_from_string(type_text);
  if (!type)
    return fail("type",
                "bad type " + quoted(type_text) + " (expected limit, market, stop or stop_limit)");
  auto tif = tif_text.empty() ? std::optional{bourse::time_in_force::gtc}
                              : bourse::time_in_force_from_string(tif_text);
  if (!tif)
    return fail("tif", "bad tif " + quoted(tif_text) + " (expected gtc, day, ioc or fok)");
  if (!qty)
    return fail("qty", "missing value");

  bourse::book::new_order order;
  order.id = numeric_id(id_text);
  order.side = *side;
  order.type = *type;
  order.tif = *tif;
  order.limit_price = limit_price;
  order.stop_price = stop_price;
  order.qty = *qty;
  book_.submit(order, ts);
  return std::nullopt;
}

bourse::order_id replay::numeric_id(std::string_view text) {
  auto [it, inserted] = ids_.try_emplace(std::string(text), names_.size());
  if (inserted)
    names_.emplace_back(text);
  return it->second;
}

void replay::print_book() {
  for (auto s : {bourse::side::buy, bourse::side::sell})
    book_.for_each_order(s, [&](const bourse::book::order_view& o) {
      out_ << (s == bourse::side::buy ? "book,bid," : "book,ask,") << o.limit_price->to_string()
           << ',' << name(o.id) << ',' << o.open_qty.to_string() << '\n';
    });
}

void replay::on_accepted(bourse::order_id id, bourse::timestamp) {
  out_ << "accepted," << name(id) << '\n';
}

void replay::on_rejected(bourse::order_id id, bourse::book::request_kind,
                         bourse::book::reject_reason reason, bourse::timestamp) {
  out_ << "rejected," << name(id) << ',' << to_string(reason) << '\n';
}

void replay::on_trade(const bourse::book::trade_event& t) {
  out_ << "trade," << name(t.taker) << ',' << name(t.maker) << ',' << t.px.to_string() << ','
       << t.qty.to_string() << '\n';
}

void replay::on_cancelled(bourse::order_id id, bourse::quantity remaining,
                          bourse::book::cancel_reason reason, bourse::timestamp) {
  out_ << "cancelled," << name(id) << ',' << remaining.to_string() << ',' << to_string(reason)
       << '\n';
}

void replay::on_replaced(const bourse::book::order_view& o, bourse::timestamp) {
  auto shown = o.limit_price ? *o.limit_price : *o.stop_price;
  out_ << "replaced," << name(o.id) << ',' << shown.to_string() << ',' << o.open_qty.to_string()
       << '\n';
}

void replay::on_triggered(bourse::order_id id, bourse::timestamp) {
  out_ << "triggered," << name(id) << '\n';
}

} // namespace bourse_book
