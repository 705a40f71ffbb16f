#include "roundtrip_roots.hpp"

#include "fuzz_support.hpp"

namespace cpct::fuzz {

const std::vector<RoundTripRoot>& roundtrip_roots() {
  static const std::vector<RoundTripRoot> all = [] {
    std::vector<RoundTripRoot> out;
    const auto& spec = *world().spec;
    for (const auto& [name, op] : spec.operations) {
      if (op.input) out.push_back({name, model::Direction::kInput, op.input});
      if (op.output) out.push_back({name, model::Direction::kOutput, op.output});
    }
    for (const auto& [name, shape] : spec.shapes)
      if (shape.type == model::ShapeType::kStructure && !shape.exception)
        out.push_back({"", model::Direction::kOutput, &shape});
    return out;
  }();
  return all;
}

}  // namespace cpct::fuzz
