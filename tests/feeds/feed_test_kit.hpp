#pragma once
// Helpers for the feed tests: temporary CSV files and a blocking "ask a feed for a chunk" call on
// the deterministic fixture.

#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <variant>

#include <unistd.h>

#include <caf/all.hpp>

#include "actor_test_kit.hpp"
#include "bourse/protocol/market_data.hpp"

namespace bourse::testing {

/// A file in the temp directory holding `content`, removed when the object goes away.
class temp_file {
public:
  /// Writes `content` to a fresh file whose name ends in `name`.
  temp_file(const std::string& name, const std::string& content) {
    static int counter = 0;
    path_ = (std::filesystem::temp_directory_path() /
             ("bourse-feeds-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) +
              "-" + name))
                .string();
    std::ofstream out(path_, std::ios::binary);
    out << content;
  }
  temp_file(const temp_file&) = delete;
  temp_file& operator=(const temp_file&) = delete;
  ~temp_file() {
    std::error_code ec;
    std::filesystem::remove(path_, ec);
  }
  /// Returns the file's path.
  [[nodiscard]] const std::string& path() const noexcept { return path_; }

private:
  std::string path_;
};

/// A feed's answer: a chunk or an error.
using chunk_or_error = std::variant<feed_chunk, caf::error>;

/// Sends next_slices{max} to `feed` from the fixture's scoped actor, runs the scheduler and returns
/// the reply.
inline chunk_or_error ask(coordinator_fixture& fx, const feed_actor& feed, std::uint32_t max) {
  chunk_or_error out = caf::make_error(caf::sec::request_timeout, "no reply");
  fx.self->send(feed, next_slices{max});
  fx.run();
  fx.self->receive([&](feed_chunk& chunk) { out = std::move(chunk); },
                   [&](caf::error& err) { out = std::move(err); },
                   caf::after(std::chrono::seconds(0)) >> [] {});
  return out;
}

/// Returns the chunk of a reply, failing the test when it is an error.
inline feed_chunk chunk_of(const chunk_or_error& reply) {
  if (auto* err = std::get_if<caf::error>(&reply)) {
    FAIL_CHECK("feed replied with an error: " << caf::to_string(*err));
    return {};
  }
  return std::get<feed_chunk>(reply);
}

/// Returns the text of an error reply ("" when the reply is a chunk).
inline std::string error_text(const chunk_or_error& reply) {
  if (auto* err = std::get_if<caf::error>(&reply))
    return caf::to_string(*err);
  return "";
}

} // namespace bourse::testing
