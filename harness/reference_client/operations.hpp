#pragma once
// The inputs and outputs of the ten job-worker operations, and which
// operation each belongs to. GetThirdPartyJobDetails's own are in
// job_details.hpp. Inputs hold the members the model requires as plain
// values and the others as std::optional, absent unless set (so `{job_id}`
// is a whole PutJobSuccessResultInput); outputs hold every member as
// std::optional (job_details.hpp says why). The Put*Result operations have
// no output in the model: their output types are empty, read from an
// empty 200 body or {}.
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include "reference_client/job_details.hpp"
#include "reference_client/job_worker_types.hpp"

namespace cpct::reference_client {

// Third-party (partner) actions.

struct PollForThirdPartyJobsInput {
  ActionTypeId action_type_id;
  std::optional<int> max_batch_size{};  // at least 1; the service's default is 1
  bool operator==(const PollForThirdPartyJobsInput&) const = default;
};

struct PollForThirdPartyJobsOutput {
  std::optional<std::vector<ThirdPartyJob>> jobs;
  bool operator==(const PollForThirdPartyJobsOutput&) const = default;
};

struct AcknowledgeThirdPartyJobInput {
  std::string job_id;
  std::string nonce;  // from GetThirdPartyJobDetails
  std::string client_token;
  bool operator==(const AcknowledgeThirdPartyJobInput&) const = default;
};

struct AcknowledgeThirdPartyJobOutput {
  std::optional<std::string> status;  // JobStatus enum
  bool operator==(const AcknowledgeThirdPartyJobOutput&) const = default;
};

struct PutThirdPartyJobSuccessResultInput {
  std::string job_id;
  std::string client_token;
  std::optional<CurrentRevision> current_revision{};
  std::optional<std::string> continuation_token{};  // set: the job is queued again with it
  std::optional<ExecutionDetails> execution_details{};
  bool operator==(const PutThirdPartyJobSuccessResultInput&) const = default;
};

struct PutThirdPartyJobSuccessResultOutput {
  bool operator==(const PutThirdPartyJobSuccessResultOutput&) const = default;
};

struct PutThirdPartyJobFailureResultInput {
  std::string job_id;
  std::string client_token;
  FailureDetails failure_details;
  bool operator==(const PutThirdPartyJobFailureResultInput&) const = default;
};

struct PutThirdPartyJobFailureResultOutput {
  bool operator==(const PutThirdPartyJobFailureResultOutput&) const = default;
};

// Custom actions.

struct PollForJobsInput {
  ActionTypeId action_type_id;
  std::optional<int> max_batch_size{};
  std::optional<std::map<std::string, std::string>> query_param{};  // at most one entry
  bool operator==(const PollForJobsInput&) const = default;
};

struct PollForJobsOutput {
  std::optional<std::vector<Job>> jobs;
  bool operator==(const PollForJobsOutput&) const = default;
};

struct AcknowledgeJobInput {
  std::string job_id;
  std::string nonce;  // from PollForJobs
  bool operator==(const AcknowledgeJobInput&) const = default;
};

struct AcknowledgeJobOutput {
  std::optional<std::string> status;  // JobStatus enum
  bool operator==(const AcknowledgeJobOutput&) const = default;
};

struct GetJobDetailsInput {
  std::string job_id;
  bool operator==(const GetJobDetailsInput&) const = default;
};

struct GetJobDetailsOutput {
  std::optional<JobDetails> job_details;
  bool operator==(const GetJobDetailsOutput&) const = default;
};

struct PutJobSuccessResultInput {
  std::string job_id;
  std::optional<CurrentRevision> current_revision{};
  std::optional<std::string> continuation_token{};
  std::optional<ExecutionDetails> execution_details{};
  std::optional<std::map<std::string, std::string>> output_variables{};
  bool operator==(const PutJobSuccessResultInput&) const = default;
};

struct PutJobSuccessResultOutput {
  bool operator==(const PutJobSuccessResultOutput&) const = default;
};

struct PutJobFailureResultInput {
  std::string job_id;
  FailureDetails failure_details;
  bool operator==(const PutJobFailureResultInput&) const = default;
};

struct PutJobFailureResultOutput {
  bool operator==(const PutJobFailureResultOutput&) const = default;
};

/// Specialised for each input: kName, the model's operation name, and
/// OutputType, its output.
template <class Input>
struct Operation {};

template <>
struct Operation<PollForThirdPartyJobsInput> {
  static constexpr const char* kName = "PollForThirdPartyJobs";
  using OutputType = PollForThirdPartyJobsOutput;
};

template <>
struct Operation<AcknowledgeThirdPartyJobInput> {
  static constexpr const char* kName = "AcknowledgeThirdPartyJob";
  using OutputType = AcknowledgeThirdPartyJobOutput;
};

template <>
struct Operation<GetThirdPartyJobDetailsInput> {
  static constexpr const char* kName = "GetThirdPartyJobDetails";
  using OutputType = GetThirdPartyJobDetailsOutput;
};

template <>
struct Operation<PutThirdPartyJobSuccessResultInput> {
  static constexpr const char* kName = "PutThirdPartyJobSuccessResult";
  using OutputType = PutThirdPartyJobSuccessResultOutput;
};

template <>
struct Operation<PutThirdPartyJobFailureResultInput> {
  static constexpr const char* kName = "PutThirdPartyJobFailureResult";
  using OutputType = PutThirdPartyJobFailureResultOutput;
};

template <>
struct Operation<PollForJobsInput> {
  static constexpr const char* kName = "PollForJobs";
  using OutputType = PollForJobsOutput;
};

template <>
struct Operation<AcknowledgeJobInput> {
  static constexpr const char* kName = "AcknowledgeJob";
  using OutputType = AcknowledgeJobOutput;
};

template <>
struct Operation<GetJobDetailsInput> {
  static constexpr const char* kName = "GetJobDetails";
  using OutputType = GetJobDetailsOutput;
};

template <>
struct Operation<PutJobSuccessResultInput> {
  static constexpr const char* kName = "PutJobSuccessResult";
  using OutputType = PutJobSuccessResultOutput;
};

template <>
struct Operation<PutJobFailureResultInput> {
  static constexpr const char* kName = "PutJobFailureResult";
  using OutputType = PutJobFailureResultOutput;
};

/// Every operation's input, in the order of docs/worker.md.
using JobWorkerInputs =
    std::tuple<PollForThirdPartyJobsInput, AcknowledgeThirdPartyJobInput,
               GetThirdPartyJobDetailsInput, PutThirdPartyJobSuccessResultInput,
               PutThirdPartyJobFailureResultInput, PollForJobsInput, AcknowledgeJobInput,
               GetJobDetailsInput, PutJobSuccessResultInput, PutJobFailureResultInput>;

/// The same list for the .cpp files' explicit instantiations: X(Name) per
/// operation, Name##Input and Name##Output its types.
#define CPCT_FOR_EACH_OPERATION(X) \
  X(PollForThirdPartyJobs)         \
  X(AcknowledgeThirdPartyJob)      \
  X(GetThirdPartyJobDetails)       \
  X(PutThirdPartyJobSuccessResult) \
  X(PutThirdPartyJobFailureResult) \
  X(PollForJobs)                   \
  X(AcknowledgeJob)                \
  X(GetJobDetails)                 \
  X(PutJobSuccessResult)           \
  X(PutJobFailureResult)

#define CPCT_COUNT_OPERATION(Name) +1
static_assert(0 CPCT_FOR_EACH_OPERATION(CPCT_COUNT_OPERATION) == std::tuple_size_v<JobWorkerInputs>,
              "CPCT_FOR_EACH_OPERATION and JobWorkerInputs list the same operations");
#undef CPCT_COUNT_OPERATION

template <class T>
concept OperationInput = requires {
  Operation<T>::kName;
  typename Operation<T>::OutputType;
};

template <OperationInput Input>
using OutputOf = typename Operation<Input>::OutputType;

namespace detail {
template <class T, class... Inputs>
constexpr const char* operation_of_output(std::tuple<Inputs...>*) {
  const char* name = nullptr;
  ((name = !name && std::is_same_v<T, OutputOf<Inputs>> ? Operation<Inputs>::kName : name), ...);
  return name;
}
}  // namespace detail

/// The name of the operation whose output T is; nullptr for other types.
template <class T>
inline constexpr const char* kOperationOfOutput =
    detail::operation_of_output<T>(static_cast<JobWorkerInputs*>(nullptr));

template <class T>
concept OperationOutput = (kOperationOfOutput<T> != nullptr);

/// An input or output: what the codec reads and writes and the redacting
/// printer prints.
template <class T>
concept Message = OperationInput<T> || OperationOutput<T>;

/// The operation an input or output belongs to.
template <Message T>
constexpr const char* operation_name() {
  if constexpr (OperationInput<T>)
    return Operation<T>::kName;
  else
    return kOperationOfOutput<T>;
}

/// Printing shows artifactCredentials values redacted (redaction.hpp);
/// there is deliberately no unredacted printer.
template <Message T>
std::ostream& operator<<(std::ostream& out, const T& value);

}  // namespace cpct::reference_client
