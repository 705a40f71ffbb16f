#include "protocol/profile_unions.hpp"

#include "model/json_file.hpp"
#include "protocol/profile.hpp"

namespace cpct::protocol {
namespace {

constexpr std::size_t kMaxProfileBytes = 4u << 20;

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw ProfileError("profile " + path + ": " + what);
}

}  // namespace

ProfileUnions profile_unions(const std::string& path) {
  nlohmann::json document;
  try {
    document = model::read_json_file(path, kMaxProfileBytes);
  } catch (const model::JsonFileError& e) {
    fail(path, e.what());
  }
  ProfileUnions out{path, {}, {}};
  if (!document.is_object()) return out;  // load_profile says what is wrong
  if (const auto service = document.find("service");
      service != document.end() && service->is_string())
    out.service = service->get<std::string>();
  const auto it = document.find("unions");
  if (it == document.end()) return out;
  if (!it->is_array()) fail(path, "unions must be an array of {shape, source}");
  for (std::size_t i = 0; i < it->size(); ++i) {
    const auto& entry = (*it)[i];
    const auto shape = entry.is_object() ? entry.find("shape") : entry.end();
    if (!entry.is_object() || shape == entry.end() || !shape->is_string() ||
        shape->get<std::string>().empty())
      fail(path, "unions[" + std::to_string(i) + "]: \"shape\" must be a non-empty string");
    out.shapes.push_back(shape->get<std::string>());
  }
  return out;
}

void mark_unions(const ProfileUnions& unions, model::ModelJson& model) {
  const std::string& path = unions.path;
  const auto metadata = model.find("metadata");
  if (metadata == model.end() || !metadata->is_object() ||
      metadata->value("serviceId", "") != unions.service)
    return;
  auto shapes = model.find("shapes");
  for (const auto& name : unions.shapes) {
    if (shapes == model.end() || !shapes->is_object() || !shapes->contains(name))
      fail(path, "unions: the model has no shape '" + name + "'");
    auto& shape = (*shapes)[name];
    if (!shape.is_object() || shape.value("type", "") != "structure")
      fail(path, "unions: shape '" + name + "' is not a structure, so it cannot be a union");
    shape["union"] = true;
  }
}

}  // namespace cpct::protocol
