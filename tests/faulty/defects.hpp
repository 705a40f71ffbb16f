#pragma once
// Seeded defects for the faulty variant of the reference endpoint (tests
// only): each breaks one contract the way real implementations do, and
// names the requirement `cpct check server` must blame. A few "defects" are
// legal alternatives that must pass.
#include <functional>
#include <string>
#include <vector>

#include "server/handler.hpp"

namespace cpct::faulty {

using Handle = std::function<server::Reply(const server::Request&, const protocol::Oracle&,
                                           std::string_view request_id)>;

struct Defect {
  std::string name;
  std::string blamed;  // the requirement that must fail (or warn); empty for legal alternatives
  bool should_only = false;  // blamed is a SHOULD: a warning, exit 0
  Handle handle;
};

const std::vector<Defect>& defects();
/// The lifecycle's (lifecycle_defects.cpp), for corpus/fixtures/lifecycle.json.
void add_lifecycle_defects(std::vector<Defect>& out);
const Defect* find_defect(const std::string& name);

}  // namespace cpct::faulty
