#include "model/spec.hpp"

namespace cpct::model {

const char* to_string(ShapeType type) {
  switch (type) {
    case ShapeType::kStructure:
      return "structure";
    case ShapeType::kList:
      return "list";
    case ShapeType::kMap:
      return "map";
    case ShapeType::kString:
      return "string";
    case ShapeType::kInteger:
      return "integer";
    case ShapeType::kLong:
      return "long";
    case ShapeType::kDouble:
      return "double";
    case ShapeType::kFloat:
      return "float";
    case ShapeType::kBoolean:
      return "boolean";
    case ShapeType::kTimestamp:
      return "timestamp";
    case ShapeType::kBlob:
      return "blob";
    case ShapeType::kDocument:
      return "document";
  }
  return "?";
}

bool Shape::is_numeric() const {
  return type == ShapeType::kInteger || type == ShapeType::kLong || type == ShapeType::kDouble ||
         type == ShapeType::kFloat;
}

const Member* Shape::find_member(const std::string& member_name) const {
  for (const auto& m : members)
    if (m.name == member_name) return &m;
  return nullptr;
}

const Shape* Spec::find_shape(const std::string& name) const {
  const auto it = shapes.find(name);
  return it == shapes.end() ? nullptr : &it->second;
}

const Operation* Spec::find_operation(const std::string& name) const {
  const auto it = operations.find(name);
  return it == operations.end() ? nullptr : &it->second;
}

const Operation& Spec::operation(const std::string& name) const {
  if (const auto* op = find_operation(name)) return *op;
  std::string known;
  for (const auto& [op_name, op] : operations) {
    if (known.size() > 400) {
      known += ", ...";
      break;
    }
    known += known.empty() ? op_name : ", " + op_name;
  }
  throw SpecError("unknown operation '" + name + "' (the model has: " + known + ")");
}

}  // namespace cpct::model
