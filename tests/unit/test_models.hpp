#pragma once
// Small models written for tests, where the CodePipeline model lacks a case.
#include <memory>

#include <nlohmann/json.hpp>

#include "model/importer.hpp"

namespace cpct::testing {

// One operation whose input has a sensitive bounded string, a list with
// bounds, a map, numbers with ranges, a blob, a boolean and nesting.
inline std::shared_ptr<const model::Spec> toy_spec() {
  static const auto spec =
      std::shared_ptr<const model::Spec>(model::import_spec(nlohmann::ordered_json::parse(R"({
    "metadata": {"protocol": "json", "jsonVersion": "1.1", "targetPrefix": "Toy_1",
                 "serviceId": "Toy", "apiVersion": "1"},
    "operations": {"Put": {"name": "Put", "input": {"shape": "PutInput"},
                           "output": {"shape": "PutOutput"}}},
    "shapes": {
      "PutInput": {"type": "structure", "required": ["name"], "members": {
        "name": {"shape": "Name"}, "secret": {"shape": "Secret"}, "tags": {"shape": "Tags"},
        "attrs": {"shape": "Attrs"}, "count": {"shape": "Count"}, "ratio": {"shape": "Ratio"},
        "blob": {"shape": "Blob"}, "flag": {"shape": "Flag"}, "items": {"shape": "Items"}}},
      "PutOutput": {"type": "structure", "members": {"name": {"shape": "Name"}}},
      "Name": {"type": "string", "min": 2, "max": 5, "pattern": "[a-z]+"},
      "Secret": {"type": "string", "max": 3, "sensitive": true},
      "Tags": {"type": "list", "member": {"shape": "Name"}, "min": 1, "max": 3},
      "Attrs": {"type": "map", "key": {"shape": "Name"}, "value": {"shape": "Count"}, "max": 2},
      "Count": {"type": "integer", "min": 1, "max": 10},
      "Ratio": {"type": "double", "min": 0, "max": 1},
      "Blob": {"type": "blob", "max": 4},
      "Flag": {"type": "boolean"},
      "Items": {"type": "list", "member": {"shape": "Item"}},
      "Item": {"type": "structure", "required": ["kind"], "members": {"kind": {"shape": "Kind"}}},
      "Kind": {"type": "string", "enum": ["A", "B"]}
    }})"),
                                                            "toy"));
  return spec;
}

}  // namespace cpct::testing
