#include "check/client/planner.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "check_fixture.hpp"
#include "protocol/oracle.hpp"

using cpct::check::ClientCase;
using cpct::check::ClientPlan;

// The plan names requirements and profile questions by string: a typo would
// make a check vanish or a profile row lose its text, so each must resolve.
TEST(client_plan_test, every_case_names_a_known_requirement_and_question) {
  const auto& w = cpct::testing::world();
  const ClientPlan plan(*w.spec, {});
  std::size_t questions = 0, smithy = 0;
  for (std::size_t i = 0; i < plan.planned(); ++i) {
    const ClientCase c = plan.at(i);
    SCOPED_TRACE(c.name);
    EXPECT_NE(w.catalogue.find(c.requirement), nullptr) << c.requirement;
    if (!c.question.empty()) {
      ++questions;
      EXPECT_NE(cpct::protocol::find_question(c.question), nullptr) << c.question;
    }
    if (c.expect == ClientCase::Expect::kOneOf) {
      EXPECT_GE(c.answers.size(), 2u);
    }
    smithy += !c.source.empty();
  }
  EXPECT_GT(questions, 0u);
  EXPECT_GE(smithy, 11u);  // the ten encodings' tests and the foreign namespace
}

// The toy awsJson1_0 model (tests/reference_client/toy): any model, planned from the
// model alone, per operation.
namespace {

const cpct::model::Spec& toy() {
  static const auto spec =
      cpct::model::load_spec_file(CPCT_SOURCE_DIR "/tests/reference_client/toy/service-2.json");
  return *spec;
}

}  // namespace

TEST(client_plan_test, any_model_plans_each_operation_with_its_protocols_ids) {
  const cpct::model::Catalogue catalogue(toy());
  const ClientPlan plan(toy(), {7, 10, {}});
  std::map<std::string, std::size_t> per_operation;
  for (std::size_t i = 0; i < plan.size(); ++i) {
    const ClientCase c = plan.at(i);
    SCOPED_TRACE(c.name);
    ++per_operation[c.operation];
    EXPECT_EQ(c.input, plan.input_of(c.operation));
    // awsJson1_0's own IDs, each one the catalogue has.
    EXPECT_EQ(c.requirement.find("awsJson1_1"), std::string::npos) << c.requirement;
    EXPECT_NE(catalogue.find(c.requirement), nullptr) << c.requirement;
    for (const auto& h : c.headers) {
      if (h.name == "Content-Type" && c.status == 200 && !c.raw && h.value != "text/plain") {
        EXPECT_EQ(h.value, "application/x-amz-json-1.0");
      }
    }
  }
  EXPECT_EQ(per_operation.size(), 3u);
  // A required input member is in every drawn input.
  EXPECT_TRUE(plan.input_of("GetWidget").contains("widgetId"));
}

TEST(client_plan_test, an_operation_without_output_gets_only_errors_and_bad_responses) {
  const ClientPlan plan(toy(), {7, 10, {"DeleteWidget"}});
  EXPECT_EQ(plan.size(), plan.planned());  // no generated outputs to read
  bool declared = false;
  for (std::size_t i = 0; i < plan.size(); ++i) {
    const ClientCase c = plan.at(i);
    SCOPED_TRACE(c.name);
    EXPECT_NE(c.expect, ClientCase::Expect::kOutput);
    EXPECT_EQ(c.requirement.find(".output.round-trip"), std::string::npos);
    declared = declared || c.error_code == "WidgetNotFoundException";
  }
  EXPECT_TRUE(declared);
}

TEST(client_plan_test, each_output_constraint_is_broken_alone) {
  const cpct::model::Catalogue catalogue(toy());
  const ClientPlan plan(toy(), {7, 0, {"GetWidget"}});
  std::set<std::string> broken;
  for (std::size_t i = 0; i < plan.size(); ++i) {
    const ClientCase c = plan.at(i);
    if (c.name.rfind("breaks ", 0) == 0) {
      EXPECT_EQ(c.expect, ClientCase::Expect::kLenient) << c.name;  // pass through or error
      broken.insert(c.name.substr(7, c.name.find(' ', 7) - 7));
    }
  }
  for (const char* id :
       {"GetWidget.output.widget.colour.enum", "GetWidget.output.widget.widgetId.pattern",
        "GetWidget.output.widget.tags.length-max",
        "GetWidget.output.widget.parts[].count.range-max",
        "GetWidget.output.widget.colour.required"})
    EXPECT_EQ(broken.count(id), 1u) << id;
}
