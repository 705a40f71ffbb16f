// The reference endpoint with one seeded defect, for tests only:
//   cpct_faulty_serve --defect NAME --fixtures FILE   (serves until SIGTERM)
//   cpct_faulty_serve --list                          (NAME BLAMED LEVEL per line)
#include <cstring>
#include <iostream>
#include <memory>

#include "defects.hpp"
#include "model/fixtures.hpp"
#include "model/model_file.hpp"
#include "server/server.hpp"

int main(int argc, char** argv) {
  std::string defect_name;
  std::string fixtures_path;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--list") == 0) {
      for (const auto& d : cpct::faulty::defects())
        std::cout << d.name << " " << (d.blamed.empty() ? "-" : d.blamed) << " "
                  << (d.blamed.empty() ? "PASS"
                      : d.should_only  ? "SHOULD"
                                       : "MUST")
                  << "\n";
      return 0;
    }
    if (std::strcmp(argv[i], "--defect") == 0 && i + 1 < argc)
      defect_name = argv[++i];
    else if (std::strcmp(argv[i], "--fixtures") == 0 && i + 1 < argc)
      fixtures_path = argv[++i];
  }
  const auto* defect = cpct::faulty::find_defect(defect_name);
  if (defect == nullptr || fixtures_path.empty()) {
    std::cerr << "usage: cpct_faulty_serve --defect NAME --fixtures FILE | --list\n";
    return 2;
  }
  try {
    const auto spec = cpct::model::embedded_spec();
    auto fixtures = std::make_shared<const cpct::model::Fixtures>(
        cpct::model::load_fixtures_file(fixtures_path, *spec));
    auto oracle = std::make_shared<const cpct::protocol::Oracle>(spec, fixtures);
    cpct::server::ServerOptions options;
    options.threads = 4;
    options.handle_signals = true;
    options.handler = [defect, oracle](const cpct::server::Request& request, std::string_view id) {
      return defect->handle(request, *oracle, id);
    };
    cpct::server::Server server(options, oracle);
    server.start();
    std::cout << "listening on " << server.url() << std::endl;
    server.wait();
  } catch (const std::exception& e) {
    std::cerr << "cpct_faulty_serve: " << e.what() << "\n";
    return 2;
  }
  return 0;
}
