#pragma once
// Running a RapidCheck property a set number of times from inside a
// GoogleTest loop (one property per shape or requirement), with the seed
// RC_PARAMS gives, so that failures reproduce like any other property's.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/detail/Configuration.h>
#include <rapidcheck/detail/TestMetadata.h>

#include <sstream>
#include <string>

namespace cpct::testing {

enum class Verdict { kPassed, kFailed, kGaveUp };

/// Runs `property` `cases` times at sizes up to `max_size`; on failure adds
/// a GoogleTest failure naming `label` with RapidCheck's report.
template <typename Property>
Verdict check_property(const std::string& label, int cases, int max_size, Property&& property) {
  auto params = rc::detail::configuration().testParams;
  params.maxSuccess = cases;
  params.maxSize = max_size;
  const auto result = rc::detail::checkTestable(std::forward<Property>(property),
                                                rc::detail::TestMetadata{label, label}, params);
  if (result.template is<rc::detail::SuccessResult>()) return Verdict::kPassed;
  std::ostringstream message;
  rc::detail::printResultMessage(result, message);
  if (result.template is<rc::detail::GaveUpResult>()) {
    std::printf("gave up: %s: %s\n", label.c_str(), message.str().c_str());
    return Verdict::kGaveUp;
  }
  ADD_FAILURE() << label << "\n" << message.str();
  return Verdict::kFailed;
}

}  // namespace cpct::testing
