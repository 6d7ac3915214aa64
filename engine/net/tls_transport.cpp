#include "net/tls_transport.h"

#include <variant>

#include <asio/experimental/as_tuple.hpp>
#include <asio/experimental/awaitable_operators.hpp>
#include <asio/ip/address.hpp>
#include <asio/ssl/error.hpp>
#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>
#include <asio/write.hpp>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "net/tcp_transport.h"
#include "net/tls_context.h"

// GCC 12 inlines asio's awaitable frame allocation into long coroutines and
// then reports a false -Wmismatched-new-delete (as in consumer/group_membership.cpp).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

namespace kafkascope::net {
namespace {

constexpr auto use_tuple = asio::experimental::as_tuple(asio::use_awaitable);

// What the verify callback saw at the first certificate it rejected.
struct VerifyFailure {
    int error = X509_V_OK;
    int depth = 0;
    std::string subject;
    std::string names;  // subjectAltName DNS and IP entries, comma-separated
};

std::string subject_of(X509* cert) {
    if (!cert) return {};
    char buffer[512];
    X509_NAME_oneline(X509_get_subject_name(cert), buffer, sizeof buffer);
    return buffer;
}

std::string alt_names_of(X509* cert) {
    std::string out;
    if (!cert) return out;
    auto* names = static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
    if (!names) return out;
    for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
        const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, i);
        std::string entry;
        if (name->type == GEN_DNS) {
            const auto* s = name->d.dNSName;
            entry.assign(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                         static_cast<std::size_t>(ASN1_STRING_length(s)));
        } else if (name->type == GEN_IPADD) {
            const auto* s = name->d.iPAddress;
            const auto* data = ASN1_STRING_get0_data(s);
            const int length = ASN1_STRING_length(s);
            if (length == 4) {
                entry = asio::ip::address_v4({data[0], data[1], data[2], data[3]}).to_string();
            } else if (length == 16) {
                asio::ip::address_v6::bytes_type bytes;
                std::copy(data, data + 16, bytes.begin());
                entry = asio::ip::address_v6(bytes).to_string();
            }
        }
        if (!entry.empty()) out += (out.empty() ? "" : ", ") + entry;
    }
    GENERAL_NAMES_free(names);
    return out;
}

bool is_ip_literal(const std::string& host) {
    std::error_code ec;
    asio::ip::make_address(host, ec);
    return !ec;
}

int ssl_reason(std::error_code ec) {
    if (ec.category() != asio::error::get_ssl_category()) return 0;
    return ERR_GET_REASON(static_cast<unsigned long>(ec.value()));
}

bool looks_like_plaintext_peer(std::error_code ec) {
    if (ec == asio::error::eof || ec == asio::ssl::error::stream_truncated ||
        ec == asio::error::connection_reset) {
        return true;
    }
    switch (ssl_reason(ec)) {
        case SSL_R_WRONG_VERSION_NUMBER:
        case SSL_R_PACKET_LENGTH_TOO_LONG:
        case SSL_R_UNEXPECTED_EOF_WHILE_READING:
        case SSL_R_RECORD_LENGTH_MISMATCH:
        case SSL_R_UNKNOWN_PROTOCOL:
            return true;
        default:
            return false;
    }
}

// Alerts a broker sends about our client certificate, in any TLS version.
std::optional<std::string> client_certificate_alert(std::error_code ec) {
    switch (ssl_reason(ec)) {
        case SSL_R_TLSV13_ALERT_CERTIFICATE_REQUIRED:
            return std::string("requires a client certificate (mutual TLS): set ssl.certificate.location "
                               "and ssl.key.location");
        case SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE:
            return std::string("refused the handshake (handshake_failure alert): it may require a client "
                               "certificate (ssl.certificate.location) or share no cipher or TLS version "
                               "with us");
        case SSL_R_TLSV1_ALERT_UNKNOWN_CA:
            return std::string("does not trust the CA that signed our client certificate (unknown_ca alert)");
        case SSL_R_SSLV3_ALERT_BAD_CERTIFICATE:
        case SSL_R_SSLV3_ALERT_CERTIFICATE_UNKNOWN:
        case SSL_R_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE:
            return std::string("rejected our client certificate (bad_certificate alert)");
        case SSL_R_SSLV3_ALERT_CERTIFICATE_EXPIRED:
            return std::string("says our client certificate has expired");
        case SSL_R_TLSV1_ALERT_PROTOCOL_VERSION:
            return std::string("supports no TLS version we accept (we require TLS 1.2 or newer)");
        default:
            return std::nullopt;
    }
}

Error verify_error(const BrokerAddress& address, const VerifyFailure& f, bool hostname_checked) {
    const std::string broker = "broker " + address.to_string();
    const std::string which = f.depth == 0 ? "its certificate" : "a CA certificate in its chain";
    switch (f.error) {
        case X509_V_ERR_CERT_HAS_EXPIRED:
            return Error(client_errc::tls_certificate_expired,
                         broker + ": " + which + " has expired (" + f.subject + ")");
        case X509_V_ERR_CERT_NOT_YET_VALID:
            return Error(client_errc::tls_certificate_expired,
                         broker + ": " + which + " is not valid yet (" + f.subject +
                             "); check this machine's clock");
        case X509_V_ERR_HOSTNAME_MISMATCH:
        case X509_V_ERR_IP_ADDRESS_MISMATCH: {
            std::string names = f.names.empty() ? f.subject : f.names;
            return Error(client_errc::tls_hostname_mismatch,
                         broker + ": its certificate does not name host '" + address.host +
                             "' (it names " + names +
                             "); connect using one of those names, or turn off hostname verification "
                             "(ssl.endpoint.identification.algorithm=none) if you accept the risk");
        }
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
        case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
        case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
        case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
        case X509_V_ERR_CERT_UNTRUSTED:
        case X509_V_ERR_CERT_SIGNATURE_FAILURE:
            return Error(client_errc::tls_untrusted_certificate,
                         broker + ": its certificate (" + f.subject +
                             ") is not signed by a CA we trust (" +
                             X509_verify_cert_error_string(f.error) +
                             "); set ssl.ca.location to the CA that signed the broker's certificate");
        default:
            (void)hostname_checked;
            return Error(client_errc::tls_handshake_failed,
                         broker + ": its certificate was rejected: " +
                             X509_verify_cert_error_string(f.error) + " (" + f.subject + ")");
    }
}

Error handshake_error(const BrokerAddress& address, std::error_code ec, const VerifyFailure& f,
                      bool hostname_checked) {
    if (f.error != X509_V_OK) return verify_error(address, f, hostname_checked);
    const std::string broker = "broker " + address.to_string();
    if (auto alert = client_certificate_alert(ec)) {
        return Error(client_errc::tls_handshake_failed, broker + " " + *alert);
    }
    if (looks_like_plaintext_peer(ec)) {
        return Error(client_errc::tls_protocol_mismatch,
                     broker + " did not answer the TLS handshake (" + ec.message() +
                         "): the port probably speaks plaintext Kafka; use security.protocol PLAINTEXT "
                         "or SASL_PLAINTEXT, or the broker's TLS listener port");
    }
    return Error(client_errc::tls_handshake_failed,
                 "TLS handshake with broker " + address.to_string() + " failed: " + ec.message());
}

}  // namespace

asio::awaitable<std::tuple<std::error_code, std::size_t>> TlsTransport::read_some(
    asio::mutable_buffer buffer) {
    auto [ec, n] = co_await stream_.async_read_some(buffer, use_tuple);
    if (ec) last_read_error_ = ec;
    co_return std::tuple{ec, n};
}

asio::awaitable<std::error_code> TlsTransport::write_all(std::span<const asio::const_buffer> buffers) {
    auto [ec, written] = co_await asio::async_write(stream_, buffers, use_tuple);
    (void)written;
    co_return ec;
}

void TlsTransport::close() {
    // No close_notify: the connection is done either way, and waiting for
    // the peer's answer would need a deadline of its own.
    std::error_code ignored;
    stream_.lowest_layer().close(ignored);
}

TlsSessionInfo TlsTransport::session_info() const {
    auto* ssl = const_cast<Stream&>(stream_).native_handle();
    TlsSessionInfo info;
    info.version = SSL_get_version(ssl);
    if (const char* cipher = SSL_get_cipher_name(ssl)) info.cipher = cipher;
    return info;
}

asio::awaitable<Result<std::shared_ptr<TlsTransport>>> connect_tls(asio::any_io_executor executor,
                                                                   BrokerAddress address,
                                                                   std::chrono::milliseconds timeout,
                                                                   TlsSettings settings) {
    using namespace asio::experimental::awaitable_operators;
    // Bad settings fail before we touch the network.
    auto context = make_tls_client_context(settings);
    if (!context) {
        co_return Error(context.error().code, "broker " + address.to_string() + ": " + context.error().message);
    }
    const auto started = std::chrono::steady_clock::now();
    auto socket = co_await dial_tcp(executor, address, timeout);
    if (!socket) co_return std::move(socket).error();

    TlsTransport::Stream stream(std::move(socket).value(), **context);
    SSL* ssl = stream.native_handle();
    const bool ip = is_ip_literal(address.host);
    // SNI, never for IP literals. (SSL_set_tlsext_host_name is a macro with a C cast.)
    if (!ip) SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, address.host.data());
    if (settings.verify_hostname) {
        X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
        X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
        if (ip) {
            X509_VERIFY_PARAM_set1_ip_asc(param, address.host.c_str());
        } else {
            X509_VERIFY_PARAM_set1_host(param, address.host.c_str(), 0);
        }
    }
    auto failure = std::make_shared<VerifyFailure>();
    std::error_code ignored;
    stream.set_verify_callback(
        [failure](bool preverified, asio::ssl::verify_context& vc) {
            if (!preverified && failure->error == X509_V_OK) {
                X509_STORE_CTX* store = vc.native_handle();
                X509* cert = X509_STORE_CTX_get_current_cert(store);
                failure->error = X509_STORE_CTX_get_error(store);
                failure->depth = X509_STORE_CTX_get_error_depth(store);
                failure->subject = subject_of(cert);
                failure->names = alt_names_of(cert);
            }
            return preverified;
        },
        ignored);

    const auto left = timeout - std::chrono::duration_cast<std::chrono::milliseconds>(
                                    std::chrono::steady_clock::now() - started);
    asio::steady_timer deadline(executor, std::max(left, std::chrono::milliseconds(1)));
    auto shaken = co_await (stream.async_handshake(asio::ssl::stream_base::client, use_tuple) ||
                            deadline.async_wait(use_tuple));
    if (shaken.index() == 1) {
        co_return Error(client_errc::tls_protocol_mismatch,
                        "broker " + address.to_string() + " sent no TLS answer within " +
                            std::to_string(timeout.count()) +
                            " ms: the port probably speaks plaintext Kafka (which waits for a request "
                            "and never answers a TLS hello); use security.protocol PLAINTEXT or "
                            "SASL_PLAINTEXT, or the broker's TLS listener port");
    }
    const auto handshake_ec = std::get<0>(std::get<0>(shaken));
    if (handshake_ec) {
        ERR_clear_error();
        co_return handshake_error(address, handshake_ec, *failure, settings.verify_hostname);
    }
    co_return std::make_shared<TlsTransport>(std::move(context).value(), std::move(stream));
}

std::optional<Error> explain_tls_read_error(std::error_code ec, const BrokerAddress& address) {
    if (!ec) return std::nullopt;
    if (auto alert = client_certificate_alert(ec)) {
        return Error(client_errc::tls_handshake_failed, "broker " + address.to_string() + " " + *alert);
    }
    if (ec.category() == asio::error::get_ssl_category()) {
        return Error(client_errc::tls_handshake_failed,
                     "TLS error on the connection to broker " + address.to_string() + ": " + ec.message());
    }
    return std::nullopt;
}

}  // namespace kafkascope::net
