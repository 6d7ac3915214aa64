#include "net/sasl/scram_crypto.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace kafkascope::net::sasl {
namespace {

const EVP_MD* md(ScramHash hash) { return hash == ScramHash::sha256 ? EVP_sha256() : EVP_sha512(); }

}  // namespace

protocol::Bytes scram_hash(ScramHash hash, std::span<const std::uint8_t> data) {
    protocol::Bytes out(static_cast<std::size_t>(EVP_MD_get_size(md(hash))));
    unsigned int length = 0;
    EVP_Digest(data.data(), data.size(), out.data(), &length, md(hash), nullptr);
    out.resize(length);
    return out;
}

protocol::Bytes scram_hmac(ScramHash hash, std::span<const std::uint8_t> key, std::span<const std::uint8_t> data) {
    protocol::Bytes out(EVP_MAX_MD_SIZE);
    unsigned int length = 0;
    HMAC(md(hash), key.data(), static_cast<int>(key.size()), data.data(), data.size(), out.data(), &length);
    out.resize(length);
    return out;
}

protocol::Bytes scram_hi(ScramHash hash, std::string_view password, std::span<const std::uint8_t> salt,
                         std::uint32_t iterations) {
    protocol::Bytes out(static_cast<std::size_t>(EVP_MD_get_size(md(hash))));
    PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt.data(), static_cast<int>(salt.size()),
                      static_cast<int>(iterations), md(hash), static_cast<int>(out.size()), out.data());
    return out;
}

std::string base64_encode(std::span<const std::uint8_t> data) {
    std::string out(4 * ((data.size() + 2) / 3), '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data.data(),
                                  static_cast<int>(data.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

std::optional<protocol::Bytes> base64_decode(std::string_view text) {
    if (text.size() % 4 != 0) return std::nullopt;
    std::size_t padding = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const bool alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                              c == '+' || c == '/';
        if (c == '=') {
            if (i + 2 < text.size()) return std::nullopt;  // '=' only in the last two places
            ++padding;
        } else if (!alphabet || padding > 0) {
            return std::nullopt;
        }
    }
    protocol::Bytes out(text.size() / 4 * 3);
    const int n = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()),
                                  static_cast<int>(text.size()));
    if (n < 0) return std::nullopt;
    out.resize(static_cast<std::size_t>(n) - padding);  // DecodeBlock counts the padding as zero bytes
    return out;
}

}  // namespace kafkascope::net::sasl
