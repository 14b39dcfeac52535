// Shows bourse-book end to end: it runs the built tool on small CSV files in a temporary folder and
// compares its exact standard output, and checks that malformed input names file:line: column and
// exits non-zero while business refusals are ordinary `rejected` lines.
#include <doctest/doctest.h>

#include <string>

#include "cli_kit.hpp"

namespace {

using namespace cli_kit;

// Runs bourse-book with `args` (already shell-quoted where needed) from inside the folder.
run_result book(const temp_dir& dir, const std::string& args) {
  return dir.run("bourse-book", args);
}

const std::string header = "op,id,side,type,price,qty,tif,stop_price\n";

} // namespace

TEST_CASE("bourse-book replays the worked example of docs/matching.md exactly") {
  temp_dir dir;
  dir.write("orders.csv", header + "new,s1,sell,limit,10.05,5,,\n"
                                   "new,s2,sell,limit,10.10,5,gtc,\n"
                                   "new,b1,buy,limit,10.00,4,day,\n"
                                   "new,stop-1,buy,stop,,3,,10.05\n"
                                   "new,b2,buy,limit,10.05,2,,\n"
                                   "new,m1,buy,market,,20,,\n"
                                   "new,b3,buy,limit,10.001,1,,\n"
                                   "cancel,b1,,,,,,\n"
                                   "cancel,b1,,,,,,\n"
                                   "new,a_1,sell,limit,10.20,7,,\n"
                                   "new,a_2,sell,limit,10.20,1,,\n"
                                   "replace,a_1,,,,3,,\n"
                                   "new,f1,buy,limit,10.20,5,fok,\n");
  auto r = book(dir, "orders.csv");
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  CHECK(r.out == "accepted,s1\n"
                 "accepted,s2\n"
                 "accepted,b1\n"
                 "accepted,stop-1\n"
                 "accepted,b2\n"
                 "trade,b2,s1,10.05,2\n"
                 "triggered,stop-1\n"
                 "trade,stop-1,s1,10.05,3\n"
                 "accepted,m1\n"
                 "trade,m1,s2,10.10,5\n"
                 "cancelled,m1,15,no_liquidity\n"
                 "rejected,b3,off_tick\n"
                 "cancelled,b1,4,user\n"
                 "rejected,b1,order_finished\n"
                 "accepted,a_1\n"
                 "accepted,a_2\n"
                 "replaced,a_1,10.20,3\n"
                 "accepted,f1\n"
                 "cancelled,f1,5,fok\n"
                 "book,ask,10.20,a_1,3\n"
                 "book,ask,10.20,a_2,1\n");
}

TEST_CASE("bourse-book prints the resting book bids first, best price first, then time") {
  temp_dir dir;
  dir.write("in.csv", header + "new,a,buy,limit,9.5,1,,\n"
                               "new,b,buy,limit,9.75,2,,\n"
                               "new,c,sell,limit,10.25,3,,\n"
                               "new,d,buy,limit,9.75,4,day,\n"
                               "new,e,sell,limit,10,5,,\n"
                               "replace,b,,,,1,,\n"
                               "replace,d,,,9.5,,,\n");
  auto r = book(dir, "--tick 0.25 in.csv");
  CHECK(r.code == 0);
  CHECK(r.out == "accepted,a\naccepted,b\naccepted,c\naccepted,d\naccepted,e\n"
                 "replaced,b,9.75,1\n"
                 "replaced,d,9.50,4\n"
                 "book,bid,9.75,b,1\n"
                 "book,bid,9.50,a,1\n"
                 "book,bid,9.50,d,4\n"
                 "book,ask,10.00,e,5\n"
                 "book,ask,10.25,c,3\n");
}

TEST_CASE("bourse-book reads standard input and honours --tick and --lot") {
  temp_dir dir;
  dir.write("in.csv", header + "new,s,sell,limit,100.5,1.5,,\n"
                               "new,b,buy,limit,101,0.25,ioc,\n"
                               "new,x,buy,limit,100.25,1,,\n"
                               "new,y,buy,limit,100,0.05,,\n");
  auto r = book(dir, "--tick 0.5 --lot 0.25 < in.csv");
  CHECK(r.code == 0);
  CHECK(r.out == "accepted,s\naccepted,b\ntrade,b,s,100.5,0.25\n"
                 "rejected,x,off_tick\nrejected,y,off_lot\n"
                 "book,ask,100.5,s,1.25\n");
}

TEST_CASE("bourse-book shows stop cascades, IOC remainders and DAY expiry") {
  temp_dir dir;
  dir.write("in.csv", header + "new,b1,buy,limit,9.90,1,,\n"
                               "new,b2,buy,limit,9.80,1,,\n"
                               "new,b3,buy,limit,9.70,5,day,\n"
                               "new,st1,sell,stop,,1,,9.80\n"
                               "new,st2,sell,stop_limit,9.60,1,day,9.90\n"
                               "new,s1,sell,limit,9.90,1,ioc,\n"
                               "new,s2,sell,limit,9.00,9,ioc,\n"
                               "new,late,sell,stop,,1,day,9.95\n"
                               "new,d1,buy,limit,9.00,2,day,\n"
                               "new,g1,sell,limit,11.00,1,,\n"
                               "expire,,,,,,,\n");
  auto r = book(dir, "in.csv");
  CHECK(r.code == 0);
  CHECK(r.out == "accepted,b1\naccepted,b2\naccepted,b3\naccepted,st1\naccepted,st2\n"
                 "accepted,s1\ntrade,s1,b1,9.90,1\n"
                 "triggered,st2\ntrade,st2,b2,9.80,1\n"
                 "triggered,st1\ntrade,st1,b3,9.70,1\n"
                 "accepted,s2\ntrade,s2,b3,9.70,4\ncancelled,s2,5,ioc\n"
                 "accepted,late\ntriggered,late\ncancelled,late,1,no_liquidity\n"
                 "accepted,d1\naccepted,g1\ncancelled,d1,2,expired\n"
                 "book,ask,11.00,g1,1\n");
}

TEST_CASE("bourse-book prints every business refusal as a rejected line with its reason") {
  temp_dir dir;
  dir.write("in.csv", header + "new,a,buy,limit,10.00,1,,\n"
                               "new,a,buy,limit,10.00,1,,\n"
                               "cancel,nope,,,,,,\n"
                               "new,q0,buy,limit,10.00,0,,\n"
                               "new,q1,buy,limit,10.00,1.5,,\n"
                               "new,p0,buy,limit,0,1,,\n"
                               "new,p1,buy,limit,10.001,1,,\n"
                               "new,p2,buy,limit,,1,,\n"
                               "new,p3,buy,market,10.00,1,,\n"
                               "new,p4,buy,stop,,1,,\n"
                               "new,p5,buy,limit,10.00,1,,10.00\n"
                               "cancel,a,,,,,,\n"
                               "replace,a,,,,2,,\n");
  auto r = book(dir, "in.csv");
  CHECK(r.code == 0);
  CHECK(r.out == "accepted,a\nrejected,a,duplicate_id\nrejected,nope,unknown_id\n"
                 "rejected,q0,non_positive_quantity\nrejected,q1,off_lot\n"
                 "rejected,p0,non_positive_price\nrejected,p1,off_tick\n"
                 "rejected,p2,missing_price\nrejected,p3,unexpected_price\n"
                 "rejected,p4,missing_stop_price\nrejected,p5,unexpected_stop_price\n"
                 "cancelled,a,1,user\nrejected,a,order_finished\n");
}

TEST_CASE("bourse-book stops at a malformed row, naming file:line: column, after its events") {
  temp_dir dir;
  auto check_error = [&](const std::string& row, const std::string& expected_place) {
    dir.write("bad.csv", header + "new,ok,buy,limit,10.00,1,,\n" + row + "\n" +
                             "new,never,buy,limit,10.00,1,,\n");
    auto r = book(dir, "bad.csv");
    CHECK(r.code == 1);
    CHECK(r.out == "accepted,ok\n");
    CHECK(r.err.find("bad.csv:3: " + expected_place) != std::string::npos);
  };
  SUBCASE("bad op") {
    check_error("amend,x,buy,limit,10.00,1,,", "op: unknown op 'amend'");
  }
  SUBCASE("bad side") {
    check_error("new,x,long,limit,10.00,1,,", "side: bad side 'long'");
  }
  SUBCASE("bad type") {
    check_error("new,x,buy,iceberg,10.00,1,,", "type: bad type 'iceberg'");
  }
  SUBCASE("bad tif") {
    check_error("new,x,buy,limit,10.00,1,gtd,", "tif: bad tif 'gtd'");
  }
  SUBCASE("bad number") {
    check_error("new,x,buy,limit,ten,1,,", "price: bad number 'ten'");
  }
  SUBCASE("bad id") {
    check_error("new,x.1,buy,limit,10.00,1,,", "id: bad id 'x.1'");
  }
  SUBCASE("missing id") {
    check_error("cancel,,,,,,,", "id: missing value");
  }
  SUBCASE("missing qty") {
    check_error("new,x,buy,limit,10.00,,,", "qty: missing value");
  }
  SUBCASE("missing field") {
    check_error("new,x,buy,limit,10.00", "qty: missing field");
  }
  SUBCASE("too many fields") {
    check_error("new,x,buy,limit,10.00,1,,,", "too many fields");
  }

  SUBCASE("a header without a required column") {
    dir.write("bad.csv", "op,id,side,type,price,qty,tif\n");
    auto r = book(dir, "bad.csv");
    CHECK(r.code == 1);
    CHECK(r.err.find("bad.csv:1: header: missing column 'stop_price'") != std::string::npos);
  }
  SUBCASE("standard input is named <stdin>") {
    dir.write("bad.csv", header + "new,x,buy,limit,10.00,1,xyz,\n");
    auto r = book(dir, "< bad.csv");
    CHECK(r.code == 1);
    CHECK(r.err.find("<stdin>:2: tif: bad tif 'xyz'") != std::string::npos);
  }
}

TEST_CASE("bourse-book explains its usage and refuses bad options") {
  temp_dir dir;
  auto help = book(dir, "--help");
  CHECK(help.code == 0);
  CHECK(help.out.find("usage: bourse-book [--tick T] [--lot L] [FILE]") == 0);

  auto unknown = book(dir, "--speed 3");
  CHECK(unknown.code == 2);
  CHECK(unknown.err.find("unknown option '--speed'") != std::string::npos);

  auto bad_tick = book(dir, "--tick -1 < /dev/null");
  CHECK(bad_tick.code == 2);
  CHECK(bad_tick.err.find("--tick") != std::string::npos);

  auto missing = book(dir, "no-such-file.csv");
  CHECK(missing.code == 1);
  CHECK(missing.err.find("no-such-file.csv: cannot open file") != std::string::npos);
}
