// The model codec (model_codec.hpp): any operation's output read as its
// shape, on the toy awsJson1_0 model.
#include "reference_client/model_codec.hpp"

#include <gtest/gtest.h>

#include "model/model_file.hpp"

namespace {

using cpct::reference_client::read_by_shape;
using cpct::reference_client::read_model_response;
using nlohmann::json;

const cpct::model::Spec& toy() {
  static const auto spec =
      cpct::model::load_spec_file(CPCT_SOURCE_DIR "/tests/reference_client/toy/service-2.json");
  return *spec;
}

const cpct::model::Shape& output(const char* operation) {
  return *toy().operation(operation).output;
}

cpct::net::HttpResponse ok(std::string body) {
  cpct::net::HttpResponse r;
  r.outcome = cpct::net::HttpResponse::Outcome::kResponse;
  r.status = 200;
  r.body = std::move(body);
  return r;
}

}  // namespace

TEST(model_codec_test, unknown_members_dropped_nulls_absent_constraints_not_checked) {
  const json sent = json::parse(R"({"widget": {"widgetId": "NOT A PATTERN", "colour": "PURPLE",
      "tags": {"k": "v"}, "parts": [{"name": "a", "count": 1000, "extra": 1}],
      "secret": null, "weight": "NaN", "created": 1.5, "cpctUnknown": [1]}, "other": true})");
  const auto out = read_by_shape(sent, output("GetWidget"));
  ASSERT_TRUE(out) << out.error().message;
  EXPECT_EQ(out.value(), json::parse(R"({"widget": {"widgetId": "NOT A PATTERN",
      "colour": "PURPLE", "tags": {"k": "v"}, "parts": [{"name": "a", "count": 1000}],
      "weight": "NaN", "created": 1.5}})"));
}

TEST(model_codec_test, wrong_types_are_malformed_with_the_path_never_the_value) {
  for (const char* body : {R"({"widget": {"colour": 5}})", R"({"widget": {"tags": {"k": 1}}})",
                           R"({"widget": {"parts": [null]}})", R"({"widget": {"parts": {}}})",
                           R"({"widget": {"parts": [{"count": 1.5}]}})",
                           R"({"widget": {"parts": [{"count": 4294967296}]}})",
                           R"({"widget": {"secret": ["hunter2"]}})"}) {
    SCOPED_TRACE(body);
    const auto out = read_by_shape(json::parse(body), output("GetWidget"));
    ASSERT_FALSE(out);
    EXPECT_EQ(out.error().code, "MalformedResponse");
    EXPECT_EQ(out.error().message.find("hunter2"), std::string::npos);
    EXPECT_EQ(out.error().message.rfind(".widget", 0), 0u) << out.error().message;
  }
}

TEST(model_codec_test, responses_empty_body_no_output_and_not_objects) {
  EXPECT_EQ(read_model_response(ok(""), &output("ListWidgets")).value(), json::object());
  // No output shape: any object is the empty output.
  EXPECT_EQ(read_model_response(ok(R"({"x": 1})"), nullptr).value(), json::object());
  EXPECT_FALSE(read_model_response(ok("[]"), nullptr));
  EXPECT_FALSE(read_model_response(ok(" "), &output("ListWidgets")));
  EXPECT_FALSE(read_model_response(ok(std::string(1000, '[')), &output("ListWidgets")));
  auto error = ok(R"({"__type": "com.amazonaws.toy#WidgetNotFoundException", "message": "m"})");
  error.status = 404;
  const auto out = read_model_response(error, &output("GetWidget"));
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().code, "WidgetNotFoundException");
}

TEST(model_codec_test, the_request_names_the_models_target_and_protocol) {
  const auto& op = toy().operation("GetWidget");
  const auto request =
      cpct::reference_client::make_model_request(toy(), op, {{"widgetId", "w-1"}}, "/p");
  EXPECT_EQ(request.target, "/p/");
  EXPECT_EQ(request.body, R"({"widgetId":"w-1"})");
  bool target = false, type = false;
  for (const auto& h : request.headers) {
    target = target || (h.name == "X-Amz-Target" && h.value == "Toy_20260101.GetWidget");
    type = type || (h.name == "Content-Type" && h.value == "application/x-amz-json-1.0");
  }
  EXPECT_TRUE(target && type);
}
