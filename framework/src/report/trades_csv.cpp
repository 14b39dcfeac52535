// trades.csv writer.
#include "bourse/report/trades_csv.hpp"

namespace bourse::report {

std::string csv_cell(std::string_view text) {
  if (text.find_first_of(",\"\n\r") == std::string_view::npos)
    return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"')
      out += '"';
    out += c;
  }
  out += '"';
  return out;
}

trades_csv_writer::trades_csv_writer(std::ostream& out) : out_(&out) {
  *out_ << trades_csv_header << '\n';
}

void trades_csv_writer::write(const fill_record& fill) {
  std::string line = format_iso8601(fill.ts);
  line += ',';
  line += csv_cell(fill.strategy);
  line += ',';
  line += csv_cell(fill.symbol);
  line += ',';
  line += to_string(fill.side);
  line += ',';
  line += fill.price.to_string();
  line += ',';
  line += fill.qty.to_string();
  line += ',';
  line += csv_cell(fill.order_id);
  line += ',';
  line += fill.fee.to_string();
  line += '\n';
  *out_ << line;
}

void write_trades_csv(std::ostream& out, const std::vector<fill_record>& fills) {
  trades_csv_writer writer(out);
  for (const auto& fill : fills)
    writer.write(fill);
}

} // namespace bourse::report
