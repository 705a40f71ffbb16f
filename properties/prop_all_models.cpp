// Every `protocol: json` model that Debian's python3-botocore ships imports
// without error, and each operation's input and output shapes generate
// values that validate clean. This keeps `--model` honest for any awsJson
// service, not only CodePipeline.
#include <gtest/gtest.h>

#include <filesystem>

#include "gen/shape_gen.hpp"
#include "model/model_file.hpp"
#include "model/validator.hpp"
#include "prop_support.hpp"

namespace fs = std::filesystem;
using cpct::model::Direction;

TEST(prop_all_models, every_json_model_imports_generates_and_validates) {
  const fs::path data = CPCT_BOTOCORE_DATA;
  if (!fs::exists(data)) GTEST_SKIP() << data << " missing: run scripts/deps --tests";
  std::size_t models = 0;
  std::size_t operations = 0;
  std::size_t gave_up = 0;
  for (const auto& service : fs::directory_iterator(data)) {
    if (!service.is_directory()) continue;
    for (const auto& version : fs::directory_iterator(service.path())) {
      const auto file = version.path() / "service-2.json";
      if (!fs::exists(file)) continue;
      const auto document = cpct::model::read_model_file(file.string());
      if (document["metadata"].value("protocol", "") != "json") continue;
      std::shared_ptr<const cpct::model::Spec> spec;
      try {
        spec = cpct::model::load_spec_file(file.string());
      } catch (const cpct::model::SpecError& e) {
        ADD_FAILURE() << e.what();
        continue;
      }
      ++models;
      for (const auto& [name, op] : spec->operations) {
        for (const auto direction : {Direction::kInput, Direction::kOutput}) {
          const auto* root = direction == Direction::kInput ? op.input : op.output;
          if (root == nullptr) continue;
          ++operations;
          const auto label = file.string() + " " + name + " " + cpct::model::to_string(direction);
          // Few cases per shape: breadth across ~10,000 shapes is the point.
          const auto verdict =
              cpct::testing::check_property(label, 3, 30, [&, root = root, direction = direction] {
                const auto value = *cpct::gen::valid_value(
                    *root, {.max_string = 300, .max_collection = 3, .max_depth = 5});
                const auto violations = cpct::model::validate(name, direction, *root, value);
                RC_ASSERT(violations.empty());
              });
          gave_up += verdict == cpct::testing::Verdict::kGaveUp;
        }
      }
    }
  }
  std::printf("json models: %zu imported, %zu operation shapes, %zu could not be generated\n",
              models, operations, gave_up);
  EXPECT_GT(models, 100u);
  // A few shapes contradict themselves (a 36-character UUID pattern with
  // length 32) or hang on lookaheads random text rarely meets; see above.
  EXPECT_LT(gave_up * 100, operations);
}
