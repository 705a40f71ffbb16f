#pragma once
// Where a Spec comes from: the model compiled into cpct, or a botocore model
// file given with --model (plain service-2.json or gzipped service-2.json.gz).
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "model/importer.hpp"
#include "model/spec.hpp"

namespace cpct::model {

/// The reduced CodePipeline model committed in harness/model/data, as bytes.
std::string_view embedded_model_json();

/// The embedded CodePipeline spec, imported once and shared.
std::shared_ptr<const Spec> embedded_spec();

/// Reads a model file (gzip detected by content), parses it as JSON.
/// Throws SpecError naming the file on any failure.
ModelJson read_model_file(const std::string& path);

/// read_model_file + import_spec.
std::shared_ptr<const Spec> load_spec_file(const std::string& path);

/// The spec at `path`, or the embedded one when `path` is empty.
std::shared_ptr<const Spec> load_spec(const std::string& path);

/// The same, with `edit` applied to the model's JSON before it is imported
/// (a profile's corrections: unions botocore does not mark).
std::shared_ptr<const Spec> load_spec(const std::string& path,
                                      const std::function<void(ModelJson&)>& edit);

}  // namespace cpct::model
