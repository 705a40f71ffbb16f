#pragma once
// x-amzn-RequestId values: random UUID v4, one per response.
#include <string>

namespace cpct::server {

/// A fresh random UUID v4, lower-case ("1b4e28ba-2fa1-41d2-883f-0016d3cca427").
std::string new_request_id();

}  // namespace cpct::server
