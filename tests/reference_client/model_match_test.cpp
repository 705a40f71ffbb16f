// The typed structs against the embedded model, which is their source: for
// every operation, every structure its input and output reach must have
// exactly the model's members as Fields (names, shape types, sensitivity),
// required request members as plain values and answer members optional.
// A struct that drifts from the model, or a model change, fails here.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <typeindex>
#include <vector>

#include "model/model_file.hpp"
#include "reference_client/fields.hpp"
#include "reference_client/operations.hpp"

namespace cpct::reference_client {
namespace {

using model::Shape;
using model::ShapeType;

template <class T>
inline constexpr bool kIsVector = false;
template <class T>
inline constexpr bool kIsVector<std::vector<T>> = true;
template <class T>
inline constexpr bool kIsMap = false;
template <class T>
inline constexpr bool kIsMap<std::map<std::string, T>> = true;

template <class M>
struct Unwrapped {
  using type = M;
};
template <class M>
struct Unwrapped<std::optional<M>> {
  using type = M;
};

// Walks a C++ type and a model shape side by side, collecting mismatches.
class Matcher {
 public:
  /// `answer_shapes`: the structures an output reaches (all members optional there).
  explicit Matcher(std::set<std::string> answer_shapes)
      : answer_shapes_(std::move(answer_shapes)) {}

  template <class T>
  void value(const Shape& shape, const std::string& path) {
    if constexpr (std::is_same_v<T, std::string>) {
      expect_type(shape, ShapeType::kString, path);
    } else if constexpr (std::is_same_v<T, int>) {
      expect_type(shape, ShapeType::kInteger, path);
    } else if constexpr (std::is_same_v<T, Timestamp>) {
      expect_type(shape, ShapeType::kTimestamp, path);
    } else if constexpr (kIsVector<T>) {
      if (expect_type(shape, ShapeType::kList, path))
        value<typename T::value_type>(*shape.list_member.shape, path + "[]");
    } else if constexpr (kIsMap<T>) {
      if (expect_type(shape, ShapeType::kMap, path)) {
        expect_type(*shape.map_key.shape, ShapeType::kString, path + "{key}");
        value<typename T::mapped_type>(*shape.map_value.shape, path + "{}");
      }
    } else {
      static_assert(detail::Structure<T>, "a member type the codec does not know");
      structure<T>(shape, path);
    }
  }

  template <detail::Structure T>
  void structure(const Shape& shape, const std::string& path) {
    if (!expect_type(shape, ShapeType::kStructure, path)) return;
    // One C++ type stands for one model shape.
    const auto [it, inserted] = shape_of_type_.emplace(std::type_index(typeid(T)), shape.name);
    if (!inserted && it->second != shape.name)
      problem(path, "one struct for shapes " + it->second + " and " + shape.name);
    if (detail::Fields<T>::kSensitive != shape.sensitive)
      problem(path, std::string("the model marks the structure ") +
                        (shape.sensitive ? "sensitive" : "not sensitive"));
    const bool answer = answer_shapes_.count(shape.name) > 0;
    std::set<std::string> names;
    detail::for_each_field<T>([&](const auto& field) {
      using Member = std::remove_cvref_t<decltype(std::declval<T>().*(field.member))>;
      const std::string at = path + "." + field.name;
      if (!names.insert(field.name).second) problem(at, "named twice in the Fields table");
      const model::Member* member = shape.find_member(field.name);
      if (!member) return problem(at, "a field the model's " + shape.name + " does not have");
      constexpr bool kOptional = detail::kIsOptional<Member>;
      if (answer && !kOptional)
        problem(at, "a plain member in a structure an answer carries (must be std::optional)");
      if (!answer && kOptional == member->required)
        problem(at, member->required ? "required in the model: must be a plain member"
                                     : "optional in the model: must be std::optional");
      value<typename Unwrapped<Member>::type>(*member->shape, at);
    });
    for (const auto& member : shape.members)
      if (!names.count(member.name))
        problem(path + "." + member.name,
                "a member of the model's " + shape.name + " that the struct has no field for");
  }

  const std::vector<std::string>& problems() const { return problems_; }

 private:
  bool expect_type(const Shape& shape, ShapeType type, const std::string& path) {
    if (shape.type == type) return true;
    problem(path, std::string("the model has a ") + model::to_string(shape.type) + " (" +
                      shape.name + "), the struct a " + model::to_string(type));
    return false;
  }

  void problem(const std::string& path, const std::string& what) {
    problems_.push_back(path + ": " + what);
  }

  std::set<std::string> answer_shapes_;
  std::map<std::type_index, std::string> shape_of_type_;
  std::vector<std::string> problems_;
};

// The structure shapes reachable from `shape`.
void reach(const Shape* shape, std::set<std::string>& out) {
  if (!shape) return;
  switch (shape->type) {
    case ShapeType::kStructure:
      if (!out.insert(shape->name).second) return;
      for (const auto& member : shape->members) reach(member.shape, out);
      return;
    case ShapeType::kList:
      return reach(shape->list_member.shape, out);
    case ShapeType::kMap:
      return reach(shape->map_value.shape, out);
    default:
      return;
  }
}

const model::Spec& spec() {
  static const auto loaded = model::load_spec("");
  return *loaded;
}

std::set<std::string> answer_shapes() {
  std::set<std::string> out;
  std::apply(
      [&](auto... input) {
        (reach(spec().operation(Operation<decltype(input)>::kName).output, out), ...);
      },
      JobWorkerInputs{});
  return out;
}

// The mismatches of one operation's input and output.
template <OperationInput Input>
std::vector<std::string> operation_problems(Matcher& matcher) {
  const auto& operation = spec().operation(Operation<Input>::kName);
  const std::string name = operation.name;
  std::vector<std::string> out;
  if (!operation.input) out.push_back(name + ": the model has no input");
  if (operation.input) matcher.structure<Input>(*operation.input, name + " input");
  using Output = OutputOf<Input>;
  if (operation.output)
    matcher.structure<Output>(*operation.output, name + " output");
  else if (std::tuple_size_v<decltype(detail::Fields<Output>::list)> != 0)
    out.push_back(name + ": the model has no output, the struct has fields");
  return out;
}

TEST(model_match_test, every_operation_struct_has_exactly_the_model_members) {
  Matcher matcher(answer_shapes());
  std::vector<std::string> problems;
  std::apply(
      [&](auto... input) {
        (
            [&] {
              for (auto& p : operation_problems<decltype(input)>(matcher)) problems.push_back(p);
            }(),
            ...);
      },
      JobWorkerInputs{});
  problems.insert(problems.end(), matcher.problems().begin(), matcher.problems().end());
  for (const auto& p : problems) ADD_FAILURE() << p;
}

TEST(model_match_test, the_operations_are_the_ten_of_the_job_worker_protocol) {
  std::set<std::string> names;
  std::apply([&](auto... input) { (names.insert(Operation<decltype(input)>::kName), ...); },
             JobWorkerInputs{});
  EXPECT_EQ(names,
            (std::set<std::string>{"PollForThirdPartyJobs", "AcknowledgeThirdPartyJob",
                                   "GetThirdPartyJobDetails", "PutThirdPartyJobSuccessResult",
                                   "PutThirdPartyJobFailureResult", "PollForJobs", "AcknowledgeJob",
                                   "GetJobDetails", "PutJobSuccessResult", "PutJobFailureResult"}));
  for (const auto& name : names) EXPECT_TRUE(spec().find_operation(name)) << name;
  // Each output type belongs to one operation (an error message names it).
  EXPECT_STREQ(kOperationOfOutput<PutJobSuccessResultOutput>, "PutJobSuccessResult");
  EXPECT_STREQ(kOperationOfOutput<PutThirdPartyJobSuccessResultOutput>,
               "PutThirdPartyJobSuccessResult");
  EXPECT_EQ(kOperationOfOutput<Job>, nullptr);
}

// The matcher itself must see drift, or the test above proves nothing.
TEST(model_match_test, the_matcher_reports_a_struct_that_drifts) {
  const Shape& job_details = *spec().find_shape("JobDetails");
  Matcher wrong(answer_shapes());
  wrong.structure<Job>(job_details, "Job as JobDetails");  // Job has a nonce too
  ASSERT_EQ(wrong.problems().size(), 1u);
  EXPECT_NE(wrong.problems()[0].find(".nonce: a field the model's JobDetails does not have"),
            std::string::npos)
      << wrong.problems()[0];

  Shape grown = *spec().find_shape("AcknowledgeJobOutput");
  grown.members.push_back({"statusReason", "String", spec().find_shape("Nonce"), false});
  Matcher added(answer_shapes());
  added.structure<AcknowledgeJobOutput>(grown, "grown");
  ASSERT_EQ(added.problems().size(), 1u);
  EXPECT_NE(added.problems()[0].find("grown.statusReason: a member of the model's"),
            std::string::npos)
      << added.problems()[0];

  Shape retyped = *spec().find_shape("ExecutionDetails");
  for (auto& member : retyped.members)
    if (member.name == "percentComplete") member.shape = spec().find_shape("Nonce");
  Matcher typed(answer_shapes());
  typed.structure<ExecutionDetails>(retyped, "retyped");
  ASSERT_EQ(typed.problems().size(), 1u);
  EXPECT_NE(typed.problems()[0].find("retyped.percentComplete: the model has a string"),
            std::string::npos)
      << typed.problems()[0];

  Shape loosened = *spec().find_shape("FailureDetails");
  for (auto& member : loosened.members) member.required = false;
  Matcher required(answer_shapes());
  required.structure<FailureDetails>(loosened, "loosened");
  EXPECT_EQ(required.problems().size(), 2u);  // type and message are plain
}

}  // namespace
}  // namespace cpct::reference_client
