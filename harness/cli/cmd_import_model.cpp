// cpct import-model: reduces a botocore model to what cpct reads. This is
// how harness/model/data/codepipeline-2015-07-09.json was made.
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/flags.hpp"
#include "model/importer.hpp"
#include "model/model_file.hpp"

namespace cpct::cli {
namespace {

constexpr const char* kDebianModel =
    "/usr/lib/python3/dist-packages/botocore/data/codepipeline/2015-07-09/service-2.json";

struct Options {
  std::string from = kDebianModel;
  std::optional<std::string> out;
};

int run(const Options& o) {
  const std::string& from = o.from;
  const auto reduced = model::reduce_model(model::read_model_file(from), from);
  const std::string text = reduced.dump(1) + "\n";
  const auto& out = o.out;
  if (!out) {
    std::cout << text;
    return kExitOk;
  }
  std::ofstream file(*out, std::ios::binary);
  if (!(file << text) || !file.flush()) throw UsageError("cannot write " + *out);
  std::cerr << "wrote " << *out << ": " << reduced["operations"].size() << " operations, "
            << reduced["shapes"].size() << " shapes\n";
  return kExitOk;
}

Run define(CLI::App& app) {
  auto o = std::make_shared<Options>();
  app.add_option("--from", o->from, "botocore service-2.json or .json.gz")
      ->type_name("FILE")
      ->capture_default_str();
  app.add_option("--out", o->out, "where to write the reduced model")
      ->type_name("FILE")
      ->default_str("stdout");
  return [o] { return run(*o); };
}

}  // namespace

const Command& import_model_command() {
  static const Command command{
      "import-model",
      "Reduce a botocore service model to shapes and constraints (the embedded model's source)",
      {"cpct import-model --out harness/model/data/codepipeline-2015-07-09.json"},
      &define};
  return command;
}

}  // namespace cpct::cli
