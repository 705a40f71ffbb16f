// Cases made ahead are the plan's cases at the claimed indices, in claim
// order, at any depth; the end of the claims is said, and said again.
#include "check/server/case_prefetch.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "check_fixture.hpp"
#include "model/lifecycle/operations.hpp"

namespace {

std::string fingerprint(const cpct::check::Case& c) {
  return c.name + "|" + c.request.target.value_or("<none>") + "|" + c.request.body;
}

// Claims `indices` in order, then none.
std::function<std::optional<std::size_t>()> claiming(std::vector<std::size_t> indices) {
  auto at = std::make_shared<std::size_t>(0);
  return [indices = std::move(indices), at]() -> std::optional<std::size_t> {
    if (*at >= indices.size()) return std::nullopt;
    return indices[(*at)++];
  };
}

// Every index of `plan` from `from`, in order.
std::function<std::optional<std::size_t>()> claiming_from(const cpct::check::Plan& plan,
                                                          std::size_t from) {
  std::vector<std::size_t> all;
  for (std::size_t i = from; i < plan.size(); ++i) all.push_back(i);
  return claiming(std::move(all));
}

}  // namespace

TEST(case_prefetch_test, made_ahead_in_claim_order_they_are_the_plans_cases) {
  const auto& w = cpct::testing::world();
  const cpct::check::Plan plan(*w.spec, *w.fixtures, {5, 200, {}});
  ASSERT_GT(plan.size(), plan.planned());
  // Planned and generated, forwards and backwards, one index twice.
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < plan.size(); i += 7) order.push_back(i);
  for (std::size_t i = plan.size(); i-- > 0;)
    if (i % 11 == 3) order.push_back(i);
  order.push_back(order.front());
  for (const std::size_t depth : {1, 2, 16}) {
    cpct::check::CasePrefetch ahead(plan, {claiming(order), nullptr, {}, depth});
    for (const std::size_t i : order) {
      const auto made = ahead.next();
      ASSERT_TRUE(made.has_value()) << i;
      EXPECT_EQ(made->c.index, i);
      EXPECT_EQ(fingerprint(made->c), fingerprint(plan.at(i))) << i;
      EXPECT_FALSE(made->expected.has_value());
      EXPECT_FALSE(made->http.has_value());  // no signer given
    }
    EXPECT_FALSE(ahead.next().has_value());
    EXPECT_FALSE(ahead.next().has_value());
  }
  // Left with cases held and the thread waiting for room.
  cpct::check::CasePrefetch left(plan, {claiming(order), nullptr, {}, 4});
  EXPECT_TRUE(left.next().has_value());
}

// Each request is signed ahead, by the signer given, from the case made.
TEST(case_prefetch_test, signed_ahead_by_the_signer_given) {
  const auto& w = cpct::testing::world();
  const cpct::check::Plan plan(*w.spec, *w.fixtures, {6, 50, {}});
  std::size_t signed_count = 0;
  const auto sign = [&](const cpct::check::Case& c) {
    ++signed_count;
    auto http = cpct::check::to_http(c);
    http.headers.push_back({"X-Signed-For", std::to_string(c.index)});
    return http;
  };
  const auto before = std::chrono::steady_clock::now();
  cpct::check::CasePrefetch ahead(plan, {claiming_from(plan, 0), nullptr, sign, 8});
  std::size_t n = 0;
  while (auto made = ahead.next()) {
    ASSERT_TRUE(made->http.has_value());
    EXPECT_EQ(made->http->body, made->c.request.body);
    EXPECT_EQ(made->http->headers.back().value, std::to_string(made->c.index));
    EXPECT_GE(made->signed_at, before);
    ++n;
  }
  EXPECT_EQ(n, plan.size());
  EXPECT_EQ(signed_count, plan.size());
}

// What the claim, the plan or the signer throws comes out of next() at that
// case's turn, after the cases before it.
TEST(case_prefetch_test, a_failure_ahead_is_thrown_at_its_turn) {
  const auto& w = cpct::testing::world();
  const cpct::check::Plan plan(*w.spec, *w.fixtures, {7, 20, {}});
  const auto sign = [](const cpct::check::Case& c) {
    if (c.index == 3) throw std::runtime_error("cannot sign");
    return cpct::check::to_http(c);
  };
  cpct::check::CasePrefetch ahead(plan, {claiming_from(plan, 0), nullptr, sign, 16});
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(ahead.next()->c.index, i);
  EXPECT_THROW(ahead.next(), std::runtime_error);
  EXPECT_THROW(ahead.next(), std::runtime_error);  // again, not a wait for nothing

  auto claims = std::make_shared<int>(0);
  cpct::check::CasePrefetch failing_claim(plan, {[claims]() -> std::optional<std::size_t> {
                                                   if (++*claims > 2)
                                                     throw std::logic_error("no more");
                                                   return *claims;
                                                 },
                                                 nullptr,
                                                 {},
                                                 4});
  EXPECT_EQ(failing_claim.next()->c.index, 1u);
  EXPECT_EQ(failing_claim.next()->c.index, 2u);
  EXPECT_THROW(failing_claim.next(), std::logic_error);
  EXPECT_THROW(failing_claim.next(), std::logic_error);
}

// Without jobs, the answer decided ahead is the one the oracle gives the
// case when asked at its turn.
TEST(case_prefetch_test, decided_ahead_without_jobs_it_is_the_oracles_answer) {
  const auto& w = cpct::testing::world();
  const auto none = std::make_shared<const cpct::model::Fixtures>();
  const cpct::protocol::Oracle oracle(w.spec, none);
  const cpct::check::Plan plan(*w.spec, *none, {9, 300, {}});
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < plan.size(); i += 3) order.push_back(i);
  cpct::check::CasePrefetch ahead(plan, {claiming(order), &oracle, {}, 16});
  std::size_t errors = 0;
  for (const std::size_t i : order) {
    const auto p = ahead.next();
    ASSERT_TRUE(p.has_value()) << i;
    const auto& made = *p;
    ASSERT_EQ(made.c.index, i);
    ASSERT_TRUE(made.expected.has_value()) << i;
    const auto now = oracle.expect(made.c.request);
    EXPECT_EQ(made.expected->status, now.status) << i;
    EXPECT_EQ(made.expected->error_type, now.error_type) << i;
    EXPECT_EQ(made.expected->message, now.message) << i;
    EXPECT_EQ(made.expected->requirements, now.requirements) << i;
    EXPECT_EQ(made.expected->alternatives.size(), now.alternatives.size()) << i;
    errors += now.is_error();
  }
  EXPECT_GT(errors, 10u);
}

// With fixture jobs, a request of a lifecycle operation steps the board and
// is left to be decided at its turn; every other one is decided ahead, and
// the answer is the oracle's.
TEST(case_prefetch_test, with_jobs_only_requests_that_step_no_board_are_decided_ahead) {
  const auto& w = cpct::testing::world();
  const cpct::protocol::Oracle oracle(w.spec, w.fixtures);
  const cpct::check::Plan plan(*w.spec, *w.fixtures, {11, 600, {}});
  cpct::check::CasePrefetch ahead(plan, {claiming_from(plan, plan.planned()), &oracle, {}, 16});
  std::size_t ahead_count = 0;
  std::size_t at_turn = 0;
  while (const auto p = ahead.next()) {
    const auto& made = *p;
    const bool lifecycle = cpct::model::lifecycle::find_operation(made.c.operation) != nullptr;
    EXPECT_EQ(made.expected.has_value(), !lifecycle) << made.c.name;
    EXPECT_EQ(oracle.steps_board(made.c.request), lifecycle) << made.c.name;
    if (!made.expected) {
      ++at_turn;
      continue;
    }
    ++ahead_count;
    const auto now = oracle.expect(made.c.request);
    EXPECT_EQ(made.expected->status, now.status) << made.c.name;
    EXPECT_EQ(made.expected->message, now.message) << made.c.name;
    EXPECT_EQ(made.expected->requirements, now.requirements) << made.c.name;
  }
  EXPECT_GT(ahead_count, 100u);
  EXPECT_GT(at_turn, 10u);
}
