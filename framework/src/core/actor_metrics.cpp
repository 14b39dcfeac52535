// The metrics board and the renderings of a metrics sample.
#include "bourse/core/actor_metrics.hpp"

#include <cinttypes>
#include <cstdio>

namespace bourse {

std::size_t metrics_board::add(std::string label) {
  std::lock_guard<std::mutex> guard{mutex_};
  slots_.push_back({std::move(label), {}});
  return slots_.size() - 1;
}

void metrics_board::publish(std::size_t slot, const actor_metrics& metrics) {
  std::lock_guard<std::mutex> guard{mutex_};
  if (slot < slots_.size())
    slots_[slot].metrics = metrics;
}

std::vector<actor_metrics_sample> metrics_board::read() const {
  std::lock_guard<std::mutex> guard{mutex_};
  return slots_;
}

std::size_t metrics_board::size() const {
  std::lock_guard<std::mutex> guard{mutex_};
  return slots_.size();
}

namespace {

std::string json_string(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string u64(std::uint64_t v) { return std::to_string(v); }

} // namespace

std::string metrics_json_line(const std::string& run, double elapsed_s,
                              const actor_metrics_sample& sample) {
  const auto& m = sample.metrics;
  char t[32];
  std::snprintf(t, sizeof t, "%.3f", elapsed_s);
  char mean[32];
  std::snprintf(mean, sizeof mean, "%.1f", m.handling.mean());
  std::string out = "{\"run\":" + json_string(run) + ",\"t\":" + t +
                    ",\"actor\":" + json_string(sample.actor) + ",\"received\":" + u64(m.received) +
                    ",\"handled\":" + u64(m.handled) + ",\"sent\":" + u64(m.sent) +
                    ",\"dropped\":" + u64(m.dropped) + ",\"conflated\":" + u64(m.conflated) +
                    ",\"held\":" + u64(m.held) + ",\"max_held\":" + u64(m.max_held) +
                    ",\"mailbox\":" + u64(m.mailbox_depth) +
                    ",\"max_mailbox\":" + u64(m.max_mailbox_depth) +
                    ",\"handling_ns\":{\"count\":" + u64(m.handling.count()) + ",\"mean\":" + mean +
                    ",\"p50\":" + std::to_string(m.handling.percentile(50)) +
                    ",\"p99\":" + std::to_string(m.handling.percentile(99)) +
                    ",\"max\":" + std::to_string(m.handling.max()) + "}";
  // Worker pools only: their size and queue (other actors' lines stay as they were).
  if (m.workers > 0)
    out += ",\"workers\":" + u64(m.workers) + ",\"queue_depth\":" + u64(m.queue_depth);
  out += "}";
  return out;
}

std::string metrics_table(const std::vector<actor_metrics_sample>& samples) {
  std::string out;
  char line[256];
  std::snprintf(line, sizeof line, "%-22s %10s %10s %10s %9s %9s %7s %8s %9s %9s\n", "actor",
                "received", "handled", "sent", "dropped", "conflated", "mailbox", "max_mbox",
                "p50_ns", "p99_ns");
  out += line;
  for (const auto& s : samples) {
    const auto& m = s.metrics;
    std::snprintf(line, sizeof line,
                  "%-22.22s %10" PRIu64 " %10" PRIu64 " %10" PRIu64 " %9" PRIu64 " %9" PRIu64
                  " %7" PRIu64 " %8" PRIu64 " %9" PRId64 " %9" PRId64 "\n",
                  s.actor.c_str(), m.received, m.handled, m.sent, m.dropped, m.conflated,
                  m.mailbox_depth, m.max_mailbox_depth, m.handling.percentile(50),
                  m.handling.percentile(99));
    out += line;
  }
  return out;
}

} // namespace bourse
