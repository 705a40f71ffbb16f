// Unions a profile marks where botocore's JSON does not (DynamoDB's
// AttributeValue): the mark reaches the spec, generated values hold one
// member, and the client plan puts no unknown member inside a union (but
// still a __type decoy). Each check is run on the unmarked model too, to
// show the mark is what changes it.
#include <gtest/gtest.h>

#include <fstream>
#include <functional>

#include "check/client/planner.hpp"
#include "gen/shape_gen.hpp"
#include "gen/violation_gen.hpp"
#include "model/model_file.hpp"
#include "protocol/profile.hpp"
#include "protocol/profile_unions.hpp"

using nlohmann::json;

namespace {

const std::string kModel = CPCT_BOTOCORE_DATA "/dynamodb/2012-08-10/service-2.json";
const std::string kProfile = CPCT_SOURCE_DIR "/profiles/dynamodb.json";

std::shared_ptr<const cpct::model::Spec> marked() {
  static const auto spec = cpct::model::load_spec(kModel, [](cpct::model::ModelJson& model) {
    cpct::protocol::mark_unions(cpct::protocol::profile_unions(kProfile), model);
  });
  return spec;
}

std::shared_ptr<const cpct::model::Spec> unmarked() {
  static const auto spec = cpct::model::load_spec_file(kModel);
  return spec;
}

// Calls `visit` on every object of `value` read as a union of `shape`.
void each_union(const json& value, const cpct::model::Shape& shape,
                const std::function<void(const json&)>& visit) {
  using cpct::model::ShapeType;
  if (shape.type == ShapeType::kStructure && value.is_object()) {
    if (shape.is_union) visit(value);
    for (const auto& member : shape.members)
      if (const auto it = value.find(member.name); it != value.end())
        each_union(*it, *member.shape, visit);
  } else if (shape.type == ShapeType::kList && value.is_array()) {
    for (const auto& item : value) each_union(item, *shape.list_member.shape, visit);
  } else if (shape.type == ShapeType::kMap && value.is_object()) {
    for (const auto& [key, item] : value.items()) each_union(item, *shape.map_value.shape, visit);
  }
}

// The AttributeValue objects of `value`, read as `shape` of the marked spec
// (where they are unions), as a list.
std::vector<json> attribute_values(const json& value, const cpct::model::Shape& shape) {
  std::vector<json> out;
  each_union(value, shape, [&](const json& object) { out.push_back(object); });
  return out;
}

std::string write_profile(const std::string& name, const std::string& text) {
  const std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream(path) << text;
  return path;
}

}  // namespace

TEST(union_test, the_dynamodb_profile_marks_attribute_value_a_union) {
  EXPECT_TRUE(marked()->find_shape("AttributeValue")->is_union);
  EXPECT_FALSE(unmarked()->find_shape("AttributeValue")->is_union);  // botocore's JSON
  const cpct::model::Catalogue catalogue(*marked());
  const auto profile = cpct::protocol::load_profile(kProfile, *marked(), catalogue);
  ASSERT_EQ(profile.unions.size(), 1u);
  EXPECT_EQ(profile.unions[0].shape, "AttributeValue");
  EXPECT_EQ(profile.unions[0].source.kind, cpct::model::SourceKind::kModel);
  // Read on a model loaded without the mark, the profile says so.
  const cpct::model::Catalogue plain(*unmarked());
  EXPECT_THROW(cpct::protocol::load_profile(kProfile, *unmarked(), plain),
               cpct::protocol::ProfileError);
}

TEST(union_test, a_union_must_be_a_structure_of_the_model_and_cite_a_source) {
  const auto mark = [](const std::string& path) {
    auto model = cpct::model::read_model_file(kModel);
    cpct::protocol::mark_unions(cpct::protocol::profile_unions(path), model);
    return model;
  };
  const std::string list = write_profile(
      "union-list.json", R"({"service": "DynamoDB", "unions": [{"shape": "AttributeValueList",
        "source": {"kind": "project", "ref": "x"}}]})");
  EXPECT_THROW(mark(list), cpct::protocol::ProfileError);
  const std::string missing = write_profile(
      "union-missing.json", R"({"service": "DynamoDB", "unions": [{"shape": "NoSuchShape",
        "source": {"kind": "project", "ref": "x"}}]})");
  EXPECT_THROW(mark(missing), cpct::protocol::ProfileError);
  const std::string unnamed =
      write_profile("union-unnamed.json", R"({"service": "DynamoDB", "unions": [{"source": {}}]})");
  EXPECT_THROW(cpct::protocol::profile_unions(unnamed), cpct::protocol::ProfileError);
  // Written for another service: nothing marked (load_profile says why).
  const std::string other = write_profile(
      "union-other.json", R"({"service": "Kinesis", "unions": [{"shape": "AttributeValue",
        "source": {"kind": "project", "ref": "x"}}]})");
  EXPECT_FALSE(mark(other)["shapes"]["AttributeValue"].contains("union"));
  // Marked, but without a source: refused.
  const std::string unsourced =
      write_profile("union-unsourced.json",
                    R"({"service": "DynamoDB", "unions": [{"shape": "AttributeValue"}]})");
  const auto spec = cpct::model::load_spec(kModel, [&](cpct::model::ModelJson& model) {
    cpct::protocol::mark_unions(cpct::protocol::profile_unions(unsourced), model);
  });
  const cpct::model::Catalogue catalogue(*spec);
  EXPECT_THROW(cpct::protocol::load_profile(unsourced, *spec, catalogue),
               cpct::protocol::ProfileError);
}

TEST(union_test, generated_values_set_one_member_of_a_union) {
  const auto& spec = *marked();
  const auto& input = *spec.find_operation("PutItem")->input;
  std::size_t seen = 0;
  for (std::uint64_t seed = 0; seed < 60; ++seed) {
    const json value = cpct::gen::valid_value(input)(rc::Random(seed), 40).value();
    for (const auto& av : attribute_values(value, input)) {
      EXPECT_EQ(av.size(), 1u) << av.dump();
      ++seen;
    }
  }
  EXPECT_GT(seen, 50u);
  // Values breaking a rule inside an AttributeValue still set one member:
  // the violation replaces the member drawn, it does not join it.
  const cpct::model::Catalogue catalogue(spec);
  std::size_t broken = 0;
  for (const auto* r : catalogue.for_operation("PutItem")) {
    if (!r->constraint || r->direction != cpct::model::Direction::kInput) continue;
    if (r->id.find("PutItem.input.Item{}.") != 0 || cpct::gen::cannot_violate(*r)) continue;
    for (std::uint64_t seed = 0; seed < 5; ++seed) {
      const auto bad = cpct::gen::violating_value(input, *r)(rc::Random(seed), 20).value();
      for (const auto& av : attribute_values(bad.value, input))
        EXPECT_LE(av.size(), 1u) << r->id << ": " << av.dump();
      ++broken;
    }
  }
  EXPECT_GT(broken, 0u);
  // Unmarked, the same draws give AttributeValues of several members.
  const auto& plain = *unmarked()->find_operation("PutItem")->input;
  std::size_t several = 0;
  for (std::uint64_t seed = 0; seed < 60; ++seed) {
    const json value = cpct::gen::valid_value(plain)(rc::Random(seed), 40).value();
    for (const auto& av : attribute_values(value, input)) several += av.size() > 1;
  }
  EXPECT_GT(several, 0u);
}

TEST(union_test, the_client_plan_puts_no_unknown_member_in_a_union) {
  const auto count = [](const cpct::model::Spec& spec, const std::string& name,
                        const std::string& key_prefix) {
    const cpct::check::ClientPlan plan(spec, {3, 0, {"GetItem", "Query"}});
    const auto& reading = *marked();  // read every plan's bodies as unions
    std::size_t cases = 0, inside = 0;
    for (std::size_t i = 0; i < plan.planned(); ++i) {
      const auto c = plan.at(i);
      if (c.name != name) continue;
      ++cases;
      const auto& output = *reading.find_operation(c.operation)->output;
      for (const auto& av : attribute_values(json::parse(c.body), output))
        for (const auto& [key, v] : av.items()) inside += key.rfind(key_prefix, 0) == 0;
    }
    EXPECT_GT(cases, 0u) << name;
    return inside;
  };
  EXPECT_EQ(count(*marked(), "unknown members at every level", "cpctUnknown"), 0u);
  EXPECT_GT(count(*unmarked(), "unknown members at every level", "cpctUnknown"), 0u);
  // __type is ignored in a union as anywhere below the top (aws-json).
  EXPECT_GT(count(*marked(), "decoy __type members at every level of an output", "__type"), 0u);
}
