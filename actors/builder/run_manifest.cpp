// run.json: the manifest of a run's output folder.
#include "bourse/actors/builder/run_manifest.hpp"

#include <chrono>
#include <ctime>
#include <filesystem>

#include "bourse/core/atomic_file.hpp"
#include "bourse/report/json.hpp"

namespace bourse {

std::string wall_time_now() {
  using namespace std::chrono;
  auto now = system_clock::now();
  auto micros = duration_cast<microseconds>(now.time_since_epoch()).count() % 1'000'000;
  std::time_t t = system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<long long>(micros));
  return text;
}

std::string run_manifest_json(const std::string& directory, const run_manifest& m) {
  std::string text;
  report::json_writer json{text};
  json.begin_object();
  json.key("schema").value("bourse-run/1");
  json.key("program").value(m.program);
  json.key("complete").value(m.complete);
  json.key("exit_status").value(m.exit_status);
  json.key("signal");
  if (m.signal.empty())
    json.null();
  else
    json.value(m.signal);
  json.key("started").value(m.started);
  json.key("finished").value(m.finished);
  json.key("config").value(m.config);
  json.key("data").begin_array();
  for (const auto& d : m.data)
    json.value(d);
  json.end_array();
  json.key("scenarios").begin_array();
  for (const auto& [name, status] : m.scenarios) {
    json.begin_object();
    json.key("name").value(name);
    json.key("status").value(status);
    json.end_object();
  }
  json.end_array();
  json.key("errors").begin_array();
  for (const auto& e : m.errors)
    json.value(e);
  json.end_array();
  json.key("files").begin_array();
  for (const auto& name : m.files) {
    auto d = digest_file((std::filesystem::path(directory) / name).string());
    json.begin_object();
    json.key("name").value(name);
    if (d.error.empty()) {
      json.key("bytes").value(d.bytes);
      json.key("fnv1a64").value(d.fnv1a64);
    } else {
      json.key("error").value(d.error);
    }
    json.end_object();
  }
  json.end_array();
  json.key("journals").begin_array();
  for (const auto& path : m.journals)
    json.value(path);
  json.end_array();
  json.end_object();
  text += '\n';
  return text;
}

std::string write_run_manifest(const std::string& directory, const run_manifest& manifest) {
  return write_file_atomically((std::filesystem::path(directory) / "run.json").string(),
                               run_manifest_json(directory, manifest));
}

} // namespace bourse
