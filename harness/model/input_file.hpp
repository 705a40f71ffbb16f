#pragma once
// Files a user hands cpct (a model, fixtures, a profile, a baseline) read
// with bounds: never more than a cap, never blocked forever on a FIFO or a
// device, never nested deeper than the walks of cpct's values can follow.
#include <cstddef>
#include <stdexcept>
#include <string>

namespace cpct::model {

class InputFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Deepest JSON nesting cpct reads from a file. Service models nest a few
/// levels and fixtures a few dozen; the cap keeps every recursive walk of a
/// value (copy, validation, redaction) far from the end of the stack.
inline constexpr std::size_t kMaxFileJsonDepth = 512;

/// The bytes of `path`, at most `max_bytes`. A regular file is read whole; a
/// FIFO or a device is read as it arrives, and a source silent for
/// `idle_ms` is an error. Throws InputFileError with what is wrong, in words
/// a caller puts after the file's name ("larger than 64 MiB").
std::string read_input_file(const std::string& path, std::size_t max_bytes, int idle_ms = 10'000);

/// Throws InputFileError if `text` nests arrays and objects deeper than
/// `max_depth` (a scan of the brackets outside strings, before any parse).
void check_json_depth(const std::string& text, std::size_t max_depth = kMaxFileJsonDepth);

}  // namespace cpct::model
