// Line reading, field splitting and the bad-row policy shared by the CSV readers.
#include "bourse/market/csv_row_reader.hpp"

#include <utility>

#include "bourse/core/text.hpp"

namespace bourse {

csv_row_reader::csv_row_reader(std::istream& in, std::string source, csv_options options)
    : in_(&in), source_(std::move(source)), options_(options) {}

csv_row_reader::csv_row_reader(const std::string& path, csv_options options)
    : file_(std::make_unique<std::ifstream>(path, std::ios::binary)), in_(file_.get()),
      source_(path), options_(options) {
  if (!*file_)
    fail(0, {}, "cannot open file", csv_error_kind::io);
}

bool csv_row_reader::read_line() {
  if (stopped() || !std::getline(*in_, buffer_)) {
    if (!stopped() && in_->bad())
      fail(line_ + 1, {}, "read error", csv_error_kind::io);
    return false;
  }
  ++line_;
  if (!buffer_.empty() && buffer_.back() == '\r')
    buffer_.pop_back();
  return true;
}

bool csv_row_reader::read_header() {
  if (stopped())
    return false;
  while (read_line()) {
    std::string_view text = buffer_;
    if (line_ == 1 && text.substr(0, 3) == "\xEF\xBB\xBF")
      text.remove_prefix(3);
    if (trim(text).empty())
      continue;
    split_fields(text, options_.separator, fields_);
    header_ = csv_header(fields_);
    for (std::size_t i = 0; i < fields_.size(); ++i) {
      if (fields_[i].empty()) {
        fail(line_, {}, "column " + std::to_string(i + 1) + " has no name");
        return false;
      }
      for (std::size_t j = 0; j < i; ++j)
        if (iequals(fields_[i], fields_[j])) {
          fail(line_, fields_[i], "duplicate column");
          return false;
        }
    }
    return true;
  }
  if (!stopped())
    fail(0, {}, "empty input, expected a header line");
  return false;
}

std::string csv_row_reader::column_name(int index, std::string_view fallback) const {
  if (index < 0 || static_cast<std::size_t>(index) >= header_.size())
    return std::string(fallback);
  return header_.name(static_cast<std::size_t>(index));
}

bool csv_row_reader::next_row() {
  while (read_line()) {
    if (trim(buffer_).empty())
      continue;
    split_fields(buffer_, options_.separator, fields_);
    if (fields_.size() != header_.size()) {
      if (!reject({}, "expected " + std::to_string(header_.size()) + " fields, found " +
                          std::to_string(fields_.size())))
        return false;
      continue;
    }
    return true;
  }
  return false;
}

bool csv_row_reader::reject(std::string_view column, std::string reason) {
  if (options_.on_bad_row == bad_row_policy::stop) {
    fail(line_, column, std::move(reason));
    return false;
  }
  ++skipped_;
  if (skipped_errors_.size() < options_.max_kept_errors)
    skipped_errors_.push_back(csv_error{source_, line_, std::string(column), std::move(reason)});
  return true;
}

void csv_row_reader::fail(std::size_t line, std::string_view column, std::string reason,
                          csv_error_kind kind) {
  if (!error_)
    error_ = csv_error{source_, line, std::string(column), std::move(reason), kind};
}

} // namespace bourse
