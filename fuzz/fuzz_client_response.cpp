// fuzz_client_response: any HTTP response → the reference client's reader
// (harness/client/wire.hpp), the parser a job worker would link.
//
// Input: byte 0 picks the status (200, 400, 500, 502 or byte 1 as 1xx-5xx),
// byte 2 whether an X-Amzn-Errortype header "aws.fuzz#FuzzError:http://x"
// is sent; the rest is the body.
// Contract:
//   - read_response never throws and never crashes;
//   - a success re-serialises and re-parses to the same value
//     (to_json → parse_output → to_json is a fixed point);
//   - a non-2xx error's code is sanitised (no ':' or '#'); with the header
//     present it is "FuzzError" whatever the body says (the header wins).
#include <cstddef>
#include <cstdint>
#include <string>

#include "client/json_codec.hpp"
#include "client/wire.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 3) return 0;
  static constexpr int kStatuses[] = {200, 400, 500, 502};
  cpct::net::HttpResponse response;
  response.status = data[0] < 4 ? kStatuses[data[0]] : 100 + data[1] % 500;
  const bool header = data[2] % 2 == 1;
  response.headers.push_back({"content-type", "application/x-amz-json-1.1"});
  if (header) response.headers.push_back({"x-amzn-errortype", "aws.fuzz#FuzzError:http://x"});
  response.body.assign(reinterpret_cast<const char*>(data + 3), size - 3);

  const auto result = cpct::client::read_response(response);
  if (result) {
    const auto first = cpct::client::to_json(result.value());
    const auto again = cpct::client::parse_output(first.dump());
    if (!again) cpct::fuzz::broken("a success does not re-parse", "body", first.dump());
    const auto second = cpct::client::to_json(again.value());
    if (second != first)
      cpct::fuzz::broken("a success does not round-trip", "first", first.dump(), "second",
                         second.dump());
    return 0;
  }
  const auto& error = result.error();
  if (response.status >= 300) {
    if (error.code.find_first_of(":#") != std::string::npos)
      cpct::fuzz::broken("an error type was not sanitised", "code", error.code);
    if (header && error.code != "FuzzError")
      cpct::fuzz::broken("the X-Amzn-Errortype header did not win", "expected", "FuzzError",
                         "observed", error.code);
  }
  return 0;
}
