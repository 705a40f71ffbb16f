#pragma once
// botocore service-2.json → Spec. Also the reduction `cpct import-model`
// commits: the same format with documentation and unused keys dropped.
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "model/spec.hpp"

namespace cpct::model {

/// Models are read in document order: botocore's member order is the order
/// AWS validates and reports in, and the reduction keeps it.
using ModelJson = nlohmann::ordered_json;

/// Builds a Spec from a parsed botocore model. `origin` names the source in
/// error messages. Throws SpecError (what() says where and what).
std::unique_ptr<Spec> import_spec(const ModelJson& model, const std::string& origin);

/// The model with documentation, examples and keys cpct does not read
/// removed; importing the result gives the same Spec.
ModelJson reduce_model(const ModelJson& model, const std::string& origin);

}  // namespace cpct::model
