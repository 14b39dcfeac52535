// Books per strategy and account, marks, and the equity curve.
#include "bourse/strategy/portfolio_ledger.hpp"

#include <algorithm>
#include <limits>
#include <utility>

namespace bourse {

std::vector<std::string> ledger_config::validate() const {
  std::vector<std::string> problems;
  if (default_cash.is_negative())
    problems.push_back("default_cash (" + default_cash.to_string() + ") must not be negative");
  for (const auto& [id, amount] : cash) {
    if (id == 0)
      problems.push_back("cash: strategy id 0 is reserved for the portfolio total");
    if (amount.is_negative())
      problems.push_back("cash of strategy " + std::to_string(id) + " (" + amount.to_string() +
                         ") must not be negative");
  }
  for (strategy_id id : strategies)
    if (id == 0)
      problems.push_back("strategies: strategy id 0 is reserved for the portfolio total");
  for (const auto& symbol : sampled_symbols)
    if (symbol.empty())
      problems.push_back("sampled_symbols: a symbol is empty");
  if (sample_interval < 0)
    problems.push_back("sample_interval (" + std::to_string(sample_interval) +
                       " ns) must not be negative");
  if (max_curve_samples == 1)
    problems.emplace_back("max_curve_samples (1) must be 0 (no limit) or at least 2");
  return problems;
}

portfolio_ledger::portfolio_ledger(ledger_config config) : config_(std::move(config)) {
  for (const auto& [id, amount] : config_.cash)
    strategies_.emplace(id, strategy_book{0, orders::portfolio{amount}, equity_.add_owner()});
  for (strategy_id id : config_.strategies)
    if (strategies_.find(id) == strategies_.end())
      strategies_.emplace(
          id, strategy_book{0, orders::portfolio{config_.default_cash}, equity_.add_owner()});
  for (const auto& symbol : config_.sampled_symbols)
    sampled_symbols_.emplace_back(symbol);
  // Ascending by text (symbol_id orders by text), without duplicates.
  std::sort(sampled_symbols_.begin(), sampled_symbols_.end());
  sampled_symbols_.erase(std::unique(sampled_symbols_.begin(), sampled_symbols_.end()),
                         sampled_symbols_.end());
}

portfolio_ledger::strategy_book& portfolio_ledger::strategy_for(strategy_id strategy,
                                                                account_id account) {
  auto it = strategies_.find(strategy);
  if (it == strategies_.end())
    it = strategies_
             .emplace(strategy, strategy_book{account, orders::portfolio{config_.default_cash},
                                              equity_.add_owner()})
             .first;
  it->second.account = account;
  return it->second;
}

std::optional<orders::position_error>
portfolio_ledger::book(const ledger_fill& fill, std::vector<position_snapshot>* changed) {
  if (auto problem = orders::check_fill(fill.symbol, fill.qty, fill.px))
    return problem;
  auto& strat = strategy_for(fill.strategy, fill.account);
  // Book into a copy first so that a refusal (overflow) changes nothing anywhere.
  orders::portfolio account_book = accounts_[fill.account];
  if (auto problem = account_book.apply_fill(fill.symbol, fill.fill_side, fill.qty, fill.px, fill.fee))
    return problem;
  if (auto problem = strat.book.apply_fill(fill.symbol, fill.fill_side, fill.qty, fill.px, fill.fee))
    return problem;
  accounts_[fill.account] = std::move(account_book);
  equity_.update(strat.slot, *strat.book.find(fill.symbol));
  ++fills_;
  pending_ = true;
  if (changed != nullptr) {
    changed->push_back(snapshot(fill.strategy, fill.account, *strat.book.find(fill.symbol)));
    changed->push_back(snapshot(0, fill.account, *accounts_[fill.account].find(fill.symbol)));
  }
  return std::nullopt;
}

void portfolio_ledger::mark(std::string_view symbol, price px) {
  equity_.mark(symbol, px);
  pending_ = true;
}

std::vector<equity_point> portfolio_ledger::advance(timestamp ts) {
  std::vector<equity_point> out;
  if (ts <= now_)
    return out;
  if (pending_ && (config_.sample_interval <= 0 || !last_sample_ ||
                   now_ - *last_sample_ >= config_.sample_interval))
    out = sample();
  now_ = ts;
  return out;
}

std::vector<equity_point> portfolio_ledger::flush() {
  if (!pending_)
    return {};
  return sample();
}

money add_equities(money a, money b) noexcept {
  const int p = std::max(a.precision(), b.precision());
  std::int64_t ra = 0, rb = 0, sum = 0;
  if (detail::rescale_exact(a.raw(), a.precision(), p, ra) &&
      detail::rescale_exact(b.raw(), b.precision(), p, rb) &&
      !__builtin_add_overflow(ra, rb, &sum))
    return money::from_raw(sum, p);
  // Too large for an int64 at this precision: the largest value of the sum's sign.
  const bool negative = (a.is_negative() && !b.is_positive()) || (b.is_negative() && !a.is_positive());
  return money::from_raw(negative ? std::numeric_limits<std::int64_t>::min()
                                  : std::numeric_limits<std::int64_t>::max(),
                         p);
}

std::vector<equity_point> portfolio_ledger::sample() {
  std::vector<equity_point> out;
  money total;
  for (const auto& [id, strat] : strategies_) {
    money e = equity_of(strat);
    total = add_equities(total, e);
    out.push_back({now_, id, e});
  }
  out.push_back({now_, 0, total});
  sample_marks_.clear(); // reused: no allocation per sample once it has grown
  for (const auto& symbol : sampled_symbols_)
    if (const price* px = equity_.mark_of(symbol))
      sample_marks_.push_back({now_, symbol, *px});
  keep(out, sample_marks_);
  last_sample_ = now_;
  pending_ = false;
  return out;
}

// The curve holds the samples whose index is a multiple of stride_, plus the latest sample when
// it is not one of them (then it is the last entry, replaced by the next sample).
void portfolio_ledger::keep(const std::vector<equity_point>& points,
                            const std::vector<mark_point>& marks) {
  if (!kept_.empty() && kept_.back().index % stride_ != 0) {
    curve_.resize(curve_.size() - kept_.back().points);
    marks_.resize(marks_.size() - kept_.back().marks);
    kept_.pop_back();
  }
  if (config_.max_curve_samples > 0 && kept_.size() >= config_.max_curve_samples)
    thin();
  curve_.insert(curve_.end(), points.begin(), points.end());
  marks_.insert(marks_.end(), marks.begin(), marks.end());
  kept_.push_back({samples_taken_, static_cast<std::uint32_t>(points.size()),
                   static_cast<std::uint32_t>(marks.size())});
  ++samples_taken_;
}

// Doubles the stride and drops the kept samples that are not on it (stable, in place).
void portfolio_ledger::thin() {
  stride_ *= 2;
  std::size_t read = 0, write = 0, kept = 0, mark_read = 0, mark_write = 0;
  for (const auto& k : kept_) {
    if (k.index % stride_ == 0) {
      for (std::uint32_t i = 0; i < k.points; ++i)
        curve_[write + i] = curve_[read + i];
      for (std::uint32_t i = 0; i < k.marks; ++i)
        marks_[mark_write + i] = marks_[mark_read + i];
      write += k.points;
      mark_write += k.marks;
      kept_[kept++] = k;
    }
    read += k.points;
    mark_read += k.marks;
  }
  curve_.resize(write);
  marks_.resize(mark_write);
  kept_.resize(kept);
}

// The tracker's sums; when an amount might overflow, the full recomputation (which then reports
// the overflow, and the equity is the cash, as it always was).
money portfolio_ledger::equity_of(const strategy_book& strat) const {
  if (auto kept = equity_.equity(strat.slot, strat.book.cash()))
    return *kept;
  auto totals = strat.book.totals(equity_.marks());
  return totals ? totals->equity : strat.book.cash();
}

money portfolio_ledger::equity(strategy_id strategy) const {
  auto it = strategies_.find(strategy);
  if (it == strategies_.end()) {
    auto cash = config_.cash.find(strategy);
    return cash == config_.cash.end() ? config_.default_cash : cash->second;
  }
  return equity_of(it->second);
}

money portfolio_ledger::total_equity() const {
  money total;
  for (const auto& [id, strat] : strategies_)
    total = add_equities(total, equity_of(strat));
  return total;
}

position_snapshot portfolio_ledger::snapshot(strategy_id strategy, account_id account,
                                             const orders::position& pos) const {
  position_snapshot s;
  s.ts = now_;
  s.strategy = strategy;
  s.account = account;
  s.symbol = pos.symbol();
  s.net = pos.net();
  s.avg_price = pos.average_price();
  s.realised = pos.realised();
  s.fees = pos.fees();
  const price* mark = equity_.mark_of(pos.symbol());
  auto unrealised = mark != nullptr ? pos.unrealised(*mark) : pos.unrealised();
  s.unrealised = unrealised.value_or(money{});
  return s;
}

std::vector<position_snapshot> portfolio_ledger::positions() const {
  std::vector<position_snapshot> out;
  for (const auto& [id, strat] : strategies_)
    for (const auto& [symbol, pos] : strat.book.positions())
      out.push_back(snapshot(id, strat.account, pos));
  for (const auto& [account, book] : accounts_)
    for (const auto& [symbol, pos] : book.positions())
      out.push_back(snapshot(0, account, pos));
  return out;
}

} // namespace bourse
