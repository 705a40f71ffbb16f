// Writes raw seed corpora for the fuzz targets from the model's planned
// cases (check::Plan) and the committed model. fuzz/make_corpus runs it and
// minimises the result with libFuzzer's -merge=1 into corpus/<target>/.
//   make_seeds <output-root>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <initializer_list>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "check/server/planner.hpp"
#include "fuzz_support.hpp"
#include "handler_input.hpp"
#include "model/model_file.hpp"
#include "reference_client/wire.hpp"
#include "roundtrip_roots.hpp"

namespace {

namespace fs = std::filesystem;
using cpct::model::ModelJson;

// Named by content (FNV-1a), as libFuzzer names corpus files by hash.
void write_seed(const fs::path& dir, const std::string& bytes) {
  std::uint64_t hash = 14695981039346656037ull;
  for (const unsigned char c : bytes) hash = (hash ^ c) * 1099511628211ull;
  char name[17];
  std::snprintf(name, sizeof name, "%016llx", static_cast<unsigned long long>(hash));
  fs::create_directories(dir);
  std::ofstream(dir / name, std::ios::binary) << bytes;
}

std::string raw_http(const cpct::check::Case& c, bool keep_alive) {
  std::string out = c.method + " " + c.path + " HTTP/1.1\r\nHost: localhost\r\n";
  if (c.request.target) out += "X-Amz-Target: " + *c.request.target + "\r\n";
  if (!c.request.content_type.empty()) out += "Content-Type: " + c.request.content_type + "\r\n";
  if (!keep_alive) out += "Connection: close\r\n";
  out += "Content-Length: " + std::to_string(c.request.body.size()) + "\r\n\r\n" + c.request.body;
  return out;
}

// The model reduced to one operation and the shapes it reaches.
ModelJson sub_model(const ModelJson& model, const std::string& operation) {
  ModelJson out = {{"metadata", model["metadata"]},
                   {"operations", ModelJson::object()},
                   {"shapes", ModelJson::object()}};
  const auto& op = model["operations"][operation];
  out["operations"][operation] = op;
  std::vector<std::string> todo;
  for (const char* key : {"input", "output"})
    if (op.contains(key)) todo.push_back(op[key]["shape"]);
  for (const auto& e : op.value("errors", ModelJson::array())) todo.push_back(e["shape"]);
  while (!todo.empty()) {
    const std::string name = todo.back();
    todo.pop_back();
    if (out["shapes"].contains(name)) continue;
    const auto& shape = model["shapes"][name];
    out["shapes"][name] = shape;
    const ModelJson members = shape.value("members", ModelJson::object());
    for (const auto& [member, ref] : members.items()) todo.push_back(ref["shape"]);
    for (const char* key : {"member", "key", "value"})
      if (shape.contains(key)) todo.push_back(shape[key]["shape"]);
  }
  return out;
}

// Random bytes of `size` whose tail makes pick_root choose `target`
// (FuzzedDataProvider reads integers from the end).
std::string aimed_at(const cpct::fuzz::RoundTripRoot& target, std::size_t size,
                     std::mt19937_64& rng) {
  std::string bytes(size, '\0');
  for (auto& b : bytes) b = static_cast<char>(rng());
  for (;;) {
    FuzzedDataProvider provider(reinterpret_cast<const std::uint8_t*>(bytes.data()), size);
    if (&cpct::fuzz::pick_root(provider) == &target) return bytes;
    bytes[size - 1] = static_cast<char>(rng());
    bytes[size - 2] = static_cast<char>(rng());
  }
}

// fuzz_lifecycle's step bytes: operation (0-9 the lifecycle's, 10 a reset),
// job and choices, action type and batch, clock step.
std::string steps(std::uint8_t mode, std::initializer_list<std::array<std::uint8_t, 4>> list) {
  std::string out(1, static_cast<char>(mode));
  for (const auto& step : list)
    for (const std::uint8_t b : step) out += static_cast<char>(b);
  return out;
}

std::vector<std::string> lifecycle_seeds() {
  constexpr std::uint8_t kDifferential = 0, kModelOnly = 1, kSeconds = 0x80;
  return {
      // Third-party: poll, details, acknowledge, success with continuation,
      // poll again (three jobs), stale and right nonces, failure, a finished job.
      steps(kDifferential, {{0, 0x00, 0x04, 0},
                            {1, 0x00, 0, 1},
                            {2, 0x00, 0, 1},
                            {3, 0x40, 0, 1},
                            {0, 0x00, 0x0c, 1},
                            {2, 0x00, 0, 1},
                            {2, 0x20, 0, 1},
                            {3, 0x00, 0x20, 1},
                            {4, 0x01, 0x20, 1},
                            {2, 0x01, 0, 1},
                            {4, 0x01, 0x40, 1},
                            {2, 0x00, 0, 1},
                            {1, 0x02, 0, 1},
                            {2, 0x02, 0, 1},
                            {3, 0x02, 0xe0, 1}}),
      // Custom: poll with a queryParam, details, acknowledge, continuation,
      // poll, stale and right nonces, failure, reset, a query that misses.
      steps(kDifferential, {{5, 0x80, 0x25, 0},
                            {6, 0x03, 0, 1},
                            {7, 0x03, 0, 1},
                            {8, 0x43, 0x80, 1},
                            {5, 0x00, 0x05, 1},
                            {7, 0x23, 0, 1},
                            {7, 0x03, 0, 1},
                            {9, 0x03, 0x20, 1},
                            {10, 0, 0, 0},
                            {5, 0x80, 0x05, 0},
                            {5, 0x00, 0x09, kSeconds | 5},
                            {7, 0x03, 0, 0}}),
      // Refusals: unknown job, wrong token, the other flavour, unknown and
      // idle action types, an invalid batch, empty and wrong nonces.
      steps(kDifferential, {{1, 0x04, 0, 0},
                            {1, 0x08, 0, 0},
                            {6, 0x00, 0, 0},
                            {1, 0x03, 0, 0},
                            {0, 0x00, 0x07, 0},
                            {5, 0x00, 0x07, 0},
                            {5, 0x00, 0x04, 0},
                            {0, 0x00, 0x1c, 0},
                            {0, 0x00, 0x06, 0},
                            {2, 0x30, 0, 0},
                            {3, 0x00, 0, 0},
                            {2, 0x10, 0, 0},
                            {7, 0x00, 0, 0},
                            {8, 0x04, 0, 0},
                            {0, 0x00, 0x05, 0},
                            {2, 0x08, 0, 0}}),
      // Model only: a job not acknowledged within acknowledgeTimeoutMs is
      // handed out again, with a new nonce.
      steps(kModelOnly, {{0, 0x00, 0x04, 0},
                         {1, 0x00, 0, kSeconds | 31},
                         {0, 0x00, 0x04, 0},
                         {2, 0x20, 0, 0},
                         {2, 0x00, 0, 0},
                         {0, 0x00, 0x0c, kSeconds | 40},
                         {3, 0x00, 0, 0},
                         {0, 0x00, 0x0c, kSeconds | 29},
                         {0, 0x00, 0x0c, kSeconds | 1},
                         {2, 0x01, 0, 0}}),
      // Model only: the custom job handed out again exactly at the timeout.
      steps(kModelOnly, {{5, 0x00, 0x0d, 0},
                         {5, 0x00, 0x05, kSeconds | 30},
                         {7, 0x23, 0, 0},
                         {7, 0x03, 0, 0},
                         {8, 0x43, 0, 0},
                         {5, 0x00, 0x05, kSeconds | 100},
                         {7, 0x03, 0, 0},
                         {9, 0x03, 0, 0},
                         {10, 0, 0, 0x7f}}),
  };
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: make_seeds <output-root>\n");
    return 2;
  }
  const fs::path root = argv[1];
  const auto& world = cpct::fuzz::world();

  const cpct::check::Plan plan(*world.spec, *world.fixtures,
                               {.seed = 1, .generated = 0, .operations = {}});
  for (std::size_t i = 0; i < plan.planned(); ++i) {
    const auto c = plan.at(i);
    write_seed(root / "fuzz_session", raw_http(c, i % 3 != 0));
    if (!c.standard_route()) continue;
    std::uint8_t selector = cpct::fuzz::selector_for_target(c.request.target);
    if (c.request.content_type.empty())
      selector |= 2 << 3;
    else if (c.request.content_type.find(';') != std::string::npos)
      selector |= 1 << 3;
    write_seed(root / "fuzz_handler", std::string(1, static_cast<char>(selector)) + c.request.body);
    // Pipelined: two requests on one connection.
    if (i + 1 < plan.planned())
      write_seed(root / "fuzz_session", raw_http(c, true) + raw_http(plan.at(i + 1), false));
  }

  std::mt19937_64 rng(6);
  for (const std::size_t size : {0, 1, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096})
    for (int k = 0; k < 2; ++k) {
      std::string bytes(size, '\0');
      for (auto& b : bytes) b = static_cast<char>(rng());
      write_seed(root / "fuzz_model_roundtrip", bytes);
    }
  // Random bytes reach a few roots; these aim one seed of each size at every
  // root (the operation the reference client speaks among them).
  const auto& roots = cpct::fuzz::roundtrip_roots();
  for (const auto& r : roots)
    for (const std::size_t size : {64, 1024})
      write_seed(root / "fuzz_model_roundtrip", aimed_at(r, size, rng));
  // Merging keeps one input per edge, and a bare {} output already covers
  // the client's read-back code: these pinned seeds (make_corpus keeps them
  // as they are) give the client's operation full values, the two largest
  // of 200 built for each of its roots.
  for (const auto& r : roots) {
    if (r.operation != cpct::reference_client::kOperation) continue;
    std::multimap<std::size_t, std::string, std::greater<>> by_size;
    for (int i = 0; i < 200; ++i) {
      std::string bytes = aimed_at(r, 4096, rng);
      FuzzedDataProvider provider(reinterpret_cast<const std::uint8_t*>(bytes.data()),
                                  bytes.size());
      cpct::fuzz::pick_root(provider);
      cpct::fuzz::ProviderChooser chooser(provider);
      if (const auto value = cpct::fuzz::build_valid(*r.shape, chooser))
        by_size.emplace(value->dump().size(), std::move(bytes));
    }
    int kept = 0;
    for (auto it = by_size.begin(); it != by_size.end() && kept < 2; ++it, ++kept)
      write_seed(root / "pinned-fuzz_model_roundtrip", it->second);
  }

  // fuzz_lifecycle: a mode byte, then 4-byte steps (fuzz_lifecycle.cpp):
  // whole worker loops the merge keeps apart from random bytes.
  for (const auto& seed : lifecycle_seeds()) write_seed(root / "fuzz_lifecycle", seed);

  const auto model = ModelJson::parse(cpct::model::embedded_model_json());
  write_seed(root / "fuzz_importer", model.dump());
  for (const auto& [name, op] : model["operations"].items())
    write_seed(root / "fuzz_importer", sub_model(model, name).dump());
  return 0;
}
