// sign_v4 against botocore's SigV4Auth, byte for byte: the signature a real
// SDK computes for the same request at the same instant.
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "net/crypto.hpp"
#include "net/sigv4.hpp"
#include "text/hex.hpp"

using cpct::net::Credentials;
using cpct::net::HttpRequest;
using cpct::net::sign_v4;

namespace {

constexpr const char* kHost = "127.0.0.1:4566";

bool botocore_available() {
  if (::access(CPCT_SYSTEM_PYTHON, X_OK) != 0) return false;
  std::string command = std::string(CPCT_SYSTEM_PYTHON) + " -c 'import botocore' 2>/dev/null";
  return std::system(command.c_str()) == 0;
}

std::chrono::system_clock::time_point fixed_time() {
  return std::chrono::system_clock::from_time_t(1717243512);  // 2024-06-01T12:05:12Z
}

std::map<std::string, std::string> botocore_headers(const HttpRequest& request,
                                                    const Credentials& credentials,
                                                    const std::string& timestamp) {
  nlohmann::json spec;
  spec["method"] = request.method;
  spec["url"] = std::string("http://") + kHost + request.target;
  spec["headers"] = nlohmann::json::array();
  for (const auto& h : request.headers) spec["headers"].push_back({h.name, h.value});
  spec["body_hex"] = cpct::text::to_hex(request.body);
  spec["access_key"] = credentials.access_key_id;
  spec["secret_key"] = credentials.secret_access_key;
  spec["token"] = credentials.session_token;
  spec["region"] = "us-east-1";
  spec["service"] = "codepipeline";
  spec["timestamp"] = timestamp;

  char path[] = "/tmp/cpct-sigv4-XXXXXX";
  int fd = ::mkstemp(path);
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  ::close(fd);
  std::ofstream(path) << spec.dump();
  std::string command = std::string(CPCT_SYSTEM_PYTHON) + " " + CPCT_BOTOCORE_SIGN_PY + " " + path;
  std::string output;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    std::array<char, 512> chunk;
    while (std::size_t n = std::fread(chunk.data(), 1, chunk.size(), pipe))
      output.append(chunk.data(), n);
    ::pclose(pipe);
  }
  std::remove(path);

  std::map<std::string, std::string> headers;
  std::size_t begin = 0;
  while (begin < output.size()) {
    std::size_t end = output.find('\n', begin);
    if (end == std::string::npos) end = output.size();
    std::string line = output.substr(begin, end - begin);
    std::size_t colon = line.find(": ");
    if (colon != std::string::npos) headers[line.substr(0, colon)] = line.substr(colon + 2);
    begin = end + 1;
  }
  return headers;
}

std::map<std::string, std::string> cpct_headers(HttpRequest request,
                                                const Credentials& credentials) {
  sign_v4(request, kHost, credentials, {"us-east-1", "codepipeline"}, fixed_time());
  std::map<std::string, std::string> headers;
  for (const auto& h : request.headers)
    if (h.name == "X-Amz-Date" || h.name == "X-Amz-Security-Token" || h.name == "Authorization")
      headers[h.name] = h.value;
  return headers;
}

HttpRequest codepipeline_request(std::string body) {
  HttpRequest request;
  request.method = "POST";
  request.target = "/";
  request.headers = {{"Content-Type", "application/x-amz-json-1.1"},
                     {"X-Amz-Target", "CodePipeline_20150709.GetThirdPartyJobDetails"}};
  request.body = std::move(body);
  return request;
}

class SigV4Botocore : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!botocore_available())
      GTEST_SKIP() << CPCT_SYSTEM_PYTHON << " with botocore (Debian python3-botocore) is missing";
  }

  void expect_same(const HttpRequest& request, const Credentials& credentials) {
    auto ours = cpct_headers(request, credentials);
    auto theirs = botocore_headers(request, credentials, "20240601T120512Z");
    ASSERT_FALSE(theirs.empty()) << "botocore_sign.py printed nothing";
    EXPECT_EQ(ours, theirs);
    EXPECT_EQ(ours.count("X-Amz-Security-Token"), credentials.session_token.empty() ? 0u : 1u);
  }

  Credentials test_credentials{"AKIDCPCTTEST000000000", "cpct/test/secret/key/0000000000000000000",
                               ""};
};

TEST_F(SigV4Botocore, json_body) {
  expect_same(codepipeline_request(R"({"jobId":"job-1","clientToken":"ct-1"})"), test_credentials);
}

TEST_F(SigV4Botocore, session_token) {
  Credentials credentials = test_credentials;
  credentials.session_token = "FwoGZXIvYXdzEXAMPLE//token+with/odd=chars";
  expect_same(codepipeline_request(R"({"jobId":"job-1","clientToken":"ct-1"})"), credentials);
}

TEST_F(SigV4Botocore, empty_body) {
  expect_same(codepipeline_request(""), test_credentials);
}

TEST_F(SigV4Botocore, non_ascii_body) {
  expect_same(codepipeline_request("{\"jobId\":\"j\xc3\xb6"
                                   "b-\xe6\x97\xa5\xe6\x9c\xac\"}"),
              test_credentials);
}

TEST_F(SigV4Botocore, invalid_utf8_body) {
  expect_same(codepipeline_request(std::string("{\"jobId\":\"\xff\xfe\x00\"}", 14)),
              test_credentials);
}

TEST_F(SigV4Botocore, odd_path_query_and_headers) {
  HttpRequest request = codepipeline_request("{}");
  request.target = "/a/./b//c/../d%20e~?b=2&a=1&a=0&flag";
  request.headers.push_back({"X-Spaced", "  several   spaces\there  "});
  request.headers.push_back({"User-Agent", "cpct/0.1"});
  expect_same(request, test_credentials);
}

}  // namespace
