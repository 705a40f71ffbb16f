#include "fuzz_support.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <set>

#include "model/model_file.hpp"

namespace cpct::fuzz {
namespace {

using Clock = std::chrono::steady_clock;

Clock::time_point& clock_start() {
  static Clock::time_point start = Clock::now();
  return start;
}

World make_world(std::string_view fixtures_json, const char* origin) {
  World w;
  w.spec = model::embedded_spec();
  const auto document = nlohmann::json::parse(fixtures_json);
  w.fixtures =
      std::make_shared<const model::Fixtures>(model::parse_fixtures(document, origin, *w.spec));
  w.oracle = std::make_shared<const protocol::Oracle>(w.spec, w.fixtures);
  return w;
}

}  // namespace

const World& world() {
  static const World instance =
      make_world(embedded_fixtures_json(), "corpus/fixtures/example.json");
  return instance;
}

const World& lifecycle_world() {
  static const World instance =
      make_world(embedded_lifecycle_fixtures_json(), "corpus/fixtures/lifecycle.json");
  return instance;
}

void broken(std::string_view what, std::string_view expected_label, std::string_view expected,
            std::string_view observed_label, std::string_view observed) {
  std::fprintf(stderr, "cpct-fuzz: contract broken: %.*s\n", static_cast<int>(what.size()),
               what.data());
  if (!expected_label.empty())
    std::fprintf(stderr, "--- %.*s (%zu bytes)\n%.*s\n", static_cast<int>(expected_label.size()),
                 expected_label.data(), expected.size(), static_cast<int>(expected.size()),
                 expected.data());
  if (!observed_label.empty())
    std::fprintf(stderr, "--- %.*s (%zu bytes)\n%.*s\n", static_cast<int>(observed_label.size()),
                 observed_label.data(), observed.size(), static_cast<int>(observed.size()),
                 observed.data());
  std::fflush(stderr);
  std::abort();
}

void start_clock() {
  clock_start() = Clock::now();
}

void note_outcome(std::string_view outcome) {
  static std::set<std::string, std::less<>> seen;
  static std::uint64_t inputs = 0;
  ++inputs;
  if (seen.find(outcome) != seen.end()) return;
  seen.emplace(outcome);
  const double seconds = std::chrono::duration<double>(Clock::now() - clock_start()).count();
  std::fprintf(stderr, "cpct-fuzz: outcome %.*s first reached after %llu inputs, %.3f s\n",
               static_cast<int>(outcome.size()), outcome.data(),
               static_cast<unsigned long long>(inputs), seconds);
}

std::string target_for(const std::string& operation) {
  return world().spec->metadata.target_prefix + "." + operation;
}

}  // namespace cpct::fuzz
