#pragma once
// SCRAM-SHA-256 / SCRAM-SHA-512 client (RFC 5802, RFC 7677), as Kafka runs
// it: no channel binding ("n,,"), no authorization identity, and the
// server's signature is checked, so a broker that does not know the
// password cannot pass itself off as the real one.
//
//   next({})             -> client-first  "n,,n=USER,r=CNONCE"
//   next(server-first)   -> client-final  "c=biws,r=NONCE,p=PROOF"
//   next(server-final)   -> {} and complete(), or an error when "v=" does
//                           not match or the server sent "e=..."

#include <memory>
#include <optional>
#include <string>

#include "net/sasl/sasl_session.h"
#include "net/sasl/scram_crypto.h"

namespace kafkascope::net::sasl {

// Kafka's minimum; fewer would let a fake server make our proof cheap to
// brute-force offline.
inline constexpr std::uint32_t kScramMinIterations = 4096;

// `client_nonce` is random when empty (tests pass the RFC's or a capture's).
std::unique_ptr<SaslSession> make_scram_session(ScramHash hash, std::string username, SecretString password,
                                                std::string client_nonce = {});

// "=" and "," in a SCRAM user name become "=3D" and "=2C" (RFC 5802 5.1).
std::string scram_escape_username(std::string_view username);

}  // namespace kafkascope::net::sasl
