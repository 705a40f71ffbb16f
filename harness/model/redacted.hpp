#pragma once
// The one redaction marker: what every report, log and debug print shows
// instead of a sensitive value or a secret (the marker AWS services use).
// Header-only, so the reference client shares it without the model library.

namespace cpct::model {

inline constexpr const char* kRedacted = "*** Sensitive Data Redacted ***";

}  // namespace cpct::model
