#pragma once
// `cpct report --merge`: the results.json files of the shards of one plan
// (cpct check server --shard I/N) made into one, as if one run had sent
// every case: counts add, verdicts are decided again over the union, the
// baseline's "gone" entries are those no shard still saw fail. The rules are
// in docs/report.md ("Merging shards").
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace cpct::report {

/// An input that is not a shard of the same plan; what() is one line
/// naming the file and why.
class MergeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct MergeInput {
  std::string name;  // as the user named it, for messages
  nlohmann::json doc;
};

/// Why `doc` does not have the shape of docs/results.schema.json in what a
/// merge reads (types, enums, a status its counts agree with); empty when
/// it has.
std::string merge_shape_problem(const nlohmann::json& doc);

/// One results.json from the shards. Throws MergeError for an input of
/// another shape or plan, or a shard that two inputs both hold.
nlohmann::json merge_results(const std::vector<MergeInput>& inputs);

/// The shard indexes of the plan that no input held (from the merged
/// document's "shard").
std::vector<std::size_t> missing_shards(const nlohmann::json& merged);

}  // namespace cpct::report
