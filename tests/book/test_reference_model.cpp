// Shows that the engine agrees, event for event, with a deliberately naive reference matcher (a
// flat vector scanned on every request) on seeded random flows of limit, market, IOC, FOK and DAY
// orders, cancels and replaces, including duplicate and unknown ids. Stops are covered in
// test_stops.cpp.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <set>

#include "book_test_kit.hpp"

using namespace book_test;

namespace {

// The naive reference: every rule written as directly as possible.
class reference_book {
public:
  struct order {
    order_id id;
    side s;
    std::int64_t cents;
    std::int64_t open;
    std::uint64_t seq;
  };

  std::vector<std::string> events;
  std::vector<order> resting;

  void submit(order_id id, side s, bool market, std::int64_t cents, std::int64_t q,
              time_in_force tif) {
    if (q <= 0)
      return reject(id, "non_positive_quantity");
    if (seen_.count(id) != 0)
      return reject(id, "duplicate_id");
    seen_.insert(id);
    events.push_back("accepted," + std::to_string(id));
    run(order{id, s, cents, q, 0}, market, tif);
  }

  void cancel(order_id id) {
    auto it = find(id);
    if (it == resting.end())
      return reject(id, seen_.count(id) != 0 ? "order_finished" : "unknown_id");
    events.push_back("cancelled," + std::to_string(id) + "," + std::to_string(it->open) + ",user");
    resting.erase(it);
  }

  void replace(order_id id, std::int64_t cents, std::int64_t q) {
    auto it = find(id);
    if (it == resting.end())
      return reject(id, seen_.count(id) != 0 ? "order_finished" : "unknown_id");
    if (q <= 0)
      return reject(id, "non_positive_quantity");
    events.push_back("replaced," + std::to_string(id) + "," + money(cents) + "," +
                     std::to_string(q));
    if (cents == it->cents && q <= it->open) {
      it->open = q;
      return;
    }
    order o = *it;
    resting.erase(it);
    o.cents = cents;
    o.open = q;
    run(o, false, time_in_force::gtc);
  }

  void expire(const std::set<order_id>& day_ids) {
    std::vector<order> expiring;
    for (const auto& o : resting)
      if (day_ids.count(o.id) != 0)
        expiring.push_back(o);
    std::sort(expiring.begin(), expiring.end(),
              [](const order& a, const order& b) { return a.seq < b.seq; });
    for (const auto& o : expiring) {
      events.push_back("cancelled," + std::to_string(o.id) + "," + std::to_string(o.open) +
                       ",expired");
      resting.erase(find(o.id));
    }
  }

  std::vector<std::string> book() const {
    std::vector<order> sorted = resting;
    std::sort(sorted.begin(), sorted.end(), [](const order& a, const order& b) {
      if (a.s != b.s)
        return a.s == side::buy;
      if (a.cents != b.cents)
        return a.s == side::buy ? a.cents > b.cents : a.cents < b.cents;
      return a.seq < b.seq;
    });
    std::vector<std::string> out;
    for (const auto& o : sorted)
      out.push_back(std::string(o.s == side::buy ? "bid," : "ask,") + money(o.cents) + "," +
                    std::to_string(o.id) + "," + std::to_string(o.open));
    return out;
  }

private:
  static std::string money(std::int64_t cents) { return price::from_raw(cents, 2).to_string(); }

  void reject(order_id id, const char* reason) {
    events.push_back("rejected," + std::to_string(id) + "," + reason);
  }

  std::vector<order>::iterator find(order_id id) {
    return std::find_if(resting.begin(), resting.end(), [&](const order& o) { return o.id == id; });
  }

  bool acceptable(const order& taker, bool market, const order& maker) const {
    if (maker.s == taker.s)
      return false;
    return market ||
           (taker.s == side::buy ? maker.cents <= taker.cents : maker.cents >= taker.cents);
  }

  void run(order taker, bool market, time_in_force tif) {
    if (tif == time_in_force::fok) {
      std::int64_t available = 0;
      for (const auto& m : resting)
        if (acceptable(taker, market, m))
          available += m.open;
      if (available < taker.open) {
        events.push_back("cancelled," + std::to_string(taker.id) + "," +
                         std::to_string(taker.open) + ",fok");
        return;
      }
    }
    while (taker.open > 0) {
      auto best = resting.end();
      for (auto it = resting.begin(); it != resting.end(); ++it) {
        if (!acceptable(taker, market, *it))
          continue;
        if (best == resting.end())
          best = it;
        else if (it->cents != best->cents
                     ? (taker.s == side::buy ? it->cents < best->cents : it->cents > best->cents)
                     : it->seq < best->seq)
          best = it;
      }
      if (best == resting.end())
        break;
      std::int64_t q = std::min(taker.open, best->open);
      events.push_back("trade," + std::to_string(taker.id) + "," + std::to_string(best->id) + "," +
                       money(best->cents) + "," + std::to_string(q));
      taker.open -= q;
      best->open -= q;
      if (best->open == 0)
        resting.erase(best);
    }
    if (taker.open == 0)
      return;
    const char* reason = market ? "no_liquidity" : tif == time_in_force::ioc ? "ioc" : nullptr;
    if (reason != nullptr) {
      events.push_back("cancelled," + std::to_string(taker.id) + "," + std::to_string(taker.open) +
                       "," + reason);
      return;
    }
    taker.seq = next_seq_++;
    resting.push_back(taker);
  }

  std::set<order_id> seen_;
  std::uint64_t next_seq_ = 1;
};

void compare_on_random_flow(std::uint64_t seed, int requests) {
  std::mt19937_64 rng(seed);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  recorder events;
  bourse::book::order_book book{make_instrument(), events};
  reference_book model;
  std::set<order_id> day_ids;
  order_id next = 1;
  // Mostly a live order, sometimes any id up to two past the last one handed out.
  auto target = [&]() -> order_id {
    if (!model.resting.empty() && pick(0, 4) != 0)
      return model.resting[static_cast<std::size_t>(pick(0, int(model.resting.size()) - 1))].id;
    return static_cast<order_id>(pick(1, int(next) + 2));
  };
  for (int r = 0; r < requests; ++r) {
    auto ts = static_cast<bourse::timestamp>(r);
    int roll = pick(0, 99);
    if (roll < 60) {
      // New order; sometimes reuse an old id to provoke duplicate_id, sometimes quantity 0.
      order_id id =
          pick(0, 19) == 0 && next > 1 ? static_cast<order_id>(pick(1, int(next) - 1)) : next++;
      side s = pick(0, 1) == 0 ? side::buy : side::sell;
      bool market = pick(0, 9) == 0;
      std::int64_t cents = 1000 + pick(-6, 6);
      std::int64_t q = pick(0, 30) == 0 ? 0 : pick(1, 12);
      auto tif = static_cast<time_in_force>(pick(0, 3));
      new_order o;
      o.id = id;
      o.side = s;
      o.type = market ? bourse::order_type::market : bourse::order_type::limit;
      o.tif = tif;
      if (!market)
        o.limit_price = price::from_raw(cents, 2);
      o.qty = quantity::from_units(q);
      bool fresh = book.status(id) == bourse::book::order_status::unknown;
      book.submit(o, ts);
      model.submit(id, s, market, cents, q, tif);
      if (fresh && q > 0 && tif == time_in_force::day)
        day_ids.insert(id);
    } else if (roll < 75) {
      order_id id = target();
      book.cancel(id, ts);
      model.cancel(id);
    } else if (roll < 98) {
      order_id id = target();
      auto current = std::find_if(model.resting.begin(), model.resting.end(),
                                  [&](const auto& o) { return o.id == id; });
      std::int64_t cents = current == model.resting.end() ? 1000 : current->cents;
      std::int64_t q = current == model.resting.end() ? 5 : current->open;
      order_changes c;
      int change = pick(0, 2);
      if (change != 1)
        cents += pick(-3, 3);
      if (change != 0)
        q = std::max<std::int64_t>(0, q + pick(-3, 3));
      c.limit_price = price::from_raw(cents, 2);
      c.open_qty = quantity::from_units(q);
      book.replace(id, c, ts);
      model.replace(id, cents, q);
    } else {
      book.expire_day(ts);
      model.expire(day_ids);
    }
    REQUIRE(events.events == model.events);
    if (r % 25 == 0)
      REQUIRE(book_lines(book) == model.book());
    // The book is never crossed after a request.
    if (book.best_bid() && book.best_ask())
      REQUIRE(*book.best_bid() < *book.best_ask());
  }
  CHECK(book_lines(book) == model.book());
  CHECK(events.events.size() > static_cast<std::size_t>(requests));
}

} // namespace

TEST_CASE("the engine matches a naive reference matcher on random flows, event for event") {
  SUBCASE("seed 1") {
    compare_on_random_flow(1, 3000);
  }
  SUBCASE("seed 2") {
    compare_on_random_flow(2, 3000);
  }
  SUBCASE("seed 3") {
    compare_on_random_flow(3, 3000);
  }
}
