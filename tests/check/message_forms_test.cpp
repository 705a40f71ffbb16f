// The other right forms of a validation message: AWS's map key and map
// value forms (every constraint of the key or value shape listed, at the
// map; "map.KEY.member.x" inside a value) and a profile's own message forms
// (validationMessages). A wrong message is still a validation-message
// failure; the right ones in another form pass.
#include <gtest/gtest.h>

#include <fstream>

#include "check/server/judge.hpp"
#include "model/importer.hpp"
#include "protocol/oracle.hpp"
#include "protocol/profile.hpp"

using cpct::check::Case;
using nlohmann::json;

namespace {

constexpr const char* kMessageId = "awsJson1_0.response.validation-message";

// A DynamoDB-like service: a table name, tags, and items keyed by table.
std::shared_ptr<const cpct::model::Spec> table_spec() {
  static const auto spec = std::shared_ptr<const cpct::model::Spec>(
      cpct::model::import_spec(nlohmann::ordered_json::parse(R"({
    "metadata": {"protocol": "json", "jsonVersion": "1.0", "targetPrefix": "Table_1",
                 "serviceId": "Table", "apiVersion": "1"},
    "operations": {"Put": {"name": "Put", "input": {"shape": "PutInput"}}},
    "shapes": {
      "PutInput": {"type": "structure", "required": ["TableName"],
                   "members": {"TableName": {"shape": "Name"}, "Tags": {"shape": "Tags"},
                               "Items": {"shape": "Items"}, "Labels": {"shape": "Labels"}}},
      "Name": {"type": "string", "min": 3, "max": 8},
      "Tags": {"type": "map", "key": {"shape": "Key"}, "value": {"shape": "Value"}},
      "Key": {"type": "string", "min": 3, "max": 8, "pattern": "[a-z]+"},
      "Value": {"type": "string", "max": 4},
      "Items": {"type": "map", "key": {"shape": "Name"}, "value": {"shape": "Item"}},
      "Item": {"type": "structure", "required": ["Keys"],
               "members": {"Keys": {"shape": "KeyList"}}},
      "KeyList": {"type": "list", "member": {"shape": "Name"}, "min": 1},
      "Labels": {"type": "map", "key": {"shape": "LabelKey"}, "value": {"shape": "Value"}},
      "LabelKey": {"type": "string", "min": 2, "max": 9, "pattern": "^[a-z, ]+$",
                   "enum": ["ab, cd, ef, gh", "xyz"]}
    }})"),
                               "table"));
  return spec;
}

struct World {
  std::shared_ptr<const cpct::model::Spec> spec = table_spec();
  cpct::model::Catalogue catalogue{*spec};
  cpct::protocol::Oracle oracle{spec, nullptr};
  cpct::check::Judge judge;
  explicit World(std::vector<cpct::protocol::MessageForm> forms = {})
      : judge(*spec, catalogue, "ValidationException", std::move(forms)) {}

  // The validation-message verdict for `message` answering `body`.
  bool message_ok(const json& body, const std::string& message) const {
    Case c;
    c.operation = "Put";
    c.request = {"Table_1.Put", "application/x-amz-json-1.0", body.dump()};
    const auto expected = oracle.expect(c.request);
    cpct::net::HttpResponse r;
    r.status = 400;
    r.headers = {{"content-type", "application/x-amz-json-1.0"}};
    r.body = json{{"__type", "ValidationException"}, {"message", message}}.dump();
    bool ok = true, seen = false;
    for (const auto& f : judge.judge(c, expected, r))
      if (f.requirement == kMessageId) {
        seen = true;
        ok = ok && f.ok;
      }
    EXPECT_TRUE(seen) << message;
    return seen && ok;
  }
};

const std::string kFail = "failed to satisfy constraint: ";

}  // namespace

TEST(message_forms_test, a_map_key_may_list_every_constraint_of_the_key) {
  const World w;
  const json body = {{"TableName", "abc"}, {"Tags", {{"ab", "v"}}}};
  const std::string head = "1 validation error detected: Value '{ab=v}' at 'tags' " + kFail +
                           "Map keys must satisfy constraint: [";
  // cpct's own form: the broken constraint alone.
  EXPECT_TRUE(w.message_ok(body, head + "Member must have length greater than or equal to 3]"));
  // kinesalite, dynalite, LocalStack's Lambda: every constraint, any order.
  EXPECT_TRUE(w.message_ok(body, head + "Member must have length less than or equal to 8, Member "
                                        "must have length greater than or equal to 3, Member must "
                                        "satisfy regular expression pattern: [a-z]+]"));
  EXPECT_TRUE(w.message_ok(body, head +
                                     "Member must satisfy regular expression pattern: [a-z]+, "
                                     "Member must have length greater than or equal to 3, Member "
                                     "must have length less than or equal to 8]"));
  // Wrong: another rule, a rule the key does not have, another location.
  EXPECT_FALSE(w.message_ok(body, head + "Member must have length less than or equal to 8]"));
  EXPECT_FALSE(w.message_ok(body, head + "Member must have length less than or equal to 8, Member "
                                         "must have length greater than or equal to 3, Member must "
                                         "satisfy regular expression pattern: [a-z]+, Member must "
                                         "not be null]"));
  EXPECT_FALSE(w.message_ok(body, "1 validation error detected: Value 'ab' at 'tags.ab' " + kFail +
                                      "Member must have length greater than or equal to 3"));
}

// Four rules, two holding ", " themselves (an enum set, a pattern): the
// list is read against the rule texts, in any order, each rule once.
TEST(message_forms_test, a_map_keys_rules_with_commas_in_any_order) {
  const World w;
  // In the enum, too long: only the length maximum is broken.
  const json body = {{"TableName", "abc"}, {"Labels", {{"ab, cd, ef, gh", "v"}}}};
  const std::string head = "1 validation error detected: Value '{ab, cd, ef, gh=v}' at 'labels' " +
                           kFail + "Map keys must satisfy constraint: [";
  const std::string max = "Member must have length less than or equal to 9";
  const std::string min = "Member must have length greater than or equal to 2";
  const std::string pattern = "Member must satisfy regular expression pattern: ^[a-z, ]+$";
  const std::string set = "Member must satisfy enum value set: [xyz, ab, cd, ef, gh]";
  EXPECT_TRUE(w.message_ok(body, head + max + "]"));
  EXPECT_TRUE(w.message_ok(body, head + set + ", " + pattern + ", " + max + ", " + min + "]"));
  EXPECT_TRUE(w.message_ok(body, head + pattern + ", " + min + ", " + set + ", " + max + "]"));
  // A rule missing, one twice, one the key does not have.
  EXPECT_FALSE(w.message_ok(body, head + set + ", " + pattern + ", " + max + "]"));
  EXPECT_FALSE(w.message_ok(body, head + set + ", " + pattern + ", " + max + ", " + max + "]"));
  EXPECT_FALSE(w.message_ok(
      body, head + set + ", " + pattern + ", " + max + ", " + min + ", Member must not be null]"));
}

// A key breaking three rules: AWS's form reports the key once, every rule
// in one bracket ("1 validation error"); cpct's reports each rule ("3
// validation errors"). Both counts are right; no other is.
TEST(message_forms_test, a_key_breaking_several_rules_is_one_error_or_one_per_rule) {
  const World w;
  const json body = {{"TableName", "abc"}, {"Labels", {{"Q", "v"}}}};
  const std::string at =
      "Value '{Q=v}' at 'labels' " + kFail + "Map keys must satisfy constraint: [";
  const std::string min = "Member must have length greater than or equal to 2";
  const std::string pattern = "Member must satisfy regular expression pattern: ^[a-z, ]+$";
  const std::string set = "Member must satisfy enum value set: [xyz, ab, cd, ef, gh]";
  const std::string every =
      at + set + ", " + pattern + ", Member must have length less than or equal to 9, " + min + "]";
  EXPECT_TRUE(w.message_ok(body, "1 validation error detected: " + every));
  EXPECT_TRUE(w.message_ok(body, "3 validation errors detected: " + at + min + "]; " + at +
                                     pattern + "]; " + at + set + "]"));
  EXPECT_FALSE(w.message_ok(body, "2 validation errors detected: " + every));
  EXPECT_FALSE(w.message_ok(body, "1 validation error detected: " + at + min + "]"));
}

TEST(message_forms_test, a_map_value_may_be_located_at_the_map) {
  const World w;
  const json body = {{"TableName", "abc"}, {"Tags", {{"abc", "vvvvv"}}}};
  const std::string one = "1 validation error detected: ";
  EXPECT_TRUE(w.message_ok(body, one + "Value 'vvvvv' at 'tags.abc' " + kFail +
                                     "Member must have length less than or equal to 4"));
  // Cognito's live "at 'logins' ... Map value must satisfy constraint: [...]".
  EXPECT_TRUE(w.message_ok(body, one + "Value '{abc=vvvvv}' at 'tags' " + kFail +
                                     "Map value must satisfy constraint: [Member must have "
                                     "length less than or equal to 4]"));
  EXPECT_FALSE(w.message_ok(body, one + "Value '{abc=vvvvv}' at 'tags' " + kFail +
                                      "Map value must satisfy constraint: [Member must have "
                                      "length less than or equal to 5]"));
  EXPECT_FALSE(w.message_ok(body, one + "Value '{abc=vvvvv}' at 'tags' " + kFail +
                                      "Map keys must satisfy constraint: [Member must have "
                                      "length less than or equal to 4]"));
}

TEST(message_forms_test, a_member_in_a_map_value_may_be_written_with_member) {
  const World w;
  const json body = {{"TableName", "abc"}, {"Items", {{"abc", json::object()}}}};
  const std::string one = "1 validation error detected: Value null at '";
  const std::string rule = "' " + kFail + "Member must not be null";
  EXPECT_TRUE(w.message_ok(body, one + "items.abc.keys" + rule));
  EXPECT_TRUE(w.message_ok(body, one + "items.abc.member.keys" + rule));  // moto's DynamoDB
  EXPECT_FALSE(w.message_ok(body, one + "items.member.keys" + rule));
  EXPECT_FALSE(w.message_ok(body, one + "items.abc.member" + rule));
}

TEST(message_forms_test, a_profiles_message_forms_pass_alone_and_only_for_their_ids) {
  const auto spec = table_spec();
  const std::string path = ::testing::TempDir() + "/table-profile.json";
  {
    std::ofstream(path) << R"({"service": "Table", "validationMessages": [
        {"ids": "*.input.*.required",
         "message": "The parameter '{member}' is required but was not present in the request",
         "source": {"kind": "observed", "ref": "seen live"}},
        {"ids": "*.input.TableName.length-*",
         "message": "TableName must be at least 3 characters long",
         "source": {"kind": "observed", "ref": "seen live too"}}]})";
  }
  cpct::model::Catalogue catalogue(*spec);
  const auto profile = cpct::protocol::load_profile(path, *spec, catalogue);
  cpct::protocol::apply_profile(profile, catalogue, spec->wire);
  EXPECT_NE(catalogue.find(kMessageId)->sources.front().ref.find("seen live"), std::string::npos);
  const World plain;
  const World w(profile.messages);
  const json missing = json::object();
  const std::string required =
      "The parameter 'TableName' is required but was not present in the request";
  EXPECT_TRUE(w.message_ok(missing, required));
  EXPECT_FALSE(plain.message_ok(missing, required));  // no profile: AWS's list form only
  EXPECT_TRUE(w.message_ok(missing, "1 validation error detected: Value null at 'tableName' " +
                                        kFail + "Member must not be null"));
  // Wrong member, or a form for another requirement.
  EXPECT_FALSE(
      w.message_ok(missing, "The parameter 'Tags' is required but was not present in the request"));
  EXPECT_FALSE(w.message_ok(missing, "TableName must be at least 3 characters long"));
  const json short_name = {{"TableName", "ab"}};
  EXPECT_TRUE(w.message_ok(short_name, "TableName must be at least 3 characters long"));
  EXPECT_FALSE(w.message_ok(short_name, required));
  EXPECT_FALSE(w.message_ok(short_name, "TableName is too short"));
}

TEST(message_forms_test, a_message_form_for_no_input_constraint_is_refused) {
  const auto spec = table_spec();
  const std::string path = ::testing::TempDir() + "/table-bad-profile.json";
  std::ofstream(path) << R"({"service": "Table", "validationMessages": [
      {"ids": "Put.input.Nope.required", "message": "m",
       "source": {"kind": "observed", "ref": "r"}}]})";
  cpct::model::Catalogue catalogue(*spec);
  EXPECT_THROW(cpct::protocol::load_profile(path, *spec, catalogue), cpct::protocol::ProfileError);
}
