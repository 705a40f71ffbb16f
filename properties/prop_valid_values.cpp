// Property: every value the generators make for a shape validates clean,
// for the input and output of every operation of the CodePipeline model.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "gen/shape_gen.hpp"
#include "model/model_file.hpp"
#include "model/validator.hpp"
#include "text/utf8.hpp"

using cpct::model::Direction;

namespace {

std::string describe(const std::vector<cpct::model::Violation>& violations) {
  std::string out;
  for (const auto& v : violations) out += v.requirement_id + ": " + v.message + "\n";
  return out;
}

}  // namespace

TEST(prop_valid_values, every_codepipeline_shape_generates_valid_values) {
  const auto spec = cpct::model::embedded_spec();
  for (const auto& [name, op] : spec->operations) {
    for (const auto direction : {Direction::kInput, Direction::kOutput}) {
      const auto* root = direction == Direction::kInput ? op.input : op.output;
      if (root == nullptr) continue;
      const std::string label = name + " " + cpct::model::to_string(direction);
      const bool ok = rc::check(label, [&, root = root, direction = direction] {
        const auto value = *cpct::gen::valid_value(*root);
        const auto violations = cpct::model::validate(name, direction, *root, value);
        if (!violations.empty()) RC_FAIL(describe(violations) + value.dump());
        // Values survive the wire: serialised and read back, still equal.
        RC_ASSERT(nlohmann::json::parse(value.dump()) == value);
      });
      EXPECT_TRUE(ok) << label;
    }
  }
}

// The generators reach both ends of each length range, with non-ASCII text,
// so the boundaries the checker tests are the model's, in code points.
RC_GTEST_PROP(prop_valid_values, job_ids_span_their_length_range_in_code_points, ()) {
  const auto spec = cpct::model::embedded_spec();
  const auto& shape = *spec->find_shape("ThirdPartyJobId");
  const auto value = *cpct::gen::valid_value(*spec->operation("GetThirdPartyJobDetails").input);
  const auto& id = value.at("jobId").get_ref<const std::string&>();
  const auto length = cpct::text::count_code_points(id);
  RC_ASSERT(length.has_value());
  RC_ASSERT(*length >= *shape.min);
  RC_ASSERT(*length <= *shape.max);
  RC_CLASSIFY(*length == *shape.min, "at min");
  RC_CLASSIFY(*length == *shape.max, "at max");
  RC_CLASSIFY(*length != id.size(), "non-ASCII");
}
