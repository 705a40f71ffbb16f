// cpct spec: prints the requirement catalogue.
#include <iostream>
#include <map>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "model/model_file.hpp"
#include "model/requirements.hpp"

namespace cpct::cli {
namespace {

int run(const Args& args) {
  const auto spec = model::load_spec(args.get_or("model", ""));
  const model::Catalogue catalogue(*spec);
  std::vector<const model::Requirement*> selected;
  if (const auto op = args.get("operation")) {
    spec->operation(*op);  // unknown names are a usage error listing the known ones
    selected = catalogue.for_operation(*op);
  } else {
    for (const auto& r : catalogue.all()) selected.push_back(&r);
  }

  if (args.has("json")) {
    nlohmann::json out = {{"service", spec->metadata.service_id},
                          {"apiVersion", spec->metadata.api_version},
                          {"requirements", nlohmann::json::array()}};
    for (const auto* r : selected)
      out["requirements"].push_back({{"id", r->id},
                                     {"level", model::to_string(r->level)},
                                     {"family", model::to_string(r->family)},
                                     {"description", r->description},
                                     {"sources", model::to_json(r->sources)}});
    std::cout << out.dump(1) << "\n";
    return kExitOk;
  }
  if (args.has("summary")) {
    std::map<std::string, std::pair<int, int>> families;  // family → (MUST, SHOULD)
    for (const auto* r : selected) {
      auto& counts = families[model::to_string(r->family)];
      (r->level == model::Level::kMust ? counts.first : counts.second)++;
    }
    std::cout << spec->metadata.service_id << " " << spec->metadata.api_version << ", "
              << args.get_or("operation", "all operations") << ": " << selected.size()
              << " requirements\n";
    for (const auto& [family, counts] : families) {
      std::string name = "  " + family;
      name.resize(26, ' ');
      std::cout << name << counts.first << " MUST, " << counts.second << " SHOULD\n";
    }
    return kExitOk;
  }
  for (const auto* r : selected) {
    std::cout << r->id << "  " << model::to_string(r->level) << "  " << r->description << "\n";
    for (const auto& s : r->sources) std::cout << "    source: " << model::to_text(s) << "\n";
  }
  return kExitOk;
}

}  // namespace

const Command& spec_command() {
  static const Command command{
      "spec",
      "Print the requirement catalogue derived from the model",
      "[--operation OP] [--json | --summary] [--model FILE]",
      {{"operation", "OP", "only the requirements that apply to this operation"},
       {"json", nullptr, "print JSON: id, level, family, description, sources"},
       {"summary", nullptr, "print counts by family and level"},
       model_flag()},
      &run};
  return command;
}

}  // namespace cpct::cli
