// The journal's core: the schema and records through a real SQLite file, replay into positions
// and open orders, duplicates counted once, recovery records, and replay being idempotent.
#include <doctest/doctest.h>

#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "bourse/journal/journal_db.hpp"
#include "bourse/journal/journal_records.hpp"

using namespace bourse;
using namespace bourse::journal;

namespace {

struct temp_file {
  std::filesystem::path path;
  temp_file() {
    static int n = 0;
    path = std::filesystem::temp_directory_path() /
           ("bourse-journal-test-" + std::to_string(::getpid()) + "-" + std::to_string(++n) +
            ".sqlite");
  }
  ~temp_file() {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm"})
      std::filesystem::remove(path.string() + suffix, ignored);
  }
};

submit_order order(order_id id, side s, const char* qty, const char* px = "100.00") {
  submit_order o;
  o.id = id;
  o.strategy = 1;
  o.account = 1;
  o.symbol = "SPX";
  o.order_side = s;
  o.type = order_type::limit;
  o.limit_price = *price::parse(px);
  o.qty = *quantity::parse(qty);
  o.ts_event = 1000 + static_cast<timestamp>(id);
  return o;
}

order_event_header header(order_id id, strategy_id strategy = 1) {
  order_event_header h;
  h.id = id;
  h.strategy = strategy;
  h.account = 1;
  h.symbol = "SPX";
  h.ts_event = 2000 + static_cast<timestamp>(id);
  return h;
}

fill execution(order_id id, trade_id trade, side s, const char* qty, const char* px,
               const char* leaves = "0") {
  fill f;
  f.header = header(id);
  f.trade = trade;
  f.fill_side = s;
  f.fill_price = *price::parse(px);
  f.fill_qty = *quantity::parse(qty);
  f.leaves_qty = *quantity::parse(leaves);
  f.fee = *money::parse("0.05");
  return f;
}

std::vector<stored_record> in_session(std::int64_t session, const std::vector<record>& rs) {
  std::vector<stored_record> out;
  for (const auto& r : rs)
    out.push_back({session, r});
  return out;
}

std::int64_t count(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql, -1, &s, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(s) == SQLITE_ROW);
  auto n = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  sqlite3_close(db);
  return n;
}

} // namespace

TEST_CASE("replay sums fills into net positions and cash flow per strategy and symbol") {
  auto rs = in_session(1, {order(1, side::buy, "10"), order_accepted{header(1)},
                           order_partially_filled{execution(1, 1, side::buy, "4", "100.00", "6")},
                           order_filled{execution(1, 2, side::buy, "6", "101.00")},
                           order(2, side::sell, "3"), order_accepted{header(2)},
                           order_filled{execution(2, 3, side::sell, "3", "102.00")}});
  auto st = replay(rs);
  CHECK(st.problems.empty());
  REQUIRE(st.positions.size() == 1);
  CHECK(st.position(1, "SPX") == *quantity::parse("7"));
  CHECK(st.positions[0].fills == 3);
  // -(4*100 + 6*101) + 3*102 - 3*0.05
  CHECK(st.positions[0].cash_flow == *money::parse("-700.15"));
  CHECK(st.fills.size() == 3);
  CHECK(st.open_orders.empty());
  CHECK(st.last_ts == 2002);
}

TEST_CASE("replay reports orders without a final event as open with their filled quantity") {
  auto rs = in_session(1, {order(1, side::buy, "10"), order_accepted{header(1)},
                           order_partially_filled{execution(1, 1, side::buy, "4", "100.00", "6")},
                           order(2, side::buy, "5"), // in flight: no answer yet
                           order(3, side::buy, "5"), order_accepted{header(3)},
                           order_cancelled{header(3), *quantity::parse("5")},
                           order(4, side::buy, "5"),
                           order_rejected{header(4), command_kind::submit,
                                          order_reject_reason::max_position, "too much"},
                           order(5, side::buy, "5"), order_accepted{header(5)},
                           order_rejected{header(5), command_kind::cancel,
                                          order_reject_reason::request_pending, "pending"}});
  auto st = replay(rs);
  REQUIRE(st.open_orders.size() == 3);
  CHECK(st.open_orders[0].order.id == 1);
  CHECK(st.open_orders[0].filled == *quantity::parse("4"));
  CHECK(st.open_orders[1].order.id == 2);
  CHECK(st.open_orders[2].order.id == 5); // a refused cancel leaves the order open
}

TEST_CASE("replay counts a fill seen twice once and keeps sessions apart") {
  auto f = order_filled{execution(1, 1, side::buy, "2", "100.00")};
  auto rs = in_session(1, {order(1, side::buy, "2"), f, f});
  // Session 2 reuses order id 1 and trade id 1 (a restarted strategy and venue): a new fill.
  auto more = in_session(2, {order(1, side::buy, "2"), f});
  rs.insert(rs.end(), more.begin(), more.end());
  auto st = replay(rs);
  CHECK(st.fills.size() == 2);
  CHECK(st.position(1, "SPX") == *quantity::parse("4"));
}

TEST_CASE("replay is idempotent: the same records give the same state") {
  auto rs = in_session(1, {order(1, side::buy, "10"),
                           order_partially_filled{execution(1, 1, side::buy, "4", "100.00", "6")},
                           order(2, side::sell, "1")});
  auto a = replay(rs);
  auto b = replay(rs);
  CHECK(a.fills.size() == b.fills.size());
  CHECK(a.position(1, "SPX") == b.position(1, "SPX"));
  CHECK(a.positions[0].cash_flow == b.positions[0].cash_flow);
  CHECK(a.open_orders.size() == b.open_orders.size());
}

TEST_CASE("journal_db writes the schema in WAL mode and reads every record back in order") {
  temp_file tf;
  std::string error;
  auto db = journal_db::open(tf.path.string(), sync_level::normal, error);
  REQUIRE_MESSAGE(db, error);
  auto session = db->begin_session(123, "paper", error);
  REQUIRE(session == 1);
  std::vector<record> rs{order(1, side::buy, "10"), order_accepted{header(1)},
                         order_partially_filled{execution(1, 7, side::buy, "4", "100.00", "6")},
                         order_replaced{header(1), *price::parse("99.50"), *quantity::parse("5")},
                         order(2, side::sell, "1"),
                         order_rejected{header(2), command_kind::submit,
                                        order_reject_reason::price_band, "far away"}};
  REQUIRE(db->append(session, rs).empty());
  // The same fill again (a retried batch) is skipped.
  REQUIRE(db->append(session, {order_filled{execution(1, 7, side::buy, "4", "100.00")}}).empty());
  auto back = db->read_all(error);
  REQUIRE(error.empty());
  REQUIRE(back.size() == rs.size());
  for (std::size_t i = 0; i < rs.size(); ++i) {
    CHECK(back[i].session == 1);
    CHECK(back[i].item.index() == rs[i].index());
  }
  const auto& o = std::get<submit_order>(back[0].item);
  CHECK(o.qty == *quantity::parse("10"));
  CHECK(o.limit_price == *price::parse("100.00"));
  CHECK(o.symbol.str() == "SPX");
  const auto& f = std::get<order_partially_filled>(back[2].item).execution;
  CHECK(f.trade == 7);
  CHECK(f.fee == *money::parse("0.05"));
  CHECK(std::get<order_rejected>(back[5].item).reason == order_reject_reason::price_band);
  CHECK(std::get<order_replaced>(back[3].item).new_price == *price::parse("99.50"));
  db.reset();
  CHECK(count(tf.path.string(), "SELECT count(*) FROM fills") == 1);
  CHECK(count(tf.path.string(), "SELECT count(*) FROM orders") == 2);
  // The file stays in WAL mode (set persistently by open()).
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(tf.path.string().c_str(), &raw) == SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  REQUIRE(sqlite3_prepare_v2(raw, "PRAGMA journal_mode", -1, &s, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(s) == SQLITE_ROW);
  CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(s, 0))) == "wal");
  sqlite3_finalize(s);
  sqlite3_close(raw);
}

TEST_CASE("recovery closes the orders open at the crash and reopening keeps every fill") {
  temp_file tf;
  std::string error;
  {
    auto db = journal_db::open(tf.path.string(), sync_level::full, error);
    REQUIRE(db);
    auto s1 = db->begin_session(1, "paper", error);
    REQUIRE(db->append(s1, {order(1, side::buy, "10"), order_accepted{header(1)},
                            order_partially_filled{execution(1, 1, side::buy, "4", "100.00", "6")}})
                .empty());
  }
  auto db = journal_db::open(tf.path.string(), sync_level::normal, error);
  REQUIRE(db);
  auto st = replay(db->read_all(error));
  REQUIRE(st.open_orders.size() == 1);
  auto s2 = db->begin_session(2, "paper", error);
  CHECK(s2 == 2);
  REQUIRE(db->record_recovery(s2, st, 5000).empty());
  auto again = replay(db->read_all(error));
  CHECK(again.open_orders.empty());
  CHECK(again.fills.size() == 1);
  CHECK(again.position(1, "SPX") == *quantity::parse("4"));
  // Replaying the journal any number of times gives the same positions.
  CHECK(replay(db->read_all(error)).position(1, "SPX") == *quantity::parse("4"));
  db.reset();
  CHECK(count(tf.path.string(),
              "SELECT count(*) FROM order_events WHERE kind='recovery_cancelled'") == 1);
  CHECK(count(tf.path.string(), "SELECT net_raw FROM recovered_positions WHERE session=2") == 4);
}

TEST_CASE("journal_db refuses a file that is not a journal and names it") {
  temp_file tf;
  {
    std::FILE* f = std::fopen(tf.path.string().c_str(), "wb");
    REQUIRE(f);
    std::fputs("this is not a database, just some text that is long enough to look like one......."
               "...................................................................................",
               f);
    std::fclose(f);
  }
  std::string error;
  auto db = journal_db::open(tf.path.string(), sync_level::normal, error);
  CHECK_FALSE(db);
  CHECK(error.find(tf.path.string()) != std::string::npos);
  sync_level level{};
  CHECK(parse_sync_level("full", level));
  CHECK(level == sync_level::full);
  CHECK_FALSE(parse_sync_level("sometimes", level));
}
