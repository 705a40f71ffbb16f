#pragma once
// RapidCheck generators of values that conform to a model shape: lengths
// spanning both boundaries, non-ASCII code points, optional members present
// and absent, empty and large lists and maps, strings from the model's
// patterns. They read the model; nothing about a shape is restated here.
#include <rapidcheck.h>

#include <mutex>

#include <nlohmann/json.hpp>

#include "model/spec.hpp"

namespace cpct::gen {

struct GenOptions {
  std::size_t max_string = 5000;    // longer maxima are sampled below this
  std::size_t max_collection = 12;  // list/map sizes above this are rare
  std::size_t max_depth = 8;        // optional members are dropped below this depth
};

/// RapidCheck's generation context is process-global, not per thread: every
/// call that runs a generator (or walks a shrink tree) holds this lock.
std::mutex& rapidcheck_mutex();

/// A value valid for `shape` (any type; a structure gives a JSON object).
rc::Gen<nlohmann::json> valid_value(const model::Shape& shape, GenOptions options = {});

/// The same, drawn inside rc::gen::exec (or a property) at nesting `depth`.
nlohmann::json draw_valid(const model::Shape& shape, std::size_t depth, const GenOptions& options);

/// A string valid for a string shape (length, pattern, enum), drawn inside exec.
std::string draw_string(const model::Shape& shape, std::size_t min_len, std::size_t max_len);

/// `len` code points, mostly ASCII, some BMP and astral scalars and the
/// characters that break parsers, drawn inside exec. The mixture comes from
/// one seed: RapidCheck shrinks the length, not each character, which keeps
/// generation fast (a draw per character dominated the cost).
std::u32string draw_text(std::size_t len);

}  // namespace cpct::gen
