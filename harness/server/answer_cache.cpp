#include "server/answer_cache.hpp"

#include <cstdint>

namespace cpct::server {

std::string& AnswerCache::key_for(std::string_view target, std::string_view body) {
  key_.assign(target);
  key_ += '\n';  // a header value holds no newline: target and body stay apart
  key_ += body;
  return key_;
}

const std::string* AnswerCache::find(std::string_view target, std::string_view body) {
  if (answers_.empty() || target.size() + body.size() > kMaxKeyBytes) return nullptr;
  const auto it = answers_.find(key_for(target, body));
  return it == answers_.end() ? nullptr : &it->second;
}

void AnswerCache::store(std::string_view target, std::string_view body, std::string answer) {
  if (target.size() + body.size() > kMaxKeyBytes) return;
  if (answers_.size() >= kMaxEntries) answers_.clear();  // crude, bounded, rare
  answers_.insert_or_assign(key_for(target, body), std::move(answer));
}

AnswerCache& AnswerCache::for_thread(std::uint64_t server_serial) {
  thread_local std::uint64_t serial = 0;
  thread_local AnswerCache cache;
  if (serial != server_serial) {
    cache = AnswerCache();
    serial = server_serial;
  }
  return cache;
}

}  // namespace cpct::server
