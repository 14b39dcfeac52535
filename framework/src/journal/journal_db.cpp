// The journal's SQLite file: schema, sessions, batched appends, reading back, recovery records.
#include "bourse/journal/journal_db.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <type_traits>

namespace bourse::journal {

namespace {

constexpr const char* schema_version = "1";

// Tables (docs/operations.md, "The journal and crash recovery"). Amounts are fixed-point: a raw
// integer and its decimal precision (value = raw / 10^precision). `seq` numbers every record of
// the journal in the order it was committed, across the three record tables.
constexpr const char* schema_sql = R"(
CREATE TABLE IF NOT EXISTS journal_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sessions(
  session INTEGER PRIMARY KEY AUTOINCREMENT, started_ns INTEGER NOT NULL, mode TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS orders(
  seq INTEGER NOT NULL UNIQUE, session INTEGER NOT NULL, order_id INTEGER NOT NULL,
  strategy INTEGER NOT NULL, account INTEGER NOT NULL, symbol TEXT NOT NULL, side TEXT NOT NULL,
  type TEXT NOT NULL, tif TEXT NOT NULL, limit_raw INTEGER NOT NULL, limit_precision INTEGER NOT NULL,
  stop_raw INTEGER NOT NULL, stop_precision INTEGER NOT NULL, qty_raw INTEGER NOT NULL,
  qty_precision INTEGER NOT NULL, ts_event INTEGER NOT NULL,
  PRIMARY KEY(session, order_id));
CREATE TABLE IF NOT EXISTS order_events(
  seq INTEGER PRIMARY KEY, session INTEGER NOT NULL, order_id INTEGER NOT NULL,
  kind TEXT NOT NULL, ts_event INTEGER NOT NULL, strategy INTEGER NOT NULL,
  account INTEGER NOT NULL, symbol TEXT NOT NULL, qty_raw INTEGER NOT NULL,
  qty_precision INTEGER NOT NULL, price_raw INTEGER NOT NULL, price_precision INTEGER NOT NULL,
  command INTEGER NOT NULL, reason_code INTEGER NOT NULL, reason TEXT NOT NULL,
  detail TEXT NOT NULL, recovery_session INTEGER);
CREATE TABLE IF NOT EXISTS fills(
  fill_id INTEGER PRIMARY KEY AUTOINCREMENT, seq INTEGER NOT NULL UNIQUE,
  session INTEGER NOT NULL, order_id INTEGER NOT NULL, trade_id INTEGER NOT NULL,
  strategy INTEGER NOT NULL, account INTEGER NOT NULL, symbol TEXT NOT NULL, side TEXT NOT NULL,
  price_raw INTEGER NOT NULL, price_precision INTEGER NOT NULL, qty_raw INTEGER NOT NULL,
  qty_precision INTEGER NOT NULL, leaves_raw INTEGER NOT NULL, leaves_precision INTEGER NOT NULL,
  fee_raw INTEGER NOT NULL, fee_precision INTEGER NOT NULL, liquidity TEXT NOT NULL,
  completes INTEGER NOT NULL, ts_event INTEGER NOT NULL,
  UNIQUE(session, order_id, trade_id));
CREATE TABLE IF NOT EXISTS recovered_positions(
  session INTEGER NOT NULL, strategy INTEGER NOT NULL, symbol TEXT NOT NULL,
  net_raw INTEGER NOT NULL, net_precision INTEGER NOT NULL, cash_flow_raw INTEGER NOT NULL,
  cash_flow_precision INTEGER NOT NULL, fills INTEGER NOT NULL,
  PRIMARY KEY(session, strategy, symbol));
)";

// A prepared statement, finalized when it goes out of scope.
class statement {
public:
  statement(sqlite3* db, const char* sql) { rc_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
  ~statement() { sqlite3_finalize(stmt_); }
  statement(const statement&) = delete;
  statement& operator=(const statement&) = delete;
  [[nodiscard]] bool ok() const noexcept { return rc_ == SQLITE_OK; }
  statement& bind(int i, std::int64_t v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  statement& bind(int i, const std::string& v) {
    sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  template <class Tag> statement& bind_fixed(int i, fixed<Tag> v) {
    bind(i, v.raw());
    return bind(i + 1, static_cast<std::int64_t>(v.precision()));
  }
  int step() { return sqlite3_step(stmt_); }
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  [[nodiscard]] std::int64_t integer(int col) const { return sqlite3_column_int64(stmt_, col); }
  [[nodiscard]] std::string text(int col) const {
    auto* p = sqlite3_column_text(stmt_, col);
    return p ? std::string(reinterpret_cast<const char*>(p)) : std::string{};
  }
  template <class Tag> [[nodiscard]] fixed<Tag> fixed_at(int col) const {
    return fixed<Tag>::from_raw(integer(col), static_cast<int>(integer(col + 1)));
  }

private:
  sqlite3_stmt* stmt_ = nullptr;
  int rc_ = SQLITE_ERROR;
};

std::int64_t as_int(std::uint64_t v) noexcept { return static_cast<std::int64_t>(v); }

order_event_header header_of_row(const statement& s, std::int64_t order, int col) {
  // columns col.. : ts_event, strategy, account, symbol
  order_event_header h;
  h.id = static_cast<order_id>(order);
  h.ts_event = s.integer(col);
  h.strategy = static_cast<strategy_id>(s.integer(col + 1));
  h.account = static_cast<account_id>(s.integer(col + 2));
  h.symbol = s.text(col + 3);
  return h;
}

} // namespace

bool parse_sync_level(const std::string& text, sync_level& out) noexcept {
  if (text == "normal")
    out = sync_level::normal;
  else if (text == "full")
    out = sync_level::full;
  else
    return false;
  return true;
}

std::unique_ptr<journal_db> journal_db::open(const std::string& path, sync_level sync,
                                             std::string& error) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  std::unique_ptr<journal_db> db{new journal_db(raw, path)};
  if (rc != SQLITE_OK) {
    error = db->error_text("cannot be opened");
    return nullptr;
  }
  sqlite3_busy_timeout(raw, 5000);
  // WAL: a commit appends to the -wal file; readers (sqlite3 on the side) do not block the writer.
  for (const char* sql :
       {"PRAGMA journal_mode=WAL", sync == sync_level::full ? "PRAGMA synchronous=FULL"
                                                            : "PRAGMA synchronous=NORMAL"}) {
    if (auto e = db->exec(sql); !e.empty()) {
      error = e;
      return nullptr;
    }
  }
  {
    statement mode(raw, "PRAGMA journal_mode");
    if (mode.ok() && mode.step() == SQLITE_ROW && mode.text(0) != "wal") {
      error = "journal " + path + ": WAL mode is not available (journal_mode=" + mode.text(0) + ")";
      return nullptr;
    }
  }
  if (auto e = db->exec(schema_sql); !e.empty()) {
    error = e;
    return nullptr;
  }
  if (auto e = db->exec("INSERT OR IGNORE INTO journal_meta VALUES('schema_version', '1')");
      !e.empty()) {
    error = e;
    return nullptr;
  }
  statement version(raw, "SELECT value FROM journal_meta WHERE key='schema_version'");
  if (!version.ok() || version.step() != SQLITE_ROW || version.text(0) != schema_version) {
    error = "journal " + path + ": not a bourse journal of schema version " + schema_version;
    return nullptr;
  }
  return db;
}

journal_db::~journal_db() { sqlite3_close(db_); }

std::string journal_db::error_text(const char* what) const {
  return "journal " + path_ + ": " + what + ": " + (db_ ? sqlite3_errmsg(db_) : "out of memory");
}

std::string journal_db::exec(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) == SQLITE_OK)
    return {};
  std::string text = "journal " + path_ + ": " + (message ? message : sqlite3_errmsg(db_));
  sqlite3_free(message);
  return text;
}

std::int64_t journal_db::begin_session(timestamp started, const std::string& mode,
                                       std::string& error) {
  statement s(db_, "INSERT INTO sessions(started_ns, mode) VALUES(?, ?)");
  if (!s.ok() || s.bind(1, started).bind(2, mode).step() != SQLITE_DONE) {
    error = error_text("cannot start a session");
    return 0;
  }
  return sqlite3_last_insert_rowid(db_);
}

std::string journal_db::begin_write(std::int64_t& seq) {
  if (auto e = exec("BEGIN IMMEDIATE"); !e.empty())
    return e;
  statement s(db_, "SELECT max(ifnull((SELECT max(seq) FROM orders), 0), ifnull((SELECT "
                   "max(seq) FROM order_events), 0), ifnull((SELECT max(seq) FROM fills), 0))");
  if (!s.ok() || s.step() != SQLITE_ROW)
    return roll_back("cannot read the sequence");
  seq = s.integer(0);
  return {};
}

std::string journal_db::roll_back(const char* what) {
  auto text = error_text(what);
  (void)exec("ROLLBACK");
  return text;
}

std::string journal_db::append(std::int64_t session, const std::vector<record>& records) {
  if (records.empty())
    return {};
  std::int64_t seq = 0;
  if (auto e = begin_write(seq); !e.empty())
    return e;
  auto fail = [&](const char* what) { return roll_back(what); };
  statement ins_order(db_, "INSERT OR IGNORE INTO orders VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  statement ins_event(db_, "INSERT INTO order_events VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,NULL)");
  statement ins_fill(db_, "INSERT OR IGNORE INTO fills(seq, session, order_id, trade_id, strategy, "
                          "account, symbol, side, price_raw, price_precision, qty_raw, "
                          "qty_precision, leaves_raw, leaves_precision, fee_raw, fee_precision, "
                          "liquidity, completes, ts_event) "
                          "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  if (!ins_order.ok() || !ins_event.ok() || !ins_fill.ok())
    return fail("cannot prepare the inserts");
  for (const auto& r : records) {
    ++seq;
    int rc = SQLITE_DONE;
    if (auto* o = std::get_if<submit_order>(&r)) {
      auto& s = ins_order;
      s.reset();
      s.bind(1, seq).bind(2, session).bind(3, as_int(o->id)).bind(4, o->strategy);
      s.bind(5, o->account).bind(6, o->symbol.str());
      s.bind(7, std::string(to_string(o->order_side))).bind(8, std::string(to_string(o->type)));
      s.bind(9, std::string(to_string(o->tif)));
      s.bind_fixed(10, o->limit_price).bind_fixed(12, o->stop_price).bind_fixed(14, o->qty);
      s.bind(16, o->ts_event);
      rc = s.step();
    } else if (r.index() == 3 || r.index() == 4) {
      const bool completes = r.index() == 4;
      const fill& f = completes ? std::get<order_filled>(r).execution
                                : std::get<order_partially_filled>(r).execution;
      auto& s = ins_fill;
      s.reset();
      s.bind(1, seq).bind(2, session).bind(3, as_int(f.header.id)).bind(4, as_int(f.trade));
      s.bind(5, f.header.strategy).bind(6, f.header.account).bind(7, f.header.symbol.str());
      s.bind(8, std::string(to_string(f.fill_side)));
      s.bind_fixed(9, f.fill_price).bind_fixed(11, f.fill_qty).bind_fixed(13, f.leaves_qty);
      s.bind_fixed(15, f.fee).bind(17, to_string(f.role)).bind(18, completes ? 1 : 0);
      s.bind(19, f.header.ts_event);
      rc = s.step();
    } else {
      auto& s = ins_event;
      s.reset();
      std::visit(
          [&](const auto& e) {
            using T = std::decay_t<decltype(e)>;
            if constexpr (!std::is_same_v<T, submit_order> && !orders::carries_fill_v<T>) {
              const auto& h = e.header;
              s.bind(1, seq).bind(2, session).bind(3, as_int(h.id)).bind(4, kind_name(r));
              s.bind(5, h.ts_event).bind(6, h.strategy).bind(7, h.account).bind(8, h.symbol.str());
              quantity qty{};
              price px{};
              std::int64_t command = 0, code = 0;
              std::string reason, detail;
              if constexpr (std::is_same_v<T, order_cancelled>) {
                qty = e.remaining;
                code = static_cast<std::int64_t>(e.reason);
                reason = to_string(e.reason);
              } else if constexpr (std::is_same_v<T, order_expired>) {
                qty = e.remaining;
              } else if constexpr (std::is_same_v<T, order_replaced>) {
                qty = e.new_qty;
                px = e.new_price;
              } else if constexpr (std::is_same_v<T, order_rejected>) {
                command = static_cast<std::int64_t>(e.command);
                code = static_cast<std::int64_t>(e.reason);
                reason = to_string(e.reason);
                detail = e.detail;
              }
              s.bind_fixed(9, qty).bind_fixed(11, px).bind(13, command).bind(14, code);
              s.bind(15, reason).bind(16, detail);
            }
          },
          r);
      rc = s.step();
    }
    if (rc != SQLITE_DONE)
      return fail("cannot write a record");
  }
  if (auto e = exec("COMMIT"); !e.empty()) {
    (void)exec("ROLLBACK");
    return e;
  }
  return {};
}

std::vector<stored_record> journal_db::read_all(std::string& error) const {
  std::vector<std::pair<std::int64_t, stored_record>> rows; // (seq, record)
  {
    statement s(db_, "SELECT seq, session, order_id, strategy, account, symbol, side, type, tif, "
                     "limit_raw, limit_precision, stop_raw, stop_precision, qty_raw, "
                     "qty_precision, ts_event FROM orders");
    if (!s.ok()) {
      error = error_text("cannot read orders");
      return {};
    }
    while (s.step() == SQLITE_ROW) {
      submit_order o;
      o.id = static_cast<order_id>(s.integer(2));
      o.strategy = static_cast<strategy_id>(s.integer(3));
      o.account = static_cast<account_id>(s.integer(4));
      o.symbol = s.text(5);
      o.order_side = side_from_string(s.text(6)).value_or(side::buy);
      o.type = order_type_from_string(s.text(7)).value_or(order_type::limit);
      o.tif = time_in_force_from_string(s.text(8)).value_or(time_in_force::gtc);
      o.limit_price = s.fixed_at<price_tag>(9);
      o.stop_price = s.fixed_at<price_tag>(11);
      o.qty = s.fixed_at<quantity_tag>(13);
      o.ts_event = s.integer(15);
      rows.push_back({s.integer(0), stored_record{s.integer(1), o}});
    }
  }
  {
    statement s(db_, "SELECT seq, session, order_id, kind, ts_event, strategy, account, symbol, "
                     "qty_raw, qty_precision, price_raw, price_precision, command, reason_code, "
                     "detail FROM order_events");
    if (!s.ok()) {
      error = error_text("cannot read order_events");
      return {};
    }
    while (s.step() == SQLITE_ROW) {
      auto h = header_of_row(s, s.integer(2), 4);
      auto kind = s.text(3);
      auto qty = s.fixed_at<quantity_tag>(8);
      record r;
      if (kind == "accepted") {
        r = order_accepted{h};
      } else if (kind == "rejected") {
        r = order_rejected{h, static_cast<command_kind>(s.integer(12)),
                           static_cast<order_reject_reason>(s.integer(13)), s.text(14)};
      } else if (kind == "cancelled") {
        r = order_cancelled{h, qty, static_cast<order_cancel_reason>(s.integer(13))};
      } else if (kind == "recovery_cancelled") {
        r = order_cancelled{h, qty, order_cancel_reason::shutdown};
      } else if (kind == "replaced") {
        r = order_replaced{h, s.fixed_at<price_tag>(10), qty};
      } else if (kind == "expired") {
        r = order_expired{h, qty};
      } else if (kind == "triggered") {
        r = order_triggered{h};
      } else {
        error = "journal " + path_ + ": unknown event kind '" + kind + "' at seq " +
                std::to_string(s.integer(0));
        return {};
      }
      rows.push_back({s.integer(0), stored_record{s.integer(1), std::move(r)}});
    }
  }
  {
    statement s(db_, "SELECT seq, session, order_id, ts_event, strategy, account, symbol, "
                     "trade_id, side, price_raw, price_precision, qty_raw, qty_precision, "
                     "leaves_raw, leaves_precision, fee_raw, fee_precision, liquidity, completes "
                     "FROM fills");
    if (!s.ok()) {
      error = error_text("cannot read fills");
      return {};
    }
    while (s.step() == SQLITE_ROW) {
      fill f;
      f.header = header_of_row(s, s.integer(2), 3);
      f.trade = static_cast<trade_id>(s.integer(7));
      f.fill_side = side_from_string(s.text(8)).value_or(side::buy);
      f.fill_price = s.fixed_at<price_tag>(9);
      f.fill_qty = s.fixed_at<quantity_tag>(11);
      f.leaves_qty = s.fixed_at<quantity_tag>(13);
      f.fee = s.fixed_at<money_tag>(15);
      f.role = s.text(17) == "maker" ? liquidity::maker : liquidity::taker;
      record r;
      if (s.integer(18) != 0)
        r = order_filled{f};
      else
        r = order_partially_filled{f};
      rows.push_back({s.integer(0), stored_record{s.integer(1), std::move(r)}});
    }
  }
  std::sort(rows.begin(), rows.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<stored_record> out;
  out.reserve(rows.size());
  for (auto& row : rows)
    out.push_back(std::move(row.second));
  return out;
}

std::string journal_db::record_recovery(std::int64_t session, const recovery_state& state,
                                        timestamp now) {
  std::int64_t seq = 0;
  if (auto e = begin_write(seq); !e.empty())
    return e;
  auto fail = [&](const char* what) { return roll_back(what); };
  statement ins(db_, "INSERT INTO order_events VALUES(?,?,?,'recovery_cancelled',?,?,?,?,?,?,0,0,0,"
                     "?,'recovery','open when the run stopped; not restored',?)");
  if (!ins.ok())
    return fail("cannot prepare the recovery records");
  for (const auto& o : state.open_orders) {
    ins.reset();
    ins.bind(1, ++seq).bind(2, o.session).bind(3, as_int(o.order.id)).bind(4, now);
    ins.bind(5, o.order.strategy).bind(6, o.order.account).bind(7, o.order.symbol.str());
    ins.bind_fixed(8, o.order.qty - o.filled);
    ins.bind(10, static_cast<std::int64_t>(order_cancel_reason::shutdown)).bind(11, session);
    if (ins.step() != SQLITE_DONE)
      return fail("cannot write a recovery record");
  }
  statement pos(db_, "INSERT OR REPLACE INTO recovered_positions VALUES(?,?,?,?,?,?,?,?)");
  if (!pos.ok())
    return fail("cannot prepare the recovered positions");
  for (const auto& p : state.positions) {
    pos.reset();
    pos.bind(1, session).bind(2, p.strategy).bind(3, p.symbol).bind_fixed(4, p.net);
    pos.bind_fixed(6, p.cash_flow).bind(8, p.fills);
    if (pos.step() != SQLITE_DONE)
      return fail("cannot write a recovered position");
  }
  if (auto e = exec("COMMIT"); !e.empty()) {
    (void)exec("ROLLBACK");
    return e;
  }
  return {};
}

} // namespace bourse::journal
