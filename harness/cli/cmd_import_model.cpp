// cpct import-model: reduces a botocore model to what cpct reads. This is
// how harness/model/data/codepipeline-2015-07-09.json was made.
#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "model/importer.hpp"
#include "model/model_file.hpp"

namespace cpct::cli {
namespace {

constexpr const char* kDebianModel =
    "/usr/lib/python3/dist-packages/botocore/data/codepipeline/2015-07-09/service-2.json";

int run(const Args& args) {
  const std::string from = args.get_or("from", kDebianModel);
  const auto reduced = model::reduce_model(model::read_model_file(from), from);
  const std::string text = reduced.dump(1) + "\n";
  const auto out = args.get("out");
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

}  // namespace

const Command& import_model_command() {
  static const Command command{
      "import-model",
      "Reduce a botocore service model to shapes and constraints (the embedded model's source)",
      "[--from FILE] [--out FILE]",
      {{"from", "FILE", "botocore service-2.json or .json.gz", kDebianModel},
       {"out", "FILE", "where to write the reduced model", "stdout"}},
      &run};
  return command;
}

}  // namespace cpct::cli
