// Shows that the ledger's incrementally kept equity is bit-identical (value and precision) to a
// full recomputation with orders::portfolio::totals() at every sample: a seeded random run of
// thousands of fills and marks over several strategies, accounts and symbols (flips, closes to
// zero, marks before any fill, marked symbols no one holds, a traded symbol never marked, mixed
// precisions, refused fills), amounts near the int64 limit where totals() overflows, and no
// allocation per mark once the symbols are known.
#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "bourse/orders/portfolio.hpp"
#include "bourse/strategy/portfolio_ledger.hpp"
#include "counting_new.hpp"

using namespace bourse;

namespace {

// The straightforward ledger the incremental one must agree with: every strategy's equity
// recomputed from its whole portfolio and the marks at each sample, as the ledger used to.
struct reference_ledger {
  explicit reference_ledger(ledger_config config) : cfg(std::move(config)) {
    for (const auto& [id, amount] : cfg.cash)
      strategies.emplace(id, orders::portfolio{amount});
  }

  // Books like portfolio_ledger::book: refused by either book means nothing changes.
  bool book(const ledger_fill& f) {
    if (orders::check_fill(f.symbol, f.qty, f.px))
      return false;
    auto it = strategies.find(f.strategy);
    if (it == strategies.end())
      it = strategies.emplace(f.strategy, orders::portfolio{cfg.default_cash}).first;
    orders::portfolio account = accounts[f.account];
    orders::portfolio strategy = it->second;
    if (account.apply_fill(f.symbol, f.fill_side, f.qty, f.px, f.fee) ||
        strategy.apply_fill(f.symbol, f.fill_side, f.qty, f.px, f.fee))
      return false;
    accounts[f.account] = std::move(account);
    it->second = std::move(strategy);
    pending = true;
    return true;
  }

  void mark(const std::string& symbol, price px) {
    marks[symbol] = px;
    pending = true;
  }

  money equity(const orders::portfolio& book) {
    auto totals = book.totals(marks);
    if (!totals)
      ++overflowed;
    return totals ? totals->equity : book.cash();
  }

  std::vector<equity_point> sample(timestamp ts) {
    std::vector<equity_point> out;
    money total;
    for (const auto& [id, book] : strategies) {
      money e = equity(book);
      total = add_equities(total, e);
      out.push_back({ts, id, e});
    }
    out.push_back({ts, 0, total});
    pending = false;
    return out;
  }

  ledger_config cfg;
  std::map<strategy_id, orders::portfolio> strategies;
  std::map<account_id, orders::portfolio> accounts;
  orders::mark_map marks;
  bool pending = false;
  std::size_t overflowed = 0; // equities for which totals() overflowed
};

// Exactly the same number: raw value and precision.
bool same(money a, money b) {
  return a.raw() == b.raw() && a.precision() == b.precision();
}

void check_same_samples(const std::vector<equity_point>& got,
                        const std::vector<equity_point>& expected) {
  REQUIRE(got.size() == expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    CAPTURE(i);
    CAPTURE(got[i].equity.to_string());
    CAPTURE(expected[i].equity.to_string());
    CHECK(got[i].ts == expected[i].ts);
    CHECK(got[i].strategy == expected[i].strategy);
    CHECK(same(got[i].equity, expected[i].equity));
  }
}

// Draws fills and marks: the quantities of a fill are chosen to close a position exactly, flip
// it, or add to it; prices and quantities come at several precisions.
struct random_run {
  explicit random_run(std::uint64_t seed) : rng(seed) {}

  std::uint64_t draw(std::uint64_t n) { return rng() % n; }

  price draw_price(int max_decimals) {
    const int decimals = static_cast<int>(draw(static_cast<std::uint64_t>(max_decimals) + 1));
    // Around 50..150 units.
    const auto units = static_cast<std::int64_t>(50 + draw(100));
    const auto fraction = static_cast<std::int64_t>(draw(static_cast<std::uint64_t>(pow10(decimals))));
    return price::from_raw(units * pow10(decimals) + fraction, decimals);
  }

  quantity draw_quantity(int max_decimals) {
    const int decimals = static_cast<int>(draw(static_cast<std::uint64_t>(max_decimals) + 1));
    return quantity::from_raw(static_cast<std::int64_t>(1 + draw(50 * static_cast<std::uint64_t>(pow10(decimals)))),
                              decimals);
  }

  std::mt19937_64 rng;
};

// Runs `steps` random fills and marks through both ledgers, comparing every sample, and the
// equities on the way.
void run_against_reference(std::uint64_t seed, int steps, ledger_config cfg, int price_decimals,
                            int quantity_decimals, bool expect_overflow = false) {
  const std::vector<std::string> traded = {"AAA", "BBB", "CCC", "DDD", "NEVER_MARKED"};
  const std::vector<std::string> marked = {"AAA", "BBB", "CCC", "DDD", "NOBODY_HOLDS"};
  const std::vector<strategy_id> strategies = {1, 2, 3, 4, 5};
  random_run r{seed};
  portfolio_ledger ledger{cfg};
  reference_ledger reference{cfg};
  timestamp now = 0;
  std::size_t samples = 0, refused = 0, flips = 0, closes = 0;

  for (int step = 0; step < steps; ++step) {
    if (r.draw(4) == 0) {
      // A new slice: the one left is sampled when anything changed in it.
      auto got = ledger.advance(now + 1);
      if (reference.pending) {
        check_same_samples(got, reference.sample(now));
        ++samples;
      } else {
        CHECK(got.empty());
      }
      ++now;
    }
    if (r.draw(5) < 2) {
      const std::string& symbol = marked[r.draw(marked.size())];
      const price px = r.draw_price(price_decimals);
      ledger.mark(symbol, px);
      reference.mark(symbol, px);
    } else {
      ledger_fill f;
      f.ts = now;
      f.strategy = strategies[r.draw(strategies.size())];
      f.account = f.strategy % 2 + 1;
      f.symbol = traded[r.draw(traded.size())];
      f.px = r.draw_price(price_decimals);
      f.fee = money::from_raw(static_cast<std::int64_t>(r.draw(200)) - 20, static_cast<int>(r.draw(4)));
      const auto held = reference.strategies.count(f.strategy) != 0
                            ? reference.strategies.at(f.strategy).find(f.symbol)
                            : nullptr;
      const quantity net = held != nullptr ? held->net() : quantity{};
      const quantity open = net.is_negative() ? -net : net;
      const auto kind = r.draw(10);
      if (kind < 2 && !net.is_zero()) { // close to zero
        f.fill_side = net.is_positive() ? side::sell : side::buy;
        f.qty = open;
        ++closes;
      } else if (kind < 4 && !net.is_zero()) { // flip
        f.fill_side = net.is_positive() ? side::sell : side::buy;
        f.qty = open + r.draw_quantity(quantity_decimals);
        ++flips;
      } else if (kind == 4) { // refused by both: no quantity
        f.fill_side = side::buy;
        f.qty = quantity{};
      } else {
        f.fill_side = r.draw(2) == 0 ? side::buy : side::sell;
        f.qty = r.draw_quantity(quantity_decimals);
      }
      const bool booked = reference.book(f);
      const auto problem = ledger.book(f);
      CHECK(booked == !problem);
      if (!booked)
        ++refused;
    }
    if (r.draw(50) == 0) {
      for (strategy_id s : strategies) {
        CAPTURE(s);
        const auto it = reference.strategies.find(s);
        const money expected = it != reference.strategies.end() ? reference.equity(it->second)
                                                                : cfg.cash.count(s) != 0 ? cfg.cash.at(s)
                                                                                         : cfg.default_cash;
        CHECK(same(ledger.equity(s), expected));
      }
    }
  }
  auto last = ledger.flush();
  if (reference.pending)
    check_same_samples(last, reference.sample(now));
  else
    CHECK(last.empty());
  money total;
  for (const auto& [id, book] : reference.strategies)
    total = add_equities(total, reference.equity(book));
  CHECK(same(ledger.total_equity(), total));
  // The run exercised what it claims to.
  CHECK(samples > static_cast<std::size_t>(steps) / 8);
  CHECK(refused > 0);
  CHECK(flips > 10);
  CHECK(closes > 10);
  CHECK((reference.overflowed > 0) == expect_overflow);
}

ledger_fill fill(strategy_id s, const char* symbol, side fill_side, quantity q, price p) {
  return ledger_fill{0, s, 1, symbol, fill_side, p, q, money{}};
}

} // namespace

TEST_CASE("incrementally kept equity equals the full recomputation at every sample") {
  SUBCASE("everyday amounts, prices and quantities at mixed precisions") {
    ledger_config cfg;
    cfg.cash = {{1, *money::parse("10000")}, {2, *money::parse("5000.25")}, {9, *money::parse("7")}};
    run_against_reference(42, 20'000, cfg, 4, 3);
  }
  SUBCASE("whole units only") {
    run_against_reference(7, 5'000, ledger_config{}, 0, 0);
  }
  SUBCASE("nine decimals and large cash: totals() overflows on some samples") {
    ledger_config cfg;
    // 9,223,372,000 at 9 decimals is 37 units below the int64 limit: a gain overflows totals().
    cfg.default_cash = money::from_units(9'223'372'000);
    cfg.cash = {{1, money::from_units(1'000'000'000)}};
    run_against_reference(2024, 5'000, cfg, 6, 3, true);
  }
}

TEST_CASE("when totals() overflows the equity is still the cash, as before") {
  const money initial = money::from_units(90'000'000'000'000'000); // 9e16: fits at 2 decimals
  ledger_config cfg;
  cfg.cash = {{1, initial}};
  portfolio_ledger l{cfg};
  REQUIRE_FALSE(l.book(fill(1, "AAA", side::buy, quantity::from_units(1), price::from_units(10))));
  CHECK(same(l.equity(1), initial));
  // At 9 decimals cash + market value does not fit an int64: totals() fails, the equity is the
  // cash (at its own precision), in equity() and in the sample.
  l.mark("AAA", price::from_raw(11'000'000'001, 9));
  const money cash = initial - money::from_units(10);
  CHECK(same(l.equity(1), cash));
  auto sampled = l.flush();
  REQUIRE(sampled.size() == 2);
  CHECK(same(sampled[0].equity, cash));
  CHECK(same(sampled[1].equity, cash));
  // A mark at whole units brings the sum back into range: exact again.
  l.mark("AAA", price::from_units(12));
  CHECK(same(l.equity(1), initial + money::from_units(2)));
}

TEST_CASE("a mark allocates nothing once its symbol is known") {
  ledger_config cfg;
  cfg.cash = {{1, money::from_units(1000)}, {2, money::from_units(1000)}};
  portfolio_ledger l{cfg};
  for (const char* symbol : {"AAA", "BBB", "A_LONGER_SYMBOL_NAME_THAN_SSO"}) {
    REQUIRE_FALSE(l.book(fill(1, symbol, side::buy, quantity::from_units(3), price::from_units(10))));
    REQUIRE_FALSE(l.book(fill(2, symbol, side::sell, quantity::from_units(2), price::from_units(10))));
    l.mark(symbol, price::from_units(10));
  }
  l.mark("NOBODY_HOLDS", price::from_units(1));
  const std::size_t before = bourse::testing::heap_allocations();
  for (std::int64_t i = 0; i < 1000; ++i) {
    l.mark("AAA", price::from_raw(1000 + i, 2));
    l.mark("BBB", price::from_raw(2000 - i, 2));
    l.mark(std::string_view{"A_LONGER_SYMBOL_NAME_THAN_SSO"}, price::from_raw(500 + i, 1));
    l.mark("NOBODY_HOLDS", price::from_raw(i + 1, 0));
  }
  CHECK(bourse::testing::heap_allocations() == before);
  // Strategy 1: 1000 - 3 * 3 * 10 + 3 * (19.99 + 10.01 + 149.9), the last marks.
  const money expected = money::from_units(1000) - money::from_units(90) +
                         notional(price::from_raw(1999, 2), quantity::from_units(3)).value() +
                         notional(price::from_raw(1001, 2), quantity::from_units(3)).value() +
                         notional(price::from_raw(1499, 1), quantity::from_units(3)).value();
  CHECK(l.equity(1) == expected);
}
