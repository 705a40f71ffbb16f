#pragma once
// The embedded model with the example fixtures, shared by the checker tests.
#include <memory>

#include "check/server/judge.hpp"
#include "model/fixtures.hpp"
#include "model/model_file.hpp"
#include "protocol/oracle.hpp"

namespace cpct::testing {

struct CheckWorld {
  std::shared_ptr<const model::Spec> spec = model::embedded_spec();
  std::shared_ptr<const model::Fixtures> fixtures = std::make_shared<model::Fixtures>(
      model::load_fixtures_file(CPCT_SOURCE_DIR "/corpus/fixtures/example.json", *spec));
  model::Catalogue catalogue{*spec};
  protocol::Oracle oracle{spec, fixtures};
  check::Judge judge{*spec, catalogue};
};

inline const CheckWorld& world() {
  static const CheckWorld w;
  return w;
}

}  // namespace cpct::testing
