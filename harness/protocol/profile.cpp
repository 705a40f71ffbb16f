#include "protocol/profile.hpp"

#include <nlohmann/json.hpp>

#include "model/json_file.hpp"
#include "model/requirement_ids.hpp"

namespace cpct::protocol {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxProfileBytes = 4u << 20;

class Reader {
 public:
  explicit Reader(std::string origin) : origin_(std::move(origin)) {}

  [[noreturn]] void fail(const std::string& what) const {
    throw ProfileError("profile " + origin_ + ": " + what);
  }

  json parse(const std::string& path) const {
    try {
      return model::read_json_file(path, kMaxProfileBytes);
    } catch (const model::JsonFileError& e) {
      fail(e.what());
    }
  }

  std::string text(const json& node, const char* key, const std::string& where) const {
    const auto it = node.find(key);
    if (it == node.end() || !it->is_string() || it->get<std::string>().empty())
      fail(where + ": \"" + key + "\" must be a non-empty string");
    return it->get<std::string>();
  }

  model::Source source(const json& node, const std::string& where) const {
    const auto it = node.find("source");
    if (it == node.end() || !it->is_object())
      fail(where +
           ": \"source\" must be an object {\"kind\": ..., \"ref\": ...}: every "
           "difference says where it comes from");
    const std::string kind = text(*it, "kind", where + ".source");
    for (const auto k :
         {model::SourceKind::kModel, model::SourceKind::kSmithySpec, model::SourceKind::kSmithyTest,
          model::SourceKind::kAwsDocs, model::SourceKind::kRfc, model::SourceKind::kObserved,
          model::SourceKind::kProject})
      if (kind == model::to_string(k)) return {k, text(*it, "ref", where + ".source")};
    fail(where + ".source.kind: '" + kind +
         "' is not one of model, smithy-spec, smithy-test, aws-docs, rfc, observed, project");
  }

 private:
  std::string origin_;
};

}  // namespace

std::optional<std::string> MessageForm::for_violation(const std::string& requirement_id,
                                                      const std::string& id_path) const {
  if (!model::id_matches(pattern, requirement_id)) return std::nullopt;
  // The member: the path's last step, without its "[]" or "{}" marks.
  std::string member =
      id_path.substr(id_path.rfind('.') == std::string::npos ? 0 : id_path.rfind('.') + 1);
  while (!member.empty() && (member.back() == ']' || member.back() == '}' || member.back() == '[' ||
                             member.back() == '{'))
    member.pop_back();
  std::string out = message;
  constexpr std::string_view kMember = "{member}";
  for (auto at = out.find(kMember); at != std::string::npos;
       at = out.find(kMember, at + member.size()))
    out.replace(at, kMember.size(), member);
  return out;
}

bool Profile::excludes(const std::string& id) const {
  for (const auto& change : requirements)
    if (!change.level && model::id_matches(change.pattern, id)) return true;
  return false;
}

Profile load_profile(const std::string& path, const model::Spec& spec,
                     const model::Catalogue& catalogue) {
  const Reader reader(path);
  const json document = reader.parse(path);
  if (!document.is_object()) reader.fail("must be a JSON object");
  for (const auto& [key, value] : document.items())
    if (key != "service" && key != "description" && key != "validationErrorType" &&
        key != "requirements" && key != "validationMessages" && key != "unions")
      reader.fail("unknown key \"" + key +
                  "\" (expected service, description, validationErrorType, requirements, "
                  "validationMessages, unions)");
  Profile out;
  out.origin = path;
  out.service = reader.text(document, "service", "top level");
  if (out.service != spec.metadata.service_id)
    reader.fail("written for the service '" + out.service + "', but the model is '" +
                spec.metadata.service_id + "'");
  if (const auto it = document.find("validationErrorType"); it != document.end()) {
    if (!it->is_object()) reader.fail("validationErrorType must be an object {type, source}");
    out.validation_error = reader.text(*it, "type", "validationErrorType");
    out.validation_error_source = reader.source(*it, "validationErrorType");
  }
  if (const auto it = document.find("requirements"); it != document.end()) {
    if (!it->is_array()) reader.fail("requirements must be an array of {id, level, source}");
    for (std::size_t i = 0; i < it->size(); ++i) {
      const json& entry = (*it)[i];
      const std::string where = "requirements[" + std::to_string(i) + "]";
      if (!entry.is_object()) reader.fail(where + " must be an object {id, level, source}");
      RequirementChange change;
      change.pattern = reader.text(entry, "id", where);
      const std::string level = reader.text(entry, "level", where);
      if (level == "SHOULD")
        change.level = model::Level::kShould;
      else if (level != "off")
        reader.fail(where + ".level: '" + level + "' (expected SHOULD or off)");
      change.source = reader.source(entry, where);
      if (!catalogue.matches_any(change.pattern))
        reader.fail(where + ".id: '" + change.pattern + "' names no requirement of this model " +
                    "(see cpct spec --model FILE)");
      out.requirements.push_back(std::move(change));
    }
  }
  if (const auto it = document.find("validationMessages"); it != document.end()) {
    if (!it->is_array())
      reader.fail("validationMessages must be an array of {ids, message, source}");
    for (std::size_t i = 0; i < it->size(); ++i) {
      const json& entry = (*it)[i];
      const std::string where = "validationMessages[" + std::to_string(i) + "]";
      if (!entry.is_object()) reader.fail(where + " must be an object {ids, message, source}");
      for (const auto& [key, value] : entry.items())
        if (key != "ids" && key != "message" && key != "source")
          reader.fail(where + ": unknown key \"" + key + "\" (expected ids, message, source)");
      MessageForm form;
      form.pattern = reader.text(entry, "ids", where);
      form.message = reader.text(entry, "message", where);
      form.source = reader.source(entry, where);
      bool constraint = false;
      for (const auto& r : catalogue.all())
        constraint = constraint || (r.constraint && r.direction == model::Direction::kInput &&
                                    model::id_matches(form.pattern, r.id));
      if (!constraint)
        reader.fail(where + ".ids: '" + form.pattern +
                    "' names no input constraint of this model (see cpct spec --model FILE)");
      out.messages.push_back(std::move(form));
    }
  }
  if (const auto it = document.find("unions"); it != document.end()) {
    if (!it->is_array()) reader.fail("unions must be an array of {shape, source}");
    for (std::size_t i = 0; i < it->size(); ++i) {
      const json& entry = (*it)[i];
      const std::string where = "unions[" + std::to_string(i) + "]";
      if (!entry.is_object()) reader.fail(where + " must be an object {shape, source}");
      for (const auto& [key, value] : entry.items())
        if (key != "shape" && key != "source")
          reader.fail(where + ": unknown key \"" + key + "\" (expected shape, source)");
      UnionMark mark{reader.text(entry, "shape", where), reader.source(entry, where)};
      const model::Shape* shape = spec.find_shape(mark.shape);
      if (!shape || shape->type != model::ShapeType::kStructure)
        reader.fail(where + ".shape: '" + mark.shape + "' is not a structure of the model");
      // The mark goes on before the import (cli: spec_of); a spec read
      // without it would plan cases the profile says are wrong.
      if (!shape->is_union)
        reader.fail(where + ".shape: '" + mark.shape +
                    "' was not marked as a union when the model was read");
      out.unions.push_back(std::move(mark));
    }
  }
  return out;
}

void apply_profile(const Profile& profile, model::Catalogue& catalogue, const model::Wire& wire) {
  std::vector<std::pair<std::string, const RequirementChange*>> changes;
  for (const auto& change : profile.requirements) {
    if (!change.level) continue;
    for (const auto& r : catalogue.all())
      if (model::id_matches(change.pattern, r.id)) changes.emplace_back(r.id, &change);
  }
  for (const auto& [id, change] : changes) {
    model::Source why = change->source;
    why.ref = "profile " + profile.origin + ": " + why.ref;
    catalogue.change_level(id, *change->level, std::move(why));
  }
  const std::string message_id =
      model::ids::protocol(wire, model::ids::Protocol::kValidationMessage);
  for (const auto& form : profile.messages) {
    model::Source why = form.source;
    why.ref = "profile " + profile.origin + ": validationMessages '" + form.message + "' for " +
              form.pattern + ": " + why.ref;
    catalogue.add_source(message_id, std::move(why));
  }
  if (!profile.validation_error_source) return;
  model::Source why = *profile.validation_error_source;
  why.ref = "profile " + profile.origin + ": validationErrorType " + profile.validation_error +
            ": " + why.ref;
  std::vector<std::string> answered;
  for (const auto& r : catalogue.all())
    if ((r.constraint && r.direction == model::Direction::kInput) || r.id == message_id)
      answered.push_back(r.id);
  for (const auto& id : answered) catalogue.add_source(id, why);
}

}  // namespace cpct::protocol
