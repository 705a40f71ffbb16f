// fuzz_importer: bytes as a botocore service model.
//
// Contract: import_spec either throws SpecError with a non-empty message
// (bad JSON is rejected before, by nlohmann's parse_error; a bad pattern
// reaches the caller as SpecError) or returns a usable Spec:
//   - every member, list member and map key/value points at a shape;
//   - its requirement Catalogue builds;
//   - validating {} against each operation's input succeeds (it may report
//     violations, never throw or crash);
//   - reduce_model keeps what cpct reads: importing the reduction gives the
//     same operations and shapes.
// Any other exception escapes and libFuzzer reports it.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "model/importer.hpp"
#include "model/requirements.hpp"
#include "model/validator.hpp"

namespace {

using cpct::fuzz::broken;
using cpct::model::Shape;
using cpct::model::ShapeType;

void check_resolved(const cpct::model::Spec& spec) {
  for (const auto& [name, shape] : spec.shapes) {
    for (const auto& member : shape.members)
      if (member.shape == nullptr)
        broken("unresolved member", "shape", name, "member", member.name);
    if (shape.type == ShapeType::kList && shape.list_member.shape == nullptr)
      broken("unresolved list member", "shape", name);
    if (shape.type == ShapeType::kMap &&
        (shape.map_key.shape == nullptr || shape.map_value.shape == nullptr))
      broken("unresolved map key or value", "shape", name);
  }
}

// What cpct reads of a shape, as text, to compare two imports.
std::string summary(const cpct::model::Spec& spec) {
  std::string out;
  for (const auto& [name, op] : spec.operations)
    out += "op " + name + " " + (op.input ? op.input->name : "-") + " " +
           (op.output ? op.output->name : "-") + " " + std::to_string(op.errors.size()) + "\n";
  for (const auto& [name, shape] : spec.shapes) {
    out += "shape " + name + " " + cpct::model::to_string(shape.type);
    if (shape.min) out += " min=" + std::to_string(*shape.min);
    if (shape.max) out += " max=" + std::to_string(*shape.max);
    if (shape.pattern) out += " pattern=" + shape.pattern->source();
    for (const auto& e : shape.enum_values) out += " enum=" + e;
    for (const auto& m : shape.members)
      out += " " + m.name + ":" + m.shape_name + (m.required ? "!" : "");
    out += "\n";
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  cpct::model::ModelJson document;
  try {
    document = cpct::model::ModelJson::parse(bytes);
  } catch (const nlohmann::json::exception&) {
    // Expected: most inputs are not JSON (parse_error), or hold a number
    // beyond double (out_of_range); read_model_file reports both as SpecError.
    return 0;
  }
  std::unique_ptr<cpct::model::Spec> spec;
  try {
    spec = cpct::model::import_spec(document, "fuzz-input");
  } catch (const cpct::model::SpecError& e) {
    // Expected: a model cpct cannot use is rejected with a message.
    if (std::string(e.what()).empty()) broken("SpecError without a message");
    return 0;
  }
  check_resolved(*spec);
  const cpct::model::Catalogue catalogue(*spec);
  (void)catalogue.all().size();
  for (const auto& [name, op] : spec->operations)
    if (op.input && op.input->type == ShapeType::kStructure)
      (void)cpct::model::validate(name, cpct::model::Direction::kInput, *op.input,
                                  nlohmann::json::object());

  std::unique_ptr<cpct::model::Spec> again;
  try {
    again = cpct::model::import_spec(cpct::model::reduce_model(document, "fuzz-input"),
                                     "fuzz-input (reduced)");
  } catch (const cpct::model::SpecError& e) {
    // Not expected: the reduction of an importable model must import.
    broken("the reduced model does not import", "error", e.what());
  }
  const auto before = summary(*spec);
  const auto after = summary(*again);
  if (before != after)
    broken("reduce_model changed the spec", "imported", before, "reduced", after);
  return 0;
}
