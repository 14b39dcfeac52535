#pragma once
// Running the tools from tests: a temporary folder to run them in, their exit code, standard output
// and standard error. The tools are found in BOURSE_BIN_DIR (set for every test suite).

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace cli_kit {

namespace fs = std::filesystem;

/// What one run of a tool gave.
struct run_result {
  int code = -1;
  std::string out;
  std::string err;
};

/// Returns the whole file (empty when it cannot be read).
inline std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// Returns true when `part` occurs in `text`.
inline bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

/// Returns the number of newline characters.
inline std::size_t line_count(const std::string& text) {
  std::size_t n = 0;
  for (char c : text)
    n += c == '\n';
  return n;
}

/// Returns `text` in single quotes for the shell.
inline std::string quote(const std::string& text) { return "'" + text + "'"; }

/// A fresh folder per test, removed afterwards; tools run inside it.
struct temp_dir {
  fs::path path;
  temp_dir() {
    static int counter = 0;
    path = fs::temp_directory_path() /
           ("bourse-cli-test-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    fs::create_directories(path);
  }
  ~temp_dir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;

  /// Writes `text` to `name` in the folder and returns its path.
  fs::path write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name, std::ios::binary) << text;
    return path / name;
  }

  /// Runs `tool args` (args already shell-quoted; they may redirect standard input) in the folder
  /// with SPDLOG_LEVEL unset, or set to `env`.
  run_result run(const std::string& tool, const std::string& args,
                 const std::string& env = "unset") const {
    std::string prefix = env == "unset" ? "unset SPDLOG_LEVEL; " : "SPDLOG_LEVEL='" + env + "' ";
    // Standard input is empty unless `args` redirects it (a later redirection wins).
    std::string command = "cd " + quote(path.string()) + " && " + prefix +
                          quote(std::string(BOURSE_BIN_DIR) + "/" + tool) + " < /dev/null " + args +
                          " > stdout.txt 2> stderr.txt";
    int status = std::system(command.c_str());
    run_result r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(path / "stdout.txt");
    r.err = slurp(path / "stderr.txt");
    return r;
  }
};

} // namespace cli_kit
