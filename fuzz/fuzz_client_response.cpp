// fuzz_client_response: any HTTP response → the reference client's reader
// (harness/reference_client/wire.hpp), the parser a job worker would link, for each
// of the ten job-worker operations.
//
// Input: byte 0 picks the status (200, 400, 500, 502 or byte 1 as 1xx-5xx),
// byte 2 bit 0 whether an X-Amzn-Errortype header "aws.fuzz#FuzzError:http://x"
// is sent and bits 1-7 the operation whose read_response reads it
// ((byte 2 >> 1) % 10 into kReaders: 0 GetThirdPartyJobDetails, as before
// there was a choice); the rest is the body.
// Contract, for every operation:
//   - read_response never throws and never crashes;
//   - a success re-serialises and re-parses to the same value
//     (to_json → parse_output → to_json is a fixed point, and the values
//     compare equal);
//   - a 2xx with zero body bytes is the empty output; a 2xx that is not
//     read is a kMalformedResponse error carrying the status;
//   - a non-2xx error's code is sanitised (no ':' or '#'); with the header
//     present it is "FuzzError" whatever the body says (the header wins).
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "reference_client/json_codec.hpp"
#include "reference_client/wire.hpp"

namespace {

using namespace cpct::reference_client;

template <OperationOutput Output>
void check(const cpct::net::HttpResponse& response, bool header) {
  const char* operation = kOperationOfOutput<Output>;
  const Result<Output> result = read_response<Output>(response);
  const bool success = response.status >= 200 && response.status <= 299;
  if (result) {
    if (!success)
      cpct::fuzz::broken("a non-2xx response was read as an output", "operation", operation);
    const auto first = to_json(result.value());
    const auto again = parse_output<Output>(first.dump());
    if (!again) cpct::fuzz::broken("a success does not re-parse", operation, first.dump());
    const auto second = to_json(again.value());
    if (second != first)
      cpct::fuzz::broken("a success does not round-trip", "first", first.dump(), "second",
                         second.dump());
    if (!(again.value() == result.value()))
      cpct::fuzz::broken("a success re-parses to another value", operation, first.dump());
    return;
  }
  const auto& error = result.error();
  if (success) {
    if (response.body.empty())
      cpct::fuzz::broken("an empty 2xx body is not the empty output", "operation", operation);
    if (error.kind != ErrorKind::kMalformedResponse || error.http_status != response.status)
      cpct::fuzz::broken("a 2xx that is not the output is not a malformed response", "operation",
                         operation, "error", error.code + " (" + to_string(error.kind) + ")");
    return;
  }
  if (response.status >= 300) {
    if (error.code.find_first_of(":#") != std::string::npos)
      cpct::fuzz::broken("an error type was not sanitised", "code", error.code);
    if (header && error.code != "FuzzError")
      cpct::fuzz::broken("the X-Amzn-Errortype header did not win", "expected", "FuzzError",
                         "observed", error.code);
  }
}

using Reader = void (*)(const cpct::net::HttpResponse&, bool);

// GetThirdPartyJobDetails first: the readers an input picks.
constexpr Reader kReaders[] = {
    &check<GetThirdPartyJobDetailsOutput>,
    &check<PollForThirdPartyJobsOutput>,
    &check<AcknowledgeThirdPartyJobOutput>,
    &check<PutThirdPartyJobSuccessResultOutput>,
    &check<PutThirdPartyJobFailureResultOutput>,
    &check<PollForJobsOutput>,
    &check<AcknowledgeJobOutput>,
    &check<GetJobDetailsOutput>,
    &check<PutJobSuccessResultOutput>,
    &check<PutJobFailureResultOutput>,
};
static_assert(std::size(kReaders) == std::tuple_size_v<JobWorkerInputs>);

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 3) return 0;
  static constexpr int kStatuses[] = {200, 400, 500, 502};
  cpct::net::HttpResponse response;
  response.status = data[0] < 4 ? kStatuses[data[0]] : 100 + data[1] % 500;
  const bool header = data[2] % 2 == 1;
  response.headers.push_back({"content-type", "application/x-amz-json-1.1"});
  if (header) response.headers.push_back({"x-amzn-errortype", "aws.fuzz#FuzzError:http://x"});
  response.body.assign(reinterpret_cast<const char*>(data + 3), size - 3);
  kReaders[(data[2] >> 1) % std::size(kReaders)](response, header);
  return 0;
}
