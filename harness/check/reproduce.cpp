#include "check/reproduce.hpp"
#include "text/hex.hpp"

namespace cpct::check {

std::string shell_quote(const std::string& bytes) {
  bool printable = true;
  for (const unsigned char c : bytes) printable = printable && c >= 0x20 && c < 0x7F;
  if (printable) {
    // Every POSIX sh (dash too, which has no $'...') reads '\'' as a quote.
    std::string out = "'";
    for (const char c : bytes) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
  }
  std::string out = "$'";
  for (const unsigned char c : bytes) {
    if (c == '\'' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c >= 0x20 && c < 0x7F) {
      out += static_cast<char>(c);
    } else {
      text::append_byte_escape(out, c, text::HexCase::kUpper);
    }
  }
  return out + "'";
}

std::string curl_command(const Case& c, const ReproduceContext& context) {
  std::string url = context.endpoint;
  while (!url.empty() && url.back() == '/') url.pop_back();
  url += c.path;
  std::string out = "curl -sS -i -X " + c.method + " " + shell_quote(url);
  if (context.tls.insecure)
    out += " -k";
  else if (!context.tls.ca_file.empty())
    out += " --cacert " + shell_quote(context.tls.ca_file);
  out += " --aws-sigv4 " + shell_quote("aws:amz:" + context.region + ":" + context.service);
  out += " --user \"$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY\"";
  // curl adds its own Content-Type for --data-binary unless told otherwise.
  out += " -H " + shell_quote("Content-Type: " + c.request.content_type);
  if (c.request.target) out += " -H " + shell_quote("X-Amz-Target: " + *c.request.target);
  out += " --data-binary " + shell_quote(c.request.body);
  return out;
}

}  // namespace cpct::check
