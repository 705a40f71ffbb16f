// The validator's benchmark: validating a GetThirdPartyJobDetails response
// (parse + validate) against parsing the same bytes alone with
// nlohmann::json, in one run; and generated valid responses per second.
// Goal: parse+validate at most 2x parse alone.
#include <benchmark/benchmark.h>
#include <rapidcheck.h>

#include <random>

#include "gen/shape_gen.hpp"
#include "model/fixtures.hpp"
#include "model/model_file.hpp"
#include "model/validator.hpp"

namespace {

const cpct::model::Operation& operation() {
  return cpct::model::embedded_spec()->operation("GetThirdPartyJobDetails");
}

// A realistic response: every ThirdPartyJobData member present, the job of
// the example fixtures that uses them all.
const std::string& response_bytes() {
  static const std::string bytes = [] {
    const auto spec = cpct::model::embedded_spec();
    const auto fixtures =
        cpct::model::load_fixtures_file(CPCT_SOURCE_DIR "/corpus/fixtures/example.json", *spec);
    return nlohmann::json{{"jobDetails", fixtures.jobs.front().job_details}}.dump();
  }();
  return bytes;
}

void parse_only(benchmark::State& state) {
  const auto& bytes = response_bytes();
  for (auto _ : state) benchmark::DoNotOptimize(nlohmann::json::parse(bytes));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes.size()));
}
BENCHMARK(parse_only);

void parse_and_validate(benchmark::State& state) {
  const auto& bytes = response_bytes();
  const auto& op = operation();
  for (auto _ : state) {
    const auto value = nlohmann::json::parse(bytes);
    auto violations =
        cpct::model::validate(op.name, cpct::model::Direction::kOutput, *op.output, value);
    if (!violations.empty()) state.SkipWithError("fixture response does not validate");
    benchmark::DoNotOptimize(violations);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes.size()));
}
BENCHMARK(parse_and_validate);

void generate_valid_response(benchmark::State& state) {
  const auto& op = operation();
  const auto gen = cpct::gen::valid_value(*op.output);
  int seed = 0;
  for (auto _ : state) {
    // The size parameter grows as RapidCheck's does over a 100-case run.
    ++seed;
    benchmark::DoNotOptimize(gen(rc::Random(seed), seed % 100).value());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(generate_valid_response);

}  // namespace

BENCHMARK_MAIN();
