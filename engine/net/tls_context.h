#pragma once
// Builds the OpenSSL client context a TLS connection uses from TlsSettings:
// TLS 1.2 or newer, peer verification against the CA file/directory or the
// system trust store, and the client certificate (PEM, or PKCS#12) for
// mutual TLS. Errors name the file and what is wrong with it, never the key
// password.

#include <memory>

#include <asio/ssl/context.hpp>

#include "core/result.h"
#include "net/security_config.h"

namespace kafkascope::net {

Result<std::shared_ptr<asio::ssl::context>> make_tls_client_context(const TlsSettings& settings);

// The first OpenSSL error queued on this thread as text ("" when none), and
// clears the queue.
std::string take_openssl_error();

}  // namespace kafkascope::net
