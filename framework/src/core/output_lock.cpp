// Checking and locking an output folder.
#include "bourse/core/output_lock.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include <fcntl.h>
#include <stdlib.h>
#include <sys/file.h>
#include <unistd.h>

namespace bourse {

namespace fs = std::filesystem;

output_lock::~output_lock() { release(); }

void output_lock::release() noexcept {
  if (fd_ >= 0) {
    ::flock(fd_, LOCK_UN);
    ::close(fd_);
    fd_ = -1;
  }
}

std::string output_lock::acquire(const std::string& folder) {
  release();
  if (folder.empty())
    return "output folder: must not be empty";
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec)
    return folder + ": cannot create the output folder: " + ec.message();
  if (!fs::is_directory(folder, ec))
    return folder + ": the output folder is not a folder";
  // A probe: the folder takes new files (write permission, not read-only, space for an inode).
  auto pattern = (fs::path(folder) / ".bourse-probe-XXXXXX").string();
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  int probe = ::mkstemp(name.data());
  if (probe < 0)
    return folder + ": the output folder is not writable: " + std::strerror(errno);
  ::close(probe);
  if (::unlink(name.data()) != 0)
    return folder + ": the output folder is not writable: cannot remove " + name.data() + ": " +
           std::strerror(errno);
  auto lock_path = (fs::path(folder) / file_name).string();
  int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  if (fd < 0)
    return lock_path + ": cannot create the lock file: " + std::strerror(errno);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int err = errno;
    ::close(fd);
    if (err == EWOULDBLOCK)
      return folder + ": another run is writing to this folder (" + lock_path + " is locked)";
    return lock_path + ": cannot lock: " + std::strerror(err);
  }
  fd_ = fd;
  return {};
}

} // namespace bourse
