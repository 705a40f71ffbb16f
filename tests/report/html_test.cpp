// The page as text: escaping of hostile values, the parts a partner reads,
// graceful rendering of partial documents.
#include "report/html.hpp"
#include "report/html_text.hpp"
#include "report/line_diff.hpp"

#include <gtest/gtest.h>

#include "sample_results.hpp"

using nlohmann::json;

TEST(with_commas_test, groups_of_three_from_the_right) {
  EXPECT_EQ(cpct::report::with_commas(0), "0");
  EXPECT_EQ(cpct::report::with_commas(999), "999");
  EXPECT_EQ(cpct::report::with_commas(1000), "1,000");
  EXPECT_EQ(cpct::report::with_commas(123456), "123,456");
  EXPECT_EQ(cpct::report::with_commas(1234567), "1,234,567");
  EXPECT_EQ(cpct::report::with_commas(18446744073709551615ULL), "18,446,744,073,709,551,615");
}

TEST(html_escape_test, markup_quotes_and_ampersands) {
  EXPECT_EQ(cpct::report::html_escape("<script>alert(\"x\")</script> & 'y'"),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;");
}

TEST(html_escape_test, invalid_utf8_and_control_bytes_become_printable) {
  EXPECT_EQ(cpct::report::html_escape(std::string("a\xFF"
                                                  "b")),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(cpct::report::html_escape(std::string("\xED\xA0\x80")),  // a UTF-8 surrogate
            "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(cpct::report::html_escape(std::string("x\0y\x1b", 4)), "x\\x00y\\x1B");
  EXPECT_EQ(cpct::report::html_escape("tab\tnew\nline \xE6\x97\xA5"),
            "tab\tnew\nline \xE6\x97\xA5");
}

TEST(html_report_test, hostile_values_are_escaped_everywhere) {
  const std::string page = cpct::report::html_report(cpct::testing::hostile_results());
  // The only script-like text is the escaped one.
  EXPECT_EQ(page.find("<script"), std::string::npos);
  EXPECT_EQ(page.find("<img"), std::string::npos);
  EXPECT_EQ(page.find("onerror=\""), std::string::npos);
  EXPECT_NE(page.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(page.find("&lt;img src=x onerror=alert(2)&gt;"), std::string::npos);
  // A body quote cannot close an attribute: the endpoint's name is escaped too.
  EXPECT_NE(page.find("http://h/&quot;&gt;&lt;b&gt;"), std::string::npos);
  EXPECT_EQ(page.find("\xFF"), std::string::npos);
}

TEST(html_report_test, page_has_the_parts_a_partner_reads) {
  const json doc = cpct::testing::sample_results();
  const std::string page = cpct::report::html_report(doc);
  EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(page.find("<strong>FAIL</strong>"), std::string::npos);
  EXPECT_NE(page.find("http://127.0.0.1:9/"), std::string::npos);
  EXPECT_NE(page.find("@media print"), std::string::npos);
  EXPECT_NE(page.find("Content-Security-Policy"), std::string::npos);
  // No script, no external resource.
  EXPECT_EQ(page.find("<script"), std::string::npos);
  EXPECT_EQ(page.find("src=\"http"), std::string::npos);
  EXPECT_EQ(page.find("href=\"http"), std::string::npos);
  EXPECT_EQ(page.find("@import"), std::string::npos);
  // Matrix rows, grouped by family, each requirement once.
  EXPECT_NE(page.find("<h3>protocol<small>"), std::string::npos);
  EXPECT_NE(page.find("<td class=\"id\"><a href=\"#req-awsJson1_1.server.no-5xx\">"),
            std::string::npos);
  EXPECT_NE(page.find("<td class=\"id\">awsJson1_1.server.no-hang</td>"), std::string::npos);
  // The failure: expected beside observed, the shrink noted, the reproducer, the seed.
  EXPECT_NE(page.find("id=\"req-awsJson1_1.server.no-5xx\""), std::string::npos);
  EXPECT_NE(page.find("shrunk from case c9"), std::string::npos);
  EXPECT_NE(page.find("<pre class=\"reproduce\">curl -sS -i -X POST"), std::string::npos);
  EXPECT_NE(page.find("Seed <span class=\"mono\">7</span>"), std::string::npos);
  EXPECT_NE(page.find("<span class=\"differs\">  &quot;status&quot;: 500</span>"),
            std::string::npos);
  // How to run it again.
  EXPECT_NE(
      page.find("cpct check server --endpoint http://127.0.0.1:9/ --fixtures f.json --seed 7"),
      std::string::npos);
  // Latency: the histogram and its percentiles.
  EXPECT_NE(page.find("p50 \xE2\x89\x88 150 \xC2\xB5s"), std::string::npos);
  EXPECT_NE(page.find("class=\"bar\""), std::string::npos);
}

TEST(html_report_test, passing_run_without_latency_or_failures) {
  json doc = cpct::testing::sample_results();
  doc.erase("latency");
  doc["summary"]["failed"] = 0;
  for (auto& r : doc["requirements"]) r["status"] = "passed", r["failures"] = json::array();
  const std::string page = cpct::report::html_report(doc);
  EXPECT_NE(page.find("<strong>PASS</strong>"), std::string::npos);
  EXPECT_NE(page.find("no latency data"), std::string::npos);
  EXPECT_NE(page.find("None: every requirement exercised held."), std::string::npos);
}

TEST(html_report_test, client_results_render_generically) {
  json doc = cpct::testing::sample_results();
  doc["target"] = {{"kind", "client"}, {"adapter", "python3 adapter.py --flag"}};
  auto& failure = doc["requirements"][0]["failures"][0];
  failure["reproduce"] = "response: HTTP/1.1 200 OK\\r\\n...\nadapter: {\"id\": \"c3\"}";
  failure["case"] = {{"id", "c3"}, {"response", {{"status", 200}}}};
  const std::string page = cpct::report::html_report(doc);
  EXPECT_NE(page.find("python3 adapter.py --flag"), std::string::npos);
  EXPECT_NE(page.find("client under test"), std::string::npos);
  EXPECT_NE(page.find("adapter: {&quot;id&quot;: &quot;c3&quot;}"), std::string::npos);
  EXPECT_NE(page.find("<div class=\"label\">response</div>"), std::string::npos);
  // A client run's histogram times adapter calls, and says so.
  EXPECT_NE(page.find("Adapter call latency"), std::string::npos);
  EXPECT_NE(page.find(" adapter calls</small>"), std::string::npos);
  EXPECT_EQ(page.find("Response latency"), std::string::npos);
}

TEST(html_report_test, partial_documents_still_render) {
  const std::string page = cpct::report::html_report(json{{"tool", "cpct"}});
  EXPECT_NE(page.find("<strong>PASS</strong>"), std::string::npos);
  EXPECT_NE(page.find("</html>"), std::string::npos);
  EXPECT_NO_THROW(cpct::report::html_report(json::array()));
}

TEST(line_diff_test, marks_only_the_lines_that_differ) {
  const auto match =
      cpct::report::match_lines({"{", "  \"a\": 1,", "  \"b\": 2", "}"},
                                {"{", "  \"a\": 1,", "  \"b\": 3,", "  \"c\": 4", "}"});
  EXPECT_EQ(match.left, (std::vector<bool>{true, true, false, true}));
  EXPECT_EQ(match.right, (std::vector<bool>{true, true, false, false, true}));
}
