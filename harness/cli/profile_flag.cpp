#include "cli/profile_flag.hpp"

#include "model/model_file.hpp"
#include "protocol/profile_unions.hpp"

namespace cpct::cli {

CLI::Option* add_profile_flag(CLI::App& app, std::optional<std::string>& path) {
  return app
      .add_option("--profile", path,
                  "a service profile: where the service differs from the protocol and its model, "
                  "with sources (profiles/ has the known ones; docs/profiles.md)")
      ->type_name("FILE");
}

protocol::Profile profile_of(const std::optional<std::string>& path, const model::Spec& spec,
                             model::Catalogue& catalogue) {
  if (!path) return {};
  try {
    protocol::Profile profile = protocol::load_profile(*path, spec, catalogue);
    protocol::apply_profile(profile, catalogue, spec.wire);
    return profile;
  } catch (const protocol::ProfileError& e) {
    throw UsageError(e.what());
  }
}

std::shared_ptr<const model::Spec> spec_of(const std::optional<std::string>& model_path,
                                           const std::optional<std::string>& profile_path) {
  const std::string model = model_path.value_or("");
  if (!profile_path) return model::load_spec(model);
  try {
    const auto unions = protocol::profile_unions(*profile_path);
    if (unions.shapes.empty()) return model::load_spec(model);
    return model::load_spec(model,
                            [&](model::ModelJson& json) { protocol::mark_unions(unions, json); });
  } catch (const protocol::ProfileError& e) {
    throw UsageError(e.what());
  }
}

}  // namespace cpct::cli
