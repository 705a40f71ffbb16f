// Writes a libFuzzer dictionary for one fuzz target, generated from the
// model so that it never drifts from it: member names, enum values, target
// header values, fixture job ids and client tokens, model keywords.
//   make_dict <target> <output.dict>
#include <cstdio>
#include <fstream>
#include <set>
#include <string>

#include "fuzz_support.hpp"
#include "model/model_file.hpp"
#include "text/hex.hpp"

namespace {

using cpct::model::ShapeType;

// libFuzzer's dictionary syntax: "..." with \\, \" and \xNN escapes.
std::string entry(const std::string& value) {
  std::string out = "\"";
  for (const unsigned char c : value) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c >= 0x7F) {
      cpct::text::append_byte_escape(out, c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

// What a JSON body for the third-party operations can hold.
void add_body_words(std::set<std::string>& words) {
  const auto& world = cpct::fuzz::world();
  for (const auto& [name, shape] : world.spec->shapes) {
    for (const auto& member : shape.members) words.insert("\"" + member.name + "\":");
    for (const auto& value : shape.enum_values) words.insert("\"" + value + "\"");
  }
  for (const auto& job : world.fixtures->jobs) {
    words.insert("\"" + job.id + "\"");
    words.insert("\"" + job.client_token + "\"");
  }
  for (const char* token : {"{", "}", "[", "]", ":", ",", "null", "true", "false", "\"\"",
                            "\"\\ud800\"", "\"\\udc00\"", "\"\\u0000\"", "\\u", "1e309", "-0"})
    words.insert(token);
}

void add_http_words(std::set<std::string>& words) {
  const auto& spec = *cpct::fuzz::world().spec;
  for (const auto& [name, op] : spec.operations)
    words.insert("X-Amz-Target: " + cpct::fuzz::target_for(name) + "\r\n");
  for (const char* token :
       {"POST / HTTP/1.1\r\n", "GET / HTTP/1.1\r\n", "HEAD / HTTP/1.1\r\n", "POST / HTTP/1.0\r\n",
        "Content-Type: application/x-amz-json-1.1\r\n",
        "Content-Type: application/x-amz-json-1.1; charset=utf-8\r\n", "Content-Length: ",
        "Transfer-Encoding: chunked\r\n", "Connection: close\r\n", "Connection: keep-alive\r\n",
        "Expect: 100-continue\r\n", "Host: localhost\r\n", "\r\n", "\r\n\r\n", "0\r\n\r\n"})
    words.insert(token);
}

// Every key and short string of the committed model file: its own grammar.
void add_model_words(std::set<std::string>& words) {
  const auto model = nlohmann::json::parse(cpct::model::embedded_model_json());
  std::vector<const nlohmann::json*> stack{&model};
  while (!stack.empty()) {
    const auto* node = stack.back();
    stack.pop_back();
    if (node->is_object()) {
      for (const auto& [key, item] : node->items()) {
        if (key.size() <= 40) words.insert("\"" + key + "\":");
        stack.push_back(&item);
      }
    } else if (node->is_array()) {
      for (const auto& item : *node) stack.push_back(&item);
    } else if (node->is_string() && node->get_ref<const std::string&>().size() <= 40) {
      words.insert("\"" + node->get<std::string>() + "\"");
    }
  }
  for (int t = 0; t <= static_cast<int>(ShapeType::kDocument); ++t)
    words.insert(std::string("\"") + cpct::model::to_string(static_cast<ShapeType>(t)) + "\"");
  for (const char* token : {"{", "}", "[", "]", "null", "true", "false", "0", "-1", "1e999"})
    words.insert(token);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: make_dict <target> <output.dict>\n");
    return 2;
  }
  const std::string target = argv[1];
  std::set<std::string> words;
  if (target == "fuzz_handler" || target == "fuzz_handler_bytes" || target == "fuzz_parse_only" ||
      target == "fuzz_parse_only_bytes") {
    add_body_words(words);
  } else if (target == "fuzz_session") {
    add_body_words(words);
    add_http_words(words);
  } else if (target == "fuzz_client_response") {
    // Response bodies: the model's member names and the error encodings.
    add_body_words(words);
    for (const char* token : {"\"__type\":", "\"code\":", "\"message\":", "\"Message\":",
                              "\"jobDetails\":", "\"data\":", "#", ":http://internal.amazon.com/"})
      words.insert(token);
  } else if (target == "fuzz_importer") {
    add_model_words(words);
  } else if (target == "fuzz_lifecycle") {
    // Whole 4-byte steps (fuzz_lifecycle.cpp): every operation on every
    // job (own token, right nonce, no clock step), and polls of each
    // action type for one to three jobs.
    const std::size_t jobs = cpct::fuzz::lifecycle_world().fixtures->jobs.size();
    for (int op = 0; op <= 10; ++op)
      for (std::size_t job = 0; job <= jobs; ++job)
        words.insert(std::string{static_cast<char>(op), static_cast<char>(job), '\x04', '\x00'});
    for (const int op : {0, 5})
      for (int type = 0; type < 4; ++type)
        for (int batch = 1; batch <= 3; ++batch)
          words.insert(std::string{static_cast<char>(op), '\x00',
                                   static_cast<char>(batch << 2 | type), '\x00'});
  } else if (target == "fuzz_model_roundtrip") {
    // Its bytes are choices, not text: boundary integers help most.
    for (const std::size_t width : {1, 2, 4, 8}) {
      words.insert(std::string(width, '\x00'));
      words.insert(std::string(width, '\xff'));
    }
  } else {
    std::fprintf(stderr, "make_dict: unknown target '%s'\n", target.c_str());
    return 2;
  }
  std::ofstream out(argv[2], std::ios::binary);
  out << "# " << target
      << " dictionary, generated by fuzz/make_dict from the model; do not edit.\n";
  for (const auto& word : words) out << entry(word) << "\n";
  if (!out) {
    std::fprintf(stderr, "make_dict: cannot write %s\n", argv[2]);
    return 2;
  }
  return 0;
}
