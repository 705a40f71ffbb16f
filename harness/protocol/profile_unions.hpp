#pragma once
// A profile's "unions": structures of botocore's model that AWS's Smithy
// model of the same service declares as unions (DynamoDB's AttributeValue).
// botocore's JSON has no such mark for them, so without the profile cpct
// would send several members at once and expect unknown members dropped
// where a union keeps them. The mark goes on the model before it is
// imported: everything after reads a union as the model had said so.
#include <string>
#include <vector>

#include "model/importer.hpp"

namespace cpct::protocol {

struct ProfileUnions {
  std::string path;
  std::string service;              // the profile's "service"
  std::vector<std::string> shapes;  // its "unions"
};

/// The shape names the profile at `path` lists under "unions" (none when it
/// has no such key). Throws ProfileError on a malformed list.
ProfileUnions profile_unions(const std::string& path);

/// Marks each shape of `unions` as a union in `model`. A profile written for
/// another service marks nothing (load_profile then says so). Throws
/// ProfileError, naming the profile, for a name that is not a structure of
/// the model.
void mark_unions(const ProfileUnions& unions, model::ModelJson& model);

}  // namespace cpct::protocol
