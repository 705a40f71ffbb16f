#include "reference_client/transport.hpp"

#include "reference_client/wire.hpp"

namespace cpct::reference_client {

Transport::Transport(TransportConfig config)
    : config_(std::move(config)),
      http_(config_.url,
            net::ClientLimits{config_.timeout, 64 * 1024, config_.max_body_bytes, config_.tls}) {}

net::HttpResponse Transport::send(net::HttpRequest request, bool sign) {
  if (sign)
    net::sign_v4(request, config_.url.authority(), config_.credentials,
                 net::SigningScope{config_.region, config_.signing_name},
                 std::chrono::system_clock::now());
  return http_.send(request);
}

}  // namespace cpct::reference_client
