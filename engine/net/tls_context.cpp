#include "net/tls_context.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <openssl/err.h>
#include <openssl/pkcs12.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

namespace kafkascope::net {
namespace {

Error config_error(std::string message) {
    return Error(client_errc::tls_config_invalid, std::move(message));
}

std::string reason_suffix() {
    const std::string why = take_openssl_error();
    return why.empty() ? std::string() : " (" + why + ")";
}

// By extension, or by content: PKCS#12 is DER (starts with a SEQUENCE,
// 0x30), PEM is text starting with "-----BEGIN" (maybe after comments).
bool looks_like_pkcs12(const std::string& path) {
    const auto ext = std::filesystem::path(path).extension().string();
    if (ext == ".p12" || ext == ".pfx" || ext == ".P12" || ext == ".PFX") return true;
    std::ifstream in(path, std::ios::binary);
    char first = 0;
    return in.get(first) && static_cast<unsigned char>(first) == 0x30;
}

// PKCS#12: one file with the certificate, its key and maybe CA certificates.
Status use_pkcs12(SSL_CTX* ctx, const TlsSettings& s) {
    std::ifstream in(s.certificate_location, std::ios::binary);
    if (!in) return config_error("cannot read the PKCS#12 file '" + s.certificate_location + "'");
    const std::string der((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto* p = reinterpret_cast<const unsigned char*>(der.data());
    std::unique_ptr<PKCS12, decltype(&PKCS12_free)> p12(d2i_PKCS12(nullptr, &p, static_cast<long>(der.size())),
                                                        &PKCS12_free);
    if (!p12) return config_error("'" + s.certificate_location + "' is not a PKCS#12 file" + reason_suffix());
    EVP_PKEY* key = nullptr;
    X509* cert = nullptr;
    STACK_OF(X509)* chain = nullptr;
    const std::string password(s.key_password.reveal());
    if (PKCS12_parse(p12.get(), password.c_str(), &key, &cert, &chain) != 1) {
        take_openssl_error();  // its text may echo nothing secret, but "wrong password" is the usual cause
        return config_error("cannot open the PKCS#12 file '" + s.certificate_location +
                            "': wrong password (ssl.key.password) or damaged file");
    }
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key_owner(key, &EVP_PKEY_free);
    std::unique_ptr<X509, decltype(&X509_free)> cert_owner(cert, &X509_free);
    auto free_chain = [](STACK_OF(X509)* c) { sk_X509_pop_free(c, X509_free); };
    std::unique_ptr<STACK_OF(X509), decltype(free_chain)> chain_owner(chain, free_chain);
    if (!cert || !key) {
        return config_error("the PKCS#12 file '" + s.certificate_location + "' lacks a certificate or key");
    }
    if (SSL_CTX_use_certificate(ctx, cert) != 1 || SSL_CTX_use_PrivateKey(ctx, key) != 1) {
        return config_error("cannot use the certificate in '" + s.certificate_location + "'" + reason_suffix());
    }
    for (int i = 0; chain && i < sk_X509_num(chain); ++i) {
        SSL_CTX_add1_chain_cert(ctx, sk_X509_value(chain, i));
    }
    return ok_status();
}

Status use_pem(asio::ssl::context& context, const TlsSettings& s) {
    SSL_CTX* ctx = context.native_handle();
    if (SSL_CTX_use_certificate_chain_file(ctx, s.certificate_location.c_str()) != 1) {
        return config_error("cannot read the client certificate '" + s.certificate_location + "'" +
                            reason_suffix());
    }
    const std::string& key_file = s.key_location.empty() ? s.certificate_location : s.key_location;
    // The password callback hands OpenSSL the passphrase only when the key
    // is encrypted; its text never leaves this function.
    std::error_code ignored;
    context.set_password_callback(
        [password = s.key_password](std::size_t, asio::ssl::context::password_purpose) {
            return std::string(password.reveal());
        },
        ignored);
    if (SSL_CTX_use_PrivateKey_file(ctx, key_file.c_str(), SSL_FILETYPE_PEM) != 1) {
        take_openssl_error();
        return config_error("cannot read the client key '" + key_file +
                            "': missing, not PEM, or encrypted with another password (ssl.key.password)");
    }
    return ok_status();
}

}  // namespace

std::string take_openssl_error() {
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0) return {};
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    return text;
}

Result<std::shared_ptr<asio::ssl::context>> make_tls_client_context(const TlsSettings& s) {
    ERR_clear_error();
    auto context = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_client);
    SSL_CTX* ctx = context->native_handle();
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);

    if (s.ca_location.empty()) {
        if (SSL_CTX_set_default_verify_paths(ctx) != 1) {
            return config_error("cannot load the system trust store" + reason_suffix() +
                                "; set ssl.ca.location to the CA file");
        }
    } else {
        std::error_code fs_ec;
        const bool is_dir = std::filesystem::is_directory(s.ca_location, fs_ec);
        if (!is_dir && !std::filesystem::is_regular_file(s.ca_location, fs_ec)) {
            return config_error("the CA location '" + s.ca_location + "' (ssl.ca.location) does not exist");
        }
        const int loaded = is_dir ? SSL_CTX_load_verify_locations(ctx, nullptr, s.ca_location.c_str())
                                  : SSL_CTX_load_verify_locations(ctx, s.ca_location.c_str(), nullptr);
        if (loaded != 1) {
            return config_error("cannot read CA certificates from '" + s.ca_location + "'" + reason_suffix());
        }
    }

    if (!s.certificate_location.empty()) {
        auto used = looks_like_pkcs12(s.certificate_location) ? use_pkcs12(ctx, s) : use_pem(*context, s);
        if (!used) return std::move(used).error();
        if (SSL_CTX_check_private_key(ctx) != 1) {
            return config_error("the client key does not belong to the certificate '" + s.certificate_location +
                                "'" + reason_suffix());
        }
    } else if (!s.key_location.empty()) {
        return config_error("ssl.key.location is set without ssl.certificate.location");
    }
    return context;
}

}  // namespace kafkascope::net
