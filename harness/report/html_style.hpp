#pragma once
// The report page's stylesheet, inlined into every page so it needs no
// other file and no network; includes the print rules.
namespace cpct::report {

const char* html_stylesheet();

}  // namespace cpct::report
