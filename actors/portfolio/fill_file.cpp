// The binary fill file: writer, reader and the owner that removes it.
#include "bourse/actors/portfolio/fill_file.hpp"

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <memory>
#include <system_error>

#include <unistd.h>

namespace bourse {

namespace {

constexpr std::size_t flush_at = 1 << 16;

void put_u64(std::string& out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i)
    out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

void put_u32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i)
    out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

template <class Fixed>
void put_fixed(std::string& out, Fixed v) {
  put_u64(out, static_cast<std::uint64_t>(v.raw()));
  out.push_back(static_cast<char>(v.precision()));
}

// Reads fixed-width fields from a buffered FILE*; sticky failure.
class record_reader {
public:
  explicit record_reader(std::FILE* file) : file_(file) {}

  [[nodiscard]] bool ok() const noexcept { return ok_; }

  std::uint64_t u64() {
    unsigned char b[8] = {};
    read(b, 8);
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i)
      v = (v << 8) | b[i];
    return v;
  }

  std::uint32_t u32() {
    unsigned char b[4] = {};
    read(b, 4);
    std::uint32_t v = 0;
    for (int i = 3; i >= 0; --i)
      v = (v << 8) | b[i];
    return v;
  }

  std::uint8_t u8() {
    unsigned char b = 0;
    read(&b, 1);
    return b;
  }

  template <class Fixed>
  Fixed fixed() {
    const auto raw = static_cast<std::int64_t>(u64());
    const int precision = u8();
    return Fixed::from_raw(raw, precision);
  }

  void text(std::string& out, std::size_t size) {
    out.resize(size);
    if (size > 0)
      read(reinterpret_cast<unsigned char*>(&out[0]), size);
  }

private:
  void read(unsigned char* to, std::size_t size) {
    if (ok_ && std::fread(to, 1, size, file_) != size)
      ok_ = false;
  }

  std::FILE* file_;
  bool ok_ = true;
};

struct file_closer {
  void operator()(std::FILE* f) const noexcept { std::fclose(f); }
};

} // namespace

std::string temporary_fill_path(const std::string& directory) {
  static std::atomic<std::uint64_t> next{0};
  std::error_code ec;
  std::filesystem::path dir =
      directory.empty() ? std::filesystem::temp_directory_path(ec) : std::filesystem::path(directory);
  if (ec)
    dir = "/tmp";
  return (dir / ("bourse-fills-" + std::to_string(::getpid()) + "-" +
                 std::to_string(next.fetch_add(1)) + ".bin"))
      .string();
}

fill_file_writer::fill_file_writer(std::string path) : path_(std::move(path)) {
  file_ = std::fopen(path_.c_str(), "wb");
  ok_ = file_ != nullptr;
  buffer_.reserve(flush_at + 256);
}

fill_file_writer::~fill_file_writer() {
  (void)flush();
  if (file_ != nullptr)
    std::fclose(file_);
}

void fill_file_writer::write(const fill& f) {
  const auto& h = f.header;
  put_u64(buffer_, static_cast<std::uint64_t>(h.ts_event));
  put_u64(buffer_, static_cast<std::uint64_t>(h.ts_init));
  put_u64(buffer_, h.id);
  put_u32(buffer_, h.strategy);
  put_u32(buffer_, h.account);
  put_u32(buffer_, static_cast<std::uint32_t>(h.symbol.size()));
  buffer_.append(h.symbol);
  put_u64(buffer_, f.trade);
  buffer_.push_back(static_cast<char>(f.fill_side));
  put_fixed(buffer_, f.fill_price);
  put_fixed(buffer_, f.fill_qty);
  put_fixed(buffer_, f.leaves_qty);
  put_fixed(buffer_, f.fee);
  buffer_.push_back(static_cast<char>(f.role));
  ++count_;
  if (buffer_.size() >= flush_at)
    (void)flush();
}

bool fill_file_writer::flush() {
  if (file_ == nullptr) {
    ok_ = false;
    buffer_.clear();
    return false;
  }
  if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size())
    ok_ = false;
  buffer_.clear();
  if (std::fflush(file_) != 0)
    ok_ = false;
  return ok_;
}

std::string read_fill_file(const std::string& path, std::size_t count,
                           const std::function<void(const fill&)>& visit) {
  std::unique_ptr<std::FILE, file_closer> file(std::fopen(path.c_str(), "rb"));
  if (!file)
    return path + ": cannot open the fill file: " + std::strerror(errno);
  std::setvbuf(file.get(), nullptr, _IOFBF, 1 << 16);
  record_reader in(file.get());
  fill f;
  std::string symbol;
  for (std::size_t i = 0; i < count; ++i) {
    auto& h = f.header;
    h.ts_event = static_cast<timestamp>(in.u64());
    h.ts_init = static_cast<timestamp>(in.u64());
    h.id = in.u64();
    h.strategy = in.u32();
    h.account = in.u32();
    const std::uint32_t symbol_size = in.u32();
    if (!in.ok() || symbol_size > 4096)
      return path + ": fill " + std::to_string(i) + " is cut short or damaged";
    in.text(symbol, symbol_size);
    h.symbol = symbol_id{symbol};
    f.trade = in.u64();
    f.fill_side = static_cast<side>(in.u8());
    f.fill_price = in.fixed<price>();
    f.fill_qty = in.fixed<quantity>();
    f.leaves_qty = in.fixed<quantity>();
    f.fee = in.fixed<money>();
    f.role = static_cast<liquidity>(in.u8());
    if (!in.ok())
      return path + ": fill " + std::to_string(i) + " is cut short";
    visit(f);
  }
  return {};
}

fill_file::~fill_file() {
  std::error_code ec;
  std::filesystem::remove(path_, ec);
}

} // namespace bourse
