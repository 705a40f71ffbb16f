#pragma once
// Any operation of any aws-json model, called from the model alone: what
// `cpct-reference-adapter --model FILE` serves. The request is the input as
// given; the output is read as the model's output shape with the same rules
// as the typed codec (json_codec.hpp): unknown members dropped, null members
// absent, JSON types checked, constraint traits not enforced.
#include <string>

#include <nlohmann/json.hpp>

#include "model/spec.hpp"
#include "net/http_client.hpp"
#include "reference_client/result.hpp"

namespace cpct::reference_client {

/// POST request_target(`endpoint_path`) with the model's Content-Type and
/// X-Amz-Target (<targetPrefix>.<Operation>), the input as the body; unsigned.
net::HttpRequest make_model_request(const model::Spec& spec, const model::Operation& op,
                                    const nlohmann::json& input,
                                    const std::string& endpoint_path = "/");

/// The output of a 2xx answer read as `output` (null: any object is the
/// empty output; zero bytes are the empty output), else the error the
/// exchange means (read_error, transport_error).
Result<nlohmann::json> read_model_response(const net::HttpResponse& response,
                                           const model::Shape* output);

/// A JSON value read as `shape`: the value a client keeps, or
/// MalformedResponse naming the path and JSON types (never a value).
Result<nlohmann::json> read_by_shape(const nlohmann::json& value, const model::Shape& shape);

}  // namespace cpct::reference_client
