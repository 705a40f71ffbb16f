#include "cli/profile_flag.hpp"

namespace cpct::cli {

Flag profile_flag() {
  return {"profile", "FILE",
          "a service profile: where the service differs from the protocol and its model, with "
          "sources (profiles/ has the known ones; docs/profiles.md)"};
}

protocol::Profile profile_of(const Args& args, const model::Spec& spec,
                             model::Catalogue& catalogue) {
  const auto path = args.get("profile");
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
