#pragma once
// results.sarif: SARIF 2.1.0 for code-scanning dashboards. One rule per
// requirement, one result per failed (error) or warned (warning)
// requirement, located at the implementation checked.
#include <nlohmann/json.hpp>

namespace cpct::report {

inline constexpr const char* kSarifSchema =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The SARIF log for a results.json document (already redacted).
nlohmann::json sarif_report(const nlohmann::json& results);

}  // namespace cpct::report
