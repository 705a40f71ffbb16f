// results.sarif's shape: what SARIF 2.1.0 consumers require of it.
#include "report/sarif.hpp"

#include <set>

#include <gtest/gtest.h>

#include "sample_results.hpp"

using nlohmann::json;

TEST(sarif_test, top_level_shape_is_sarif_2_1_0) {
  const json log = cpct::report::sarif_report(cpct::testing::sample_results());
  EXPECT_EQ(log["version"], "2.1.0");
  ASSERT_TRUE(log.contains("$schema"));
  EXPECT_NE(log["$schema"].get<std::string>().find("sarif-schema-2.1.0.json"), std::string::npos);
  ASSERT_TRUE(log["runs"].is_array());
  ASSERT_EQ(log["runs"].size(), 1u);
  const auto& driver = log["runs"][0]["tool"]["driver"];
  EXPECT_EQ(driver["name"], "cpct");
  EXPECT_EQ(driver["version"], "0.1.0");
}

TEST(sarif_test, one_unique_rule_per_requirement_and_results_point_at_rules) {
  const json log = cpct::report::sarif_report(cpct::testing::sample_results());
  const auto& run = log["runs"][0];
  const auto& rules = run["tool"]["driver"]["rules"];
  ASSERT_EQ(rules.size(), 3u);
  std::set<std::string> ids;
  for (const auto& rule : rules) {
    EXPECT_TRUE(ids.insert(rule["id"].get<std::string>()).second) << rule["id"];
    EXPECT_FALSE(rule["shortDescription"]["text"].get<std::string>().empty());
    const std::string level = rule["defaultConfiguration"]["level"];
    EXPECT_TRUE(level == "error" || level == "warning");
  }
  EXPECT_EQ(rules[2]["defaultConfiguration"]["level"], "warning");  // the SHOULD one
  // The failed MUST and the warned SHOULD; nothing for the passed one.
  ASSERT_EQ(run["results"].size(), 2u);
  for (const auto& result : run["results"]) {
    const std::string rule_id = result["ruleId"];
    EXPECT_TRUE(ids.count(rule_id)) << rule_id;
    EXPECT_EQ(rules[result["ruleIndex"].get<std::size_t>()]["id"], rule_id);
    EXPECT_FALSE(result["message"]["text"].get<std::string>().empty());
    ASSERT_FALSE(result["locations"].empty());
    EXPECT_EQ(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
              "http://127.0.0.1:9/");
    EXPECT_EQ(result["properties"]["reproduce"].get<std::string>().rfind("curl ", 0), 0u);
  }
  EXPECT_EQ(run["results"][0]["level"], "error");
  EXPECT_EQ(run["results"][0]["message"]["text"], "HTTP 500 is a server error");
  EXPECT_EQ(run["results"][1]["level"], "warning");
}

TEST(sarif_test, a_client_is_a_logical_location) {
  json doc = cpct::testing::sample_results();
  doc["target"] = {{"kind", "client"}, {"adapter", "node adapter.js"}};
  const json log = cpct::report::sarif_report(doc);
  const auto& location = log["runs"][0]["results"][0]["locations"][0];
  EXPECT_FALSE(location.contains("physicalLocation"));
  EXPECT_EQ(location["logicalLocations"][0]["name"], "node adapter.js");
}
