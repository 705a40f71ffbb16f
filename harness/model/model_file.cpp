#include "model/model_file.hpp"

#include <zlib.h>

#include <memory>

#include "model/importer.hpp"
#include "model/input_file.hpp"
#include "model/ordered_parse.hpp"

namespace cpct::model {
namespace {

// Model files are a few MB at most; anything larger is not a model and must
// not exhaust memory (a gzip bomb included).
constexpr std::size_t kMaxModelBytes = 256u << 20;

// The decompressed bytes of a gzip member, at most kMaxModelBytes.
std::string gunzip(const std::string& path, const std::string& packed) {
  z_stream stream{};
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK)
    throw SpecError("model " + path + ": cannot decompress it");
  const std::unique_ptr<z_stream, decltype(&inflateEnd)> guard(&stream, &inflateEnd);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
  stream.avail_in = static_cast<uInt>(packed.size());
  std::string bytes;
  char buffer[1 << 16];
  for (;;) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    const int status = inflate(&stream, Z_NO_FLUSH);
    if (status != Z_OK && status != Z_STREAM_END)
      throw SpecError("model " + path + ": not a valid gzip file (" +
                      (stream.msg ? stream.msg : "truncated") + ")");
    bytes.append(buffer, sizeof buffer - stream.avail_out);
    if (bytes.size() > kMaxModelBytes)
      throw SpecError("model " + path + ": larger than 256 MiB; not a service model");
    if (status == Z_STREAM_END) return bytes;
    if (stream.avail_in == 0 && stream.avail_out != 0)
      throw SpecError("model " + path + ": not a valid gzip file (truncated)");
  }
}

std::string read_possibly_gzipped(const std::string& path) {
  std::string bytes;
  try {
    bytes = read_input_file(path, kMaxModelBytes);
  } catch (const InputFileError& e) {
    throw SpecError("model " + path + ": " + e.what());
  }
  if (bytes.size() >= 2 && bytes[0] == '\x1f' && bytes[1] == '\x8b') bytes = gunzip(path, bytes);
  try {
    check_json_depth(bytes);
  } catch (const InputFileError& e) {
    throw SpecError("model " + path + ": " + e.what() + "; not a service model");
  }
  return bytes;
}

}  // namespace

ModelJson read_model_file(const std::string& path) {
  const std::string bytes = read_possibly_gzipped(path);
  try {
    return parse_ordered(bytes);
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
      import_spec(parse_ordered(embedded_model_json()), "(embedded CodePipeline model)");
  return spec;
}

std::shared_ptr<const Spec> load_spec(const std::string& path) {
  return path.empty() ? embedded_spec() : load_spec_file(path);
}

std::shared_ptr<const Spec> load_spec(const std::string& path,
                                      const std::function<void(ModelJson&)>& edit) {
  const std::string origin = path.empty() ? "(embedded CodePipeline model)" : path;
  ModelJson model = path.empty() ? parse_ordered(embedded_model_json()) : read_model_file(path);
  edit(model);
  auto spec = import_spec(model, origin);
  if (const auto why = unsupported_protocol(spec->metadata); !why.empty())
    throw SpecError("model " + origin + ": " + why);
  return spec;
}

}  // namespace cpct::model
