#include "cli/profile_flag.hpp"

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

}  // namespace cpct::cli
