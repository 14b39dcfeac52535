// Shows the pieces that make outputs whole or absent: atomic_file (unique temporary, fsync,
// rename; nothing left when it fails or is dropped), output_lock (one run per output folder, in one
// process or two), digest_file (FNV-1a 64) and same_file.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

#include "bourse/core/atomic_file.hpp"
#include "bourse/core/output_lock.hpp"

using namespace bourse;
namespace fs = std::filesystem;

namespace {

struct scratch {
  fs::path path;
  scratch() {
    static int n = 0;
    path = fs::temp_directory_path() /
           ("bourse-atomic-" + std::to_string(::getpid()) + "-" + std::to_string(++n));
    fs::create_directories(path);
  }
  ~scratch() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  // Returns the names in the folder, sorted, one per line.
  std::string listing() const {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(path))
      names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    std::string out;
    for (const auto& n : names)
      out += n + "\n";
    return out;
  }
};

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

} // namespace

TEST_CASE("atomic_file puts the file in place only on commit and leaves no temporary") {
  scratch dir;
  auto target = (dir.path / "out.csv").string();
  {
    atomic_file file{target};
    REQUIRE(file.error().empty());
    CHECK(fs::exists(file.temp_path()));
    CHECK(fs::path(file.temp_path()).parent_path() == dir.path);
    file.stream() << "a,b\n1,2\n";
    CHECK_FALSE(fs::exists(target)); // not before commit
    CHECK(file.commit().empty());
  }
  CHECK(read(target) == "a,b\n1,2\n");
  CHECK(dir.listing() == "out.csv\n");
}

TEST_CASE("an atomic_file dropped without commit leaves the old file as it was and no temporary") {
  scratch dir;
  auto target = (dir.path / "out.csv").string();
  std::ofstream(target) << "old\n";
  {
    atomic_file file{target};
    file.stream() << "new, half written";
  }
  CHECK(read(target) == "old\n");
  CHECK(dir.listing() == "out.csv\n");
  atomic_file discarded{target};
  discarded.discard();
  discarded.discard(); // twice is fine
  CHECK(dir.listing() == "out.csv\n");
}

TEST_CASE("two writers of one path have their own temporaries and the last commit wins whole") {
  scratch dir;
  auto target = (dir.path / "t.csv").string();
  atomic_file a{target}, b{target};
  REQUIRE(a.error().empty());
  REQUIRE(b.error().empty());
  CHECK(a.temp_path() != b.temp_path());
  a.stream() << "from a\n";
  b.stream() << "from b\n";
  CHECK(a.commit().empty());
  CHECK(read(target) == "from a\n");
  CHECK(b.commit().empty());
  CHECK(read(target) == "from b\n");
  CHECK(dir.listing() == "t.csv\n");
}

TEST_CASE("an atomic_file that cannot be written says so naming the file and leaves nothing") {
  scratch dir;
  SUBCASE("the folder does not exist") {
    auto target = (dir.path / "missing" / "x.csv").string();
    atomic_file file{target};
    CHECK(file.error().find(target + ": cannot write") == 0);
    CHECK(file.temp_path().empty());
    CHECK_FALSE(file.commit().empty());
  }
  SUBCASE("the target is a folder: the rename fails and the temporary goes") {
    fs::create_directories(dir.path / "taken" / "inside");
    atomic_file file{(dir.path / "taken").string()};
    REQUIRE(file.error().empty());
    file.stream() << "text";
    auto err = file.commit();
    CHECK(err.find("cannot rename") != std::string::npos);
    CHECK(dir.listing() == "taken\n");
  }
  CHECK(write_file_atomically((dir.path / "nope" / "y").string(), "z").find("cannot write") !=
        std::string::npos);
  CHECK(write_file_atomically((dir.path / "y").string(), "z").empty());
  CHECK(read(dir.path / "y") == "z");
}

TEST_CASE("digest_file gives the FNV-1a 64 digest and size of a file") {
  scratch dir;
  std::ofstream(dir.path / "empty");
  std::ofstream(dir.path / "a") << "a";
  auto e = digest_file((dir.path / "empty").string());
  CHECK(e.error.empty());
  CHECK(e.bytes == 0);
  CHECK(e.fnv1a64 == "cbf29ce484222325"); // FNV-1a 64 offset basis
  auto a = digest_file((dir.path / "a").string());
  CHECK(a.bytes == 1);
  CHECK(a.fnv1a64 == "af63dc4c8601ec8c"); // the published FNV-1a 64 of "a"
  CHECK(digest_file((dir.path / "none").string()).error.find("cannot be opened") !=
        std::string::npos);
}

TEST_CASE("same_file sees one file through different paths, and not two files") {
  scratch dir;
  std::ofstream(dir.path / "in.csv") << "x";
  std::ofstream(dir.path / "other.csv") << "x";
  fs::create_directories(dir.path / "sub");
  fs::create_symlink(dir.path / "in.csv", dir.path / "link.csv");
  auto in = (dir.path / "in.csv").string();
  CHECK(same_file(in, in));
  CHECK(same_file(in, (dir.path / "sub" / ".." / "in.csv").string()));
  CHECK(same_file(in, (dir.path / "link.csv").string()));
  CHECK_FALSE(same_file(in, (dir.path / "other.csv").string()));
  CHECK_FALSE(same_file(in, (dir.path / "new.csv").string()));
  CHECK(same_file((dir.path / "new.csv").string(), (dir.path / "sub" / ".." / "new.csv").string()));
}

TEST_CASE("output_lock creates the folder and refuses a second lock until the first is released") {
  scratch dir;
  auto folder = (dir.path / "out" / "deep").string();
  output_lock first;
  REQUIRE(first.acquire(folder).empty());
  CHECK(first.held());
  CHECK(fs::is_directory(folder));
  CHECK(fs::exists(fs::path(folder) / output_lock::file_name));
  // The probe file is gone again.
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(folder))
    ++entries;
  CHECK(entries == 1);

  output_lock second;
  auto err = second.acquire(folder);
  CHECK(err.find("another run is writing to this folder") != std::string::npos);
  CHECK_FALSE(second.held());

  SUBCASE("in another process too") {
    pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      output_lock other;
      ::_exit(other.acquire(folder).find("another run") != std::string::npos ? 7 : 1);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 7);
  }
  first.release();
  CHECK(second.acquire(folder).empty());
}

TEST_CASE("output_lock refuses a folder it cannot create, naming it") {
  scratch dir;
  std::ofstream(dir.path / "file") << "x";
  output_lock lock;
  auto folder = (dir.path / "file" / "out").string();
  auto err = lock.acquire(folder);
  CHECK(err.find(folder + ": cannot create the output folder") == 0);
  CHECK_FALSE(lock.held());
  CHECK(lock.acquire("").find("must not be empty") != std::string::npos);
}
