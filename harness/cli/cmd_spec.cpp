// cpct spec: prints the requirement catalogue.
#include <iostream>
#include <map>
#include <memory>
#include <optional>

#include <CLI/CLI.hpp>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/flags.hpp"
#include "model/model_file.hpp"
#include "model/requirements.hpp"

namespace cpct::cli {
namespace {

struct Options {
  std::optional<std::string> operation, model;
  bool json = false, summary = false;
};

int run(const Options& o) {
  const auto spec = model::load_spec(o.model.value_or(""));
  const model::Catalogue catalogue(*spec);
  std::vector<const model::Requirement*> selected;
  if (const auto& op = o.operation) {
    spec->operation(*op);  // unknown names are a usage error listing the known ones
    selected = catalogue.for_operation(*op);
  } else {
    for (const auto& r : catalogue.all()) selected.push_back(&r);
  }

  if (o.json) {
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
  if (o.summary) {
    std::map<std::string, std::pair<int, int>> families;  // family → (MUST, SHOULD)
    for (const auto* r : selected) {
      auto& counts = families[model::to_string(r->family)];
      (r->level == model::Level::kMust ? counts.first : counts.second)++;
    }
    std::cout << spec->metadata.service_id << " " << spec->metadata.api_version << ", "
              << o.operation.value_or("all operations") << ": " << selected.size()
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

Run define(CLI::App& app) {
  auto o = std::make_shared<Options>();
  app.add_option("--operation", o->operation, "only the requirements that apply to this operation")
      ->type_name("OP");
  auto* json =
      app.add_flag("--json", o->json, "print JSON: id, level, family, description, sources");
  app.add_flag("--summary", o->summary, "print counts by family and level")->excludes(json);
  add_model_flag(app, o->model);
  return [o] { return run(*o); };
}

}  // namespace

const Command& spec_command() {
  static const Command command{"spec",
                               "Print the requirement catalogue derived from the model",
                               {"cpct spec --operation GetThirdPartyJobDetails --summary",
                                "cpct spec --json --model "
                                "/usr/lib/python3/dist-packages/botocore/data/dynamodb/"
                                "2012-08-10/service-2.json"},
                               &define};
  return command;
}

}  // namespace cpct::cli
