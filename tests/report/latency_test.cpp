// The latency histogram: fixed size, right buckets, sensible percentiles,
// and results.json carries it.
#include <thread>

#include <gtest/gtest.h>

#include "check/results.hpp"
#include "model/model_file.hpp"
#include "report/render.hpp"

using cpct::check::LatencyHistogram;
using std::chrono::microseconds;

TEST(latency_test, values_land_in_their_log_bucket) {
  LatencyHistogram h;
  h.add(microseconds(0));
  h.add(microseconds(9));
  h.add(microseconds(10));
  h.add(microseconds(150));
  h.add(microseconds(60'000'000));
  h.add(microseconds(-5));  // a clock step backwards: counted as zero
  EXPECT_EQ(h.counts[0], 3u);
  EXPECT_EQ(h.counts[1], 1u);
  EXPECT_EQ(h.counts[4], 1u);  // [100, 200)
  EXPECT_EQ(h.counts.back(), 1u);
  EXPECT_EQ(h.total(), 6u);
}

TEST(latency_test, quantiles_interpolate_inside_the_bucket) {
  LatencyHistogram h;
  for (int i = 0; i < 100; ++i) h.add(microseconds(150));  // all in [100, 200)
  EXPECT_GE(h.quantile(0.5), 100);
  EXPECT_LE(h.quantile(0.5), 200);
  EXPECT_LE(h.quantile(0.5), h.quantile(0.99));
  h.add(microseconds(3'000'000));
  EXPECT_LE(h.quantile(0.99), 200);
  EXPECT_GE(h.quantile(1.0), 2'000'000);
  EXPECT_EQ(LatencyHistogram().quantile(0.5), 0);
}

TEST(latency_test, results_collect_from_many_threads_in_fixed_memory) {
  const cpct::model::Catalogue catalogue(*cpct::model::embedded_spec());
  cpct::check::Results results(catalogue, {});
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 10'000; ++i) results.record_latency(microseconds(i % 700));
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(results.summary().latency.total(), 40'000u);
  static_assert(sizeof(LatencyHistogram) ==
                sizeof(std::uint64_t) * LatencyHistogram::kLowerUs.size());
}

TEST(results_document_test, only_cpct_results_are_accepted) {
  using cpct::report::results_document_problem;
  EXPECT_EQ(results_document_problem({{"tool", "cpct"},
                                      {"summary", nlohmann::json::object()},
                                      {"requirements", nlohmann::json::array()}}),
            "");
  EXPECT_NE(results_document_problem(nlohmann::json::array()), "");
  EXPECT_NE(results_document_problem({{"tool", "other"}}), "");
  EXPECT_NE(results_document_problem({{"tool", "cpct"},
                                      {"summary", nlohmann::json::object()},
                                      {"requirements", {{{"x", 1}}}}}),
            "");
}
