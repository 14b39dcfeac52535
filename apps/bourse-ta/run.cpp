// The work of bourse-ta: read bars, update the indicators, write the CSV.
#include "run.hpp"

#include <charconv>
#include <fstream>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "bourse/core/atomic_file.hpp"
#include "bourse/indicators/indicator.hpp"
#include "bourse/market/bar_reader.hpp"

namespace bourse::ta {

namespace {

using indicators::indicator;
using indicators::indicator_kind;

// Appends a value with 17 significant digits, as printf's "%.17g" (to_chars is several times
// faster than snprintf and gives the same text).
void append_number(std::string& line, double value) {
  char buffer[40];
  auto [end, ec] =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, 17);
  line.append(buffer, ec == std::errc{} ? static_cast<std::size_t>(end - buffer) : 0);
}

bool uses_volume(const indicator& ind) {
  auto kind = ind.spec().kind;
  return kind == indicator_kind::obv || kind == indicator_kind::vwap || kind == indicator_kind::mfi;
}

void report_skipped(const bar_reader& reader, std::ostream& err) {
  if (reader.skipped() == 0)
    return;
  err << "bourse-ta: skipped " << reader.skipped() << " bad row"
      << (reader.skipped() == 1 ? "" : "s") << "\n";
  for (const auto& e : reader.skipped_errors())
    err << "  " << e.to_string() << "\n";
  if (reader.skipped() > reader.skipped_errors().size())
    err << "  (and " << reader.skipped() - reader.skipped_errors().size() << " more)\n";
}

} // namespace

int run(const options& opts, std::ostream& out, std::ostream& err) {
  std::vector<indicator> list;
  bool bad_spec = false;
  for (const auto& spec : opts.indicators) {
    auto made = indicators::make_indicator(spec);
    if (!made) {
      err << "bourse-ta: " << made.error << "\n";
      bad_spec = true;
      continue;
    }
    list.push_back(std::move(*made.value));
  }
  if (bad_spec)
    return 2;

  csv_options csv;
  csv.ts_unit = opts.ts_unit;
  csv.on_bad_row = opts.skip_bad_rows ? bad_row_policy::skip : bad_row_policy::stop;
  // An output naming the input would empty it before it is read.
  if (!opts.output.empty() && same_file(opts.output, opts.input)) {
    err << "bourse-ta: --output " << opts.output << ": would overwrite the input " << opts.input
        << "\nTry 'bourse-ta --help'.\n";
    return 2;
  }
  bar_reader reader(opts.input, csv);
  if (reader.error()) {
    err << "bourse-ta: " << reader.error()->to_string() << "\n";
    return 1;
  }

  // --output: whole or absent (a unique temporary in the target's folder, renamed when complete).
  std::optional<atomic_file> file;
  if (!opts.output.empty()) {
    file.emplace(opts.output);
    if (!file->error().empty()) {
      err << "bourse-ta: " << file->error() << "\n";
      return 1;
    }
  }
  std::ostream& sink = opts.output.empty() ? out : file->stream();

  std::string line = "ts";
  for (const auto& ind : list)
    for (const auto& name : ind.output_names())
      line += "," + name;
  line += "\n";
  sink << line;

  bar b;
  while (reader.next(b)) {
    auto input = indicators::to_ohlcv(b);
    line.assign(reader.raw_ts());
    for (auto& ind : list) {
      ind.update(input);
      bool ready = ind.ready();
      for (std::size_t i = 0; i < ind.output_count(); ++i) {
        line += ',';
        if (ready)
          append_number(line, ind.value(i));
      }
    }
    line += '\n';
    sink.write(line.data(), static_cast<std::streamsize>(line.size()));
  }
  sink.flush();

  int status = 0;
  if (reader.error()) {
    err << "bourse-ta: " << reader.error()->to_string() << "\n";
    status = 1;
  }
  report_skipped(reader, err);
  if (!reader.has_volume() && !reader.error())
    for (const auto& ind : list)
      if (uses_volume(ind)) {
        err << "bourse-ta: warning: " << opts.input
            << " has no volume column; obv, vwap and mfi see zero volume\n";
        break;
      }
  if (!sink) {
    err << "bourse-ta: " << (opts.output.empty() ? std::string("standard output") : opts.output)
        << ": write failed\n";
    status = 1;
  }
  // A run that failed leaves no --output file (nor a temporary); a complete one is renamed in.
  if (file && status == 0)
    if (auto problem = file->commit(); !problem.empty()) {
      err << "bourse-ta: " << problem << "\n";
      status = 1;
    }
  return status;
}

} // namespace bourse::ta
