// cpct fixtures FILE: checks a fixtures file as cpct serve and cpct check
// will read it, and says what it holds.
#include <iostream>

#include "cli/commands.hpp"
#include "model/fixtures.hpp"
#include "model/model_file.hpp"

namespace cpct::cli {
namespace {

int run(const Args& args) {
  const auto path = args.positional() ? args.positional() : args.get("fixtures");
  if (!path) throw UsageError("name the fixtures file (see: cpct fixtures --help)");
  const auto spec = model::load_spec(args.get_or("model", ""));
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

}  // namespace

const Command& fixtures_command() {
  static const Command command{
      "fixtures",
      "Check a fixtures file (the jobs a server under test holds) against the model",
      "FILE [--model FILE]",
      {{"fixtures", "FILE", "the fixtures file (or give it as the argument)"}, model_flag()},
      &run,
      "FILE"};
  return command;
}

}  // namespace cpct::cli
