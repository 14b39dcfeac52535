// Generators of the benchmark order flows.
#include "order_flow.hpp"

#include <algorithm>
#include <random>

namespace bourse_bench {

namespace {

constexpr std::int64_t best_bid_cents = 9999;
constexpr std::int64_t best_ask_cents = 10001;

command add(bourse::side side, bourse::order_id id, std::int64_t cents, std::int64_t qty) {
  command c;
  c.what = command::kind::add;
  c.side = side;
  c.id = id;
  c.cents = cents;
  c.qty = qty;
  return c;
}

std::int64_t passive_price(bourse::side side, std::int64_t level) {
  return side == bourse::side::buy ? best_bid_cents - level : best_ask_cents + level;
}

} // namespace

bourse::book::new_order to_order(const command& c) noexcept {
  bourse::book::new_order o;
  o.id = c.id;
  o.side = c.side;
  o.type = bourse::order_type::limit;
  o.limit_price = bourse::price::from_raw(c.cents, 2);
  o.qty = bourse::quantity::from_units(c.qty);
  return o;
}

void send(bourse::book::order_book& book, const command& c, bourse::timestamp ts) {
  switch (c.what) {
  case command::kind::add:
    book.submit(to_order(c), ts);
    break;
  case command::kind::cancel:
    book.cancel(c.id, ts);
    break;
  case command::kind::replace_qty: {
    bourse::book::order_changes changes;
    changes.open_qty = bourse::quantity::from_units(c.qty);
    book.replace(c.id, changes, ts);
    break;
  }
  case command::kind::replace_price: {
    bourse::book::order_changes changes;
    changes.limit_price = bourse::price::from_raw(c.cents, 2);
    book.replace(c.id, changes, ts);
    break;
  }
  }
}

bourse::instrument bench_instrument() {
  return *bourse::instrument::make("BENCH", "0.01", "1");
}

bourse::book::book_config bench_config(std::size_t orders) {
  bourse::book::book_config config;
  config.order_capacity = orders;
  config.id_capacity = orders;
  config.level_capacity = 4096;
  config.stop_capacity = 64;
  return config;
}

std::vector<command> resting_adds(std::size_t count, std::size_t levels, std::uint64_t seed,
                                  bourse::order_id first_id) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<std::int64_t> level(0, static_cast<std::int64_t>(levels) - 1);
  std::uniform_int_distribution<std::int64_t> qty(1, 100);
  std::vector<command> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    auto side = i % 2 == 0 ? bourse::side::buy : bourse::side::sell;
    out.push_back(add(side, first_id + i, passive_price(side, level(rng)), qty(rng)));
  }
  return out;
}

std::vector<command> add_cancel_pairs(std::size_t pairs, std::size_t background,
                                      std::uint64_t seed) {
  std::vector<command> out = resting_adds(background, 100, seed);
  std::vector<bourse::order_id> live;
  for (const auto& c : out)
    live.push_back(c.id);
  std::mt19937_64 rng(seed + 1);
  std::uniform_int_distribution<std::int64_t> level(0, 99);
  std::uniform_int_distribution<std::int64_t> qty(1, 100);
  bourse::order_id next = background + 1;
  for (std::size_t i = 0; i < pairs; ++i) {
    auto side = i % 2 == 0 ? bourse::side::buy : bourse::side::sell;
    out.push_back(add(side, next, passive_price(side, level(rng)), qty(rng)));
    live.push_back(next++);
    std::size_t victim = std::uniform_int_distribution<std::size_t>(0, live.size() - 1)(rng);
    command cancel;
    cancel.what = command::kind::cancel;
    cancel.id = live[victim];
    out.push_back(cancel);
    live[victim] = live.back();
    live.pop_back();
  }
  return out;
}

std::vector<command> aggressive_buys(std::size_t count, std::uint64_t seed,
                                     bourse::order_id first_id) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<std::int64_t> qty(10, 50);
  std::vector<command> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i)
    out.push_back(add(bourse::side::buy, first_id + i, best_ask_cents + 99, qty(rng)));
  return out;
}

std::vector<command> mixed_flow(std::size_t count, std::uint64_t seed) {
  bourse::book::null_listener quiet;
  bourse::book::order_book shadow(bench_instrument(), quiet, bench_config(count + 4096));
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> percent(0, 99);
  std::uniform_int_distribution<std::int64_t> qty(1, 100);
  // Passive levels skewed towards the top: the product of two uniforms in [0, 49] divided by 49.
  std::uniform_int_distribution<std::int64_t> half(0, 49);
  auto skewed_level = [&] { return half(rng) * half(rng) / 49; };

  std::vector<command> out;
  out.reserve(count);
  std::vector<bourse::order_id> live;
  bourse::order_id next = 1;
  auto emit = [&](const command& c) {
    send(shadow, c, static_cast<bourse::timestamp>(out.size()));
    out.push_back(c);
  };
  // Start-up book: 20 orders on each of the top 50 levels per side.
  for (int i = 0; i < 2000 && out.size() < count; ++i) {
    auto side = i % 2 == 0 ? bourse::side::buy : bourse::side::sell;
    emit(add(side, next, passive_price(side, (i / 2) % 50), qty(rng)));
    live.push_back(next++);
  }
  // Picks a live order (dropping ids the shadow book has filled meanwhile); 0 when none is left.
  auto pick_live = [&]() -> std::size_t {
    while (!live.empty()) {
      std::size_t i = std::uniform_int_distribution<std::size_t>(0, live.size() - 1)(rng);
      if (shadow.status(live[i]) == bourse::book::order_status::resting)
        return i + 1;
      live[i] = live.back();
      live.pop_back();
    }
    return 0;
  };
  while (out.size() < count) {
    int roll = percent(rng);
    auto side = percent(rng) < 50 ? bourse::side::buy : bourse::side::sell;
    if (roll < 55) {
      emit(add(side, next, passive_price(side, skewed_level()), qty(rng)));
      live.push_back(next++);
    } else if (roll < 85) {
      if (std::size_t i = pick_live()) {
        command c;
        c.what = command::kind::cancel;
        c.id = live[i - 1];
        emit(c);
        live[i - 1] = live.back();
        live.pop_back();
      }
    } else if (roll < 95) {
      // Marketable: priced two levels through the touch, 50-300 lots.
      auto best = side == bourse::side::buy ? shadow.best_ask() : shadow.best_bid();
      std::int64_t cents = best ? best->rescaled(2)->raw() : passive_price(side, 0);
      cents += side == bourse::side::buy ? 2 : -2;
      emit(add(side, next, cents, 50 + qty(rng) * 5 / 2));
      live.push_back(next++);
    } else if (std::size_t i = pick_live()) {
      command c;
      c.id = live[i - 1];
      auto view = shadow.find(c.id);
      if (percent(rng) < 50) {
        c.what = command::kind::replace_qty;
        c.qty = std::max<std::int64_t>(1, view->open_qty.raw() / 2);
      } else {
        c.what = command::kind::replace_price;
        c.cents = passive_price(view->side, skewed_level());
      }
      emit(c);
    }
  }
  return out;
}

} // namespace bourse_bench
