// Shows what interned names (symbols, venues) promise: one handle per text whatever the thread,
// equality by handle, ordering by text (so maps keyed by handles iterate as maps keyed by strings),
// free copies, and text at the edges (comparison, concatenation, streaming).
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "bourse/core/interned_string.hpp"
#include "counting_new.hpp"

using bourse::interned_string;
using bourse::symbol_id;

TEST_CASE("the same text interns to the same handle and different texts to different ones") {
  symbol_id a{"AAPL"};
  symbol_id b{std::string{"AAP"} + "L"};
  symbol_id c{std::string_view{"MSFT"}};
  CHECK(a == b);
  CHECK(a.index() == b.index());
  CHECK(a != c);
  CHECK(a.index() != c.index());
  CHECK(a.str() == "AAPL");
  CHECK(a == "AAPL");
  CHECK("AAPL" == a);
  CHECK(a == std::string{"AAPL"});
  CHECK(a != std::string_view{"AAPLX"});
  CHECK(a.size() == 4);
}

TEST_CASE("the empty name is the default and has index 0") {
  symbol_id none;
  CHECK(none.empty());
  CHECK(none.index() == 0);
  CHECK(none == symbol_id{""});
  CHECK(none == std::string{});
  CHECK_FALSE(symbol_id{"X"}.empty());
}

TEST_CASE("handles order by text, not by interning order") {
  // Intern in reverse alphabetical order: a map keyed by handles still iterates alphabetically.
  std::vector<std::string> names{"zz_order_test", "mm_order_test", "aa_order_test"};
  std::map<symbol_id, int> by_handle;
  for (std::size_t i = 0; i < names.size(); ++i)
    by_handle.emplace(symbol_id{names[i]}, static_cast<int>(i));
  std::vector<std::string> seen;
  for (const auto& [name, _] : by_handle)
    seen.push_back(name.str());
  CHECK(seen == std::vector<std::string>{"aa_order_test", "mm_order_test", "zz_order_test"});
  CHECK(symbol_id{"aa_order_test"} < symbol_id{"zz_order_test"});
  CHECK_FALSE(symbol_id{"zz_order_test"} < symbol_id{"zz_order_test"});
  CHECK(symbol_id{"b"} > symbol_id{"a"});
  CHECK(symbol_id{"b"} >= symbol_id{"b"});
  CHECK(symbol_id{"a"} <= symbol_id{"b"});
}

TEST_CASE("copying, comparing and hashing handles make no heap allocation") {
  symbol_id a{"a_rather_long_symbol_name_that_does_not_fit_in_a_small_string"};
  symbol_id b{"another_rather_long_symbol_name_well_past_the_small_string_size"};
  std::unordered_set<symbol_id> set{a, b};
  const std::size_t before = bourse::testing::heap_allocations();
  std::size_t equal = 0;
  for (int i = 0; i < 1000; ++i) {
    symbol_id copy = (i % 2 == 0) ? a : b;
    equal += (copy == a) ? 1 : 0;
    equal += set.count(copy);
    // Interning a name this thread saw last takes the per-thread shortcut.
    symbol_id again{std::string_view{"another_rather_long_symbol_name_well_past_the_small_string_size"}};
    equal += (again == b) ? 1 : 0;
  }
  CHECK(bourse::testing::heap_allocations() == before);
  CHECK(equal == 500 + 1000 + 1000);
}

TEST_CASE("threads interning the same names get the same handles") {
  std::vector<std::string> names;
  for (int i = 0; i < 200; ++i)
    names.push_back("thread_test_" + std::to_string(i));
  std::vector<std::vector<symbol_id>> seen(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < seen.size(); ++t)
    threads.emplace_back([&, t] {
      // Each thread walks the names in its own order.
      for (std::size_t i = 0; i < names.size(); ++i)
        seen[t].push_back(symbol_id{names[(i * (t + 1)) % names.size()]});
    });
  for (auto& th : threads)
    th.join();
  for (std::size_t t = 0; t < seen.size(); ++t)
    for (std::size_t i = 0; i < names.size(); ++i) {
      CHECK(seen[t][i] == names[(i * (t + 1)) % names.size()]);
      CHECK(seen[t][i] == symbol_id{names[(i * (t + 1)) % names.size()]});
    }
  CHECK(interned_string::interned_count() >= names.size() + 1);
}

TEST_CASE("names read as text at the edges") {
  symbol_id s{"ES"};
  std::ostringstream out;
  out << s << '@' << bourse::venue_id{"CME"};
  CHECK(out.str() == "ES@CME");
  CHECK(s + ".FUT" == "ES.FUT");
  CHECK("FUT." + s == "FUT.ES");
  const std::string& text = s; // the implicit conversion the edges rely on
  CHECK(text == "ES");
  std::map<std::string, int> by_text{{"ES", 1}};
  CHECK(by_text.at(s) == 1);
}
