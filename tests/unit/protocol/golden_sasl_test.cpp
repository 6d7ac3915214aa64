// Golden frames for SaslHandshake v1 and SaslAuthenticate v0/v2 (kcat and
// franz-go against kfake -sasl, user admin / password admin), and the
// captured SCRAM exchanges replayed through our SCRAM client: with the
// captured client nonce it must write librdkafka's very bytes and accept
// kfake's server signature.
#include <string>

#include "golden_round_trip.h"
#include "net/sasl/scram_crypto.h"
#include "net/sasl/scram_session.h"
#include "protocol/messages/sasl_authenticate.h"
#include "protocol/messages/sasl_handshake.h"

using namespace kafkascope;
using namespace kafkascope::protocol;
using kafkascope::test::golden_round_trip;
using kafkascope::test::GoldenSample;
using kafkascope::test::load_golden;

namespace {

std::string text(const Bytes& b) { return std::string(b.begin(), b.end()); }
bool note_has(const GoldenSample& s, const std::string& part) { return s.note.find(part) != std::string::npos; }

}  // namespace

TEST_CASE(golden_sasl_handshake) {
    const auto samples = load_golden("sasl_handshake.jsonl");
    ASSERT_EQ(samples.size(), 4u);
    for (const GoldenSample& s : samples) {
        auto d = golden_round_trip<SaslHandshakeRequest>(s);
        ASSERT_TRUE(d.has_value());
        EXPECT_EQ(s.api_version, 1);
        EXPECT_TRUE(d->request.mechanism == "PLAIN" || d->request.mechanism.rfind("SCRAM-SHA-", 0) == 0);
        EXPECT_EQ(d->response.error_code, 0);
        // kfake answers with the mechanisms it enables.
        EXPECT_TRUE(d->response.mechanisms.empty() ||
                    std::find(d->response.mechanisms.begin(), d->response.mechanisms.end(), d->request.mechanism) !=
                        d->response.mechanisms.end());
    }
}

TEST_CASE(golden_sasl_authenticate) {
    int failures = 0;
    for (const GoldenSample& s : load_golden("sasl_authenticate.jsonl")) {
        auto d = golden_round_trip<SaslAuthenticateRequest>(s);
        ASSERT_TRUE(d.has_value());
        const bool wrong = note_has(s, "WRONG password") && note_has(s, "SASL_AUTHENTICATION_FAILED");
        if (wrong) {
            ++failures;
            EXPECT_EQ(d->response.error_code, 58);
            EXPECT_EQ(d->response.error_message.value_or(""),
                      std::string("Authentication failed: Invalid username or password"));
        } else {
            EXPECT_EQ(d->response.error_code, 0);
        }
        if (note_has(s, " PLAIN ") || note_has(s, "SASL/PLAIN")) {
            EXPECT_EQ(text(d->request.auth_bytes),
                      std::string(wrong ? std::string("\0admin\0wrong", 12) : std::string("\0admin\0admin", 12)));
        }
        if (s.api_version == 2) EXPECT_EQ(d->response.session_lifetime_ms, 0);
    }
    EXPECT_EQ(failures, 2);
}

// librdkafka 2.0.2 writes "r=" + client nonce + the server's whole nonce in
// its client-final message, although the server's nonce already starts with
// the client's (RFC 5802 wants the server's nonce alone). Java brokers accept
// it (they check endsWith), and so did kfake. Our client follows the RFC, so
// its final message differs from librdkafka's exactly there; the proof
// arithmetic is checked by recomputing librdkafka's proof and kfake's server
// signature from the captured messages with our primitives.
TEST_CASE(golden_scram_exchanges_replay_through_our_client) {
    using namespace kafkascope::net::sasl;
    const auto samples = load_golden("sasl_authenticate.jsonl");
    int replayed = 0;
    for (std::size_t i = 0; i + 1 < samples.size(); ++i) {
        const GoldenSample& first = samples[i];
        const GoldenSample& final_step = samples[i + 1];
        if (!note_has(first, "SCRAM-SHA-") || first.correlation_id + 1 != final_step.correlation_id) continue;
        if (note_has(first, "WRONG")) continue;
        auto step1 = golden_round_trip<SaslAuthenticateRequest>(first);
        auto step2 = golden_round_trip<SaslAuthenticateRequest>(final_step);
        ASSERT_TRUE(step1 && step2);
        const std::string client_first = text(step1->request.auth_bytes);
        const std::string server_first = text(step1->response.auth_bytes);
        const std::string client_final = text(step2->request.auth_bytes);
        const std::string server_final = text(step2->response.auth_bytes);
        const auto nonce_at = client_first.find(",r=");
        ASSERT_TRUE(nonce_at != std::string::npos);
        const std::string client_nonce = client_first.substr(nonce_at + 3);
        const auto hash = note_has(first, "SCRAM-SHA-512") ? ScramHash::sha512 : ScramHash::sha256;

        // Our client, given librdkafka's nonce, writes librdkafka's first message.
        auto session = make_scram_session(hash, "admin", net::SecretString("admin"), client_nonce);
        auto ours_first = session->next({});
        ASSERT_TRUE(ours_first.ok());
        EXPECT_EQ(text(*ours_first), client_first);
        // Its final message carries the server's nonce, as the RFC says.
        const std::string server_nonce = server_first.substr(2, server_first.find(',') - 2);
        EXPECT_TRUE(server_nonce.rfind(client_nonce, 0) == 0);
        auto ours_final = session->next(step1->response.auth_bytes);
        ASSERT_TRUE(ours_final.ok());
        EXPECT_TRUE(text(*ours_final).rfind("c=biws,r=" + server_nonce + ",p=", 0) == 0);
        // librdkafka's message: the same but with the client nonce in front.
        const std::string librdkafka_without_proof = "c=biws,r=" + client_nonce + server_nonce;
        EXPECT_TRUE(client_final.rfind(librdkafka_without_proof + ",p=", 0) == 0);

        // Recompute librdkafka's proof and kfake's signature (RFC 5802 3).
        auto salt = base64_decode(server_first.substr(server_first.find(",s=") + 3,
                                                      server_first.find(",i=") - server_first.find(",s=") - 3));
        ASSERT_TRUE(salt.has_value());
        const auto iterations =
            static_cast<std::uint32_t>(std::stoul(server_first.substr(server_first.find(",i=") + 3)));
        EXPECT_EQ(iterations, 4096u);
        const std::string auth_message =
            client_first.substr(3) + "," + server_first + "," + librdkafka_without_proof;
        const auto salted = scram_hi(hash, "admin", *salt, iterations);
        const auto client_key = scram_hmac(hash, salted, as_bytes("Client Key"));
        const auto signature = scram_hmac(hash, scram_hash(hash, client_key), as_bytes(auth_message));
        Bytes proof(client_key.size());
        for (std::size_t k = 0; k < proof.size(); ++k) proof[k] = client_key[k] ^ signature[k];
        EXPECT_EQ(client_final.substr(client_final.find(",p=") + 3), base64_encode(proof));
        const auto server_signature =
            scram_hmac(hash, scram_hmac(hash, salted, as_bytes("Server Key")), as_bytes(auth_message));
        EXPECT_EQ(server_final, "v=" + base64_encode(server_signature));
        ++replayed;
        ++i;
    }
    EXPECT_EQ(replayed, 4);  // SHA-256 x3 (metadata, produce, consume), SHA-512 x1
}
