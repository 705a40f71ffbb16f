// cpct fixtures FILE: checks a fixtures file as cpct serve and cpct check
// will read it, and says what it holds.
#include <iostream>
#include <memory>
#include <optional>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/flags.hpp"
#include "model/fixtures.hpp"
#include "model/model_file.hpp"

namespace cpct::cli {
namespace {

struct Options {
  std::optional<std::string> file, fixtures, model;
};

int run(const Options& o) {
  const auto& path = o.file ? o.file : o.fixtures;
  if (!path) throw UsageError("name the fixtures file (see: cpct fixtures --help)");
  const auto spec = model::load_spec(o.model.value_or(""));
  const auto fixtures = model::load_fixtures_file(*path, *spec);
  std::size_t third_party = 0;
  for (const auto& job : fixtures.jobs) third_party += job.kind == model::JobKind::kThirdParty;
  std::cout << *path << ": ok, " << fixtures.jobs.size() << " jobs (" << third_party
            << " third-party, " << fixtures.jobs.size() - third_party << " custom)\n";
  for (const auto& job : fixtures.jobs) {
    std::cout << "  " << job.id << "  " << model::to_string(job.kind) << "  " << job.state;
    const auto data = job.job_details.find("data");
    if (data != job.job_details.end()) std::cout << "  data: " << data->size() << " members";
    std::cout << "\n";
  }
  return kExitOk;
}

Run define(CLI::App& app) {
  auto o = std::make_shared<Options>();
  auto* file = app.add_option("FILE", o->file, "the fixtures file")->type_name("FILE");
  app.add_option("--fixtures", o->fixtures, "the fixtures file, as a flag")
      ->type_name("FILE")
      ->excludes(file);
  add_model_flag(app, o->model);
  return [o] { return run(*o); };
}

}  // namespace

const Command& fixtures_command() {
  static const Command command{
      "fixtures",
      "Check a fixtures file (the jobs a server under test holds) against the model",
      {"cpct fixtures corpus/fixtures/example.json"},
      &define};
  return command;
}

}  // namespace cpct::cli
