// Files that are whole or absent: unique temporary, fsync, rename.
#include "bourse/core/atomic_file.hpp"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

namespace bourse {

namespace {

namespace fs = std::filesystem;

std::string errno_text(int err) { return std::strerror(err); }

// fsyncs the file or folder at `path`; returns errno (0 when done).
int sync_path(const std::string& path, int flags) {
  int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0)
    return errno;
  int err = ::fsync(fd) == 0 ? 0 : errno;
  ::close(fd);
  // Some file systems cannot sync a folder; that is not the file's problem.
  if ((flags & O_DIRECTORY) != 0 && (err == EINVAL || err == EBADF))
    err = 0;
  return err;
}

} // namespace

atomic_file::atomic_file(std::string path) : path_(std::move(path)) {
  const fs::path target(path_);
  if (target.filename().empty()) {
    error_ = path_ + ": not a file name";
    return;
  }
  // A name no other writer uses: pid, a per-process counter and random bits; O_EXCL makes sure.
  // Created 0666 less the umask, like any other file the tool writes.
  auto folder = target.parent_path();
  static std::atomic<std::uint64_t> counter{0};
  static thread_local std::mt19937_64 random{std::random_device{}()};
  int fd = -1;
  int err = EEXIST;
  for (int attempt = 0; attempt < 100 && fd < 0 && err == EEXIST; ++attempt) {
    char suffix[64];
    std::snprintf(suffix, sizeof suffix, ".tmp-%ld-%llu-%08llx", static_cast<long>(::getpid()),
                  static_cast<unsigned long long>(counter.fetch_add(1)),
                  static_cast<unsigned long long>(random() & 0xffffffffULL));
    temp_ = (folder / ("." + target.filename().string() + suffix)).string();
    fd = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    err = fd < 0 ? errno : 0;
  }
  if (fd < 0) {
    temp_.clear();
    error_ = path_ + ": cannot write: " + errno_text(err);
    return;
  }
  ::close(fd);
  out_.open(temp_, std::ios::binary | std::ios::trunc);
  if (!out_) {
    error_ = path_ + ": cannot write";
    discard();
  }
}

atomic_file::~atomic_file() {
  if (!committed_)
    discard();
}

void atomic_file::discard() noexcept {
  if (out_.is_open())
    out_.close();
  if (!temp_.empty()) {
    ::unlink(temp_.c_str());
    temp_.clear();
  }
}

std::string atomic_file::commit() {
  if (error_.empty() && (committed_ || temp_.empty()))
    error_ = path_ + ": cannot write: already committed or discarded";
  if (error_.empty()) {
    out_.flush();
    if (!out_)
      error_ = path_ + ": cannot write";
    out_.close();
    if (error_.empty() && out_.fail())
      error_ = path_ + ": cannot write";
  }
  if (error_.empty())
    if (int err = sync_path(temp_, O_RDONLY); err != 0)
      error_ = path_ + ": cannot write: " + errno_text(err);
  if (error_.empty() && std::rename(temp_.c_str(), path_.c_str()) != 0)
    error_ = path_ + ": cannot rename " + temp_ + ": " + errno_text(errno);
  if (!error_.empty()) {
    discard();
    return error_;
  }
  committed_ = true;
  temp_.clear();
  // The rename is durable once the folder is synced.
  auto folder = fs::path(path_).parent_path();
  sync_path(folder.empty() ? std::string(".") : folder.string(), O_RDONLY | O_DIRECTORY);
  return {};
}

std::string write_file_atomically(const std::string& path, std::string_view text) {
  atomic_file file{path};
  if (!file.error().empty())
    return file.error();
  file.stream().write(text.data(), static_cast<std::streamsize>(text.size()));
  return file.commit();
}

file_digest digest_file(const std::string& path) {
  file_digest d;
  std::FILE* in = std::fopen(path.c_str(), "rb");
  if (in == nullptr) {
    d.error = path + ": cannot be opened: " + errno_text(errno);
    return d;
  }
  std::uint64_t hash = 14695981039346656037ULL;
  char buffer[65536];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, in)) > 0) {
    for (std::size_t i = 0; i < n; ++i) {
      hash ^= static_cast<unsigned char>(buffer[i]);
      hash *= 1099511628211ULL;
    }
    d.bytes += n;
  }
  if (std::ferror(in))
    d.error = path + ": cannot be read";
  std::fclose(in);
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  d.fnv1a64 = hex;
  return d;
}

bool same_file(const std::string& a, const std::string& b) {
  std::error_code ec;
  if (fs::exists(a, ec) && fs::exists(b, ec)) {
    bool same = fs::equivalent(a, b, ec);
    if (!ec)
      return same;
  }
  auto ca = fs::weakly_canonical(fs::absolute(a, ec), ec);
  auto cb = fs::weakly_canonical(fs::absolute(b, ec), ec);
  return ca.lexically_normal() == cb.lexically_normal();
}

} // namespace bourse
