#include "model/model_file.hpp"

#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "model/importer.hpp"

namespace cpct::model {
namespace {

// Model files are a few MB at most; anything larger is not a model and must
// not exhaust memory (a gzip bomb included).
constexpr std::size_t kMaxModelBytes = 256u << 20;

std::string read_possibly_gzipped(const std::string& path) {
  // gzread passes plain files through unchanged, so one reader serves both.
  const std::unique_ptr<gzFile_s, decltype(&gzclose)> file(gzopen(path.c_str(), "rb"), &gzclose);
  if (!file) throw SpecError("model " + path + ": cannot open: " + std::strerror(errno));
  std::string bytes;
  char buffer[1 << 16];
  for (;;) {
    const int n = gzread(file.get(), buffer, sizeof buffer);
    if (n < 0) {
      int code = 0;
      const char* message = gzerror(file.get(), &code);
      throw SpecError("model " + path +
                      ": cannot read: " + (code == Z_ERRNO ? std::strerror(errno) : message));
    }
    if (n == 0) break;
    bytes.append(buffer, static_cast<std::size_t>(n));
    if (bytes.size() > kMaxModelBytes)
      throw SpecError("model " + path + ": larger than 256 MiB; not a service model");
  }
  return bytes;
}

}  // namespace

ModelJson read_model_file(const std::string& path) {
  const std::string bytes = read_possibly_gzipped(path);
  try {
    return ModelJson::parse(bytes);
  } catch (const ModelJson::exception& e) {  // parse_error, and out_of_range for 1e999
    // e.byte locates the fault; the library's text says what it is.
    throw SpecError("model " + path + ": not valid JSON: " + e.what());
  }
}

std::shared_ptr<const Spec> load_spec_file(const std::string& path) {
  auto spec = import_spec(read_model_file(path), path);
  if (const auto why = unsupported_protocol(spec->metadata); !why.empty())
    throw SpecError("model " + path + ": " + why);
  return spec;
}

std::shared_ptr<const Spec> embedded_spec() {
  static const std::shared_ptr<const Spec> spec =
      import_spec(ModelJson::parse(embedded_model_json()), "(embedded CodePipeline model)");
  return spec;
}

std::shared_ptr<const Spec> load_spec(const std::string& path) {
  return path.empty() ? embedded_spec() : load_spec_file(path);
}

}  // namespace cpct::model
