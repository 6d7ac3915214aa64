// SCRAM client state machine from bytes alone: the RFC 7677 test vector
// (SCRAM-SHA-256, user "user", password "pencil"), and the checks that
// protect the client from a server that does not know the password.
#include <string>

#include "net/sasl/sasl_session.h"
#include "net/sasl/scram_crypto.h"
#include "net/sasl/scram_session.h"
#include "unit_test.h"

using namespace kafkascope;
using namespace kafkascope::net;
using namespace kafkascope::net::sasl;

namespace {

const std::string kClientNonce = "rOprNGfwEbeRWgbNEkqO";
const std::string kServerFirst =
    "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
const std::string kClientFinal =
    "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
const std::string kServerFinal = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

std::string text(const protocol::Bytes& bytes) { return std::string(bytes.begin(), bytes.end()); }
std::span<const std::uint8_t> bytes(const std::string& s) { return as_bytes(s); }

std::unique_ptr<SaslSession> rfc_session() {
    return make_scram_session(ScramHash::sha256, "user", SecretString("pencil"), kClientNonce);
}

}  // namespace

TEST_CASE(scram_sha256_rfc7677_vector) {
    auto session = rfc_session();
    auto first = session->next({});
    ASSERT_TRUE(first.ok());
    EXPECT_EQ(text(*first), std::string("n,,n=user,r=rOprNGfwEbeRWgbNEkqO"));
    auto final_message = session->next(bytes(kServerFirst));
    ASSERT_TRUE(final_message.ok());
    EXPECT_EQ(text(*final_message), kClientFinal);
    EXPECT_FALSE(session->complete());
    auto done = session->next(bytes(kServerFinal));
    ASSERT_TRUE(done.ok());
    EXPECT_TRUE(done->empty());
    EXPECT_TRUE(session->complete());
}

TEST_CASE(scram_rejects_a_wrong_server_signature) {
    auto session = rfc_session();
    (void)session->next({});
    (void)session->next(bytes(kServerFirst));
    // Same length, one character off: a server that does not know the password.
    std::string forged = kServerFinal;
    forged[2] = forged[2] == 'A' ? 'B' : 'A';
    auto done = session->next(bytes(forged));
    ASSERT_TRUE(!(done.ok()));
    EXPECT_TRUE(done.error().code == client_errc::authentication_failed);
    EXPECT_TRUE(done.error().message.find("server signature is wrong") != std::string::npos);
    EXPECT_FALSE(session->complete());
}

TEST_CASE(scram_rejects_a_server_error_and_a_missing_signature) {
    for (const char* answer : {"e=invalid-proof", "x=1", ""}) {
        auto session = rfc_session();
        (void)session->next({});
        (void)session->next(bytes(kServerFirst));
        auto done = session->next(bytes(answer));
        EXPECT_FALSE(done.ok());
        EXPECT_FALSE(session->complete());
    }
}

TEST_CASE(scram_rejects_a_nonce_that_does_not_extend_ours) {
    auto session = rfc_session();
    (void)session->next({});
    auto answer = session->next(bytes("r=someone-elses-nonce,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"));
    ASSERT_TRUE(!(answer.ok()));
    EXPECT_TRUE(answer.error().message.find("nonce") != std::string::npos);
    // The server must add to the nonce, not just echo it.
    auto echo = rfc_session();
    (void)echo->next({});
    EXPECT_FALSE(echo->next(bytes("r=" + kClientNonce + ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")).ok());
}

TEST_CASE(scram_refuses_weak_iteration_counts_and_bad_salts) {
    auto weak = rfc_session();
    (void)weak->next({});
    auto answer = weak->next(bytes("r=rOprNGfwEbeRWgbNEkqOxyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=1"));
    ASSERT_TRUE(!(answer.ok()));
    EXPECT_TRUE(answer.error().message.find("4096") != std::string::npos);

    auto bad_salt = rfc_session();
    (void)bad_salt->next({});
    EXPECT_FALSE(bad_salt->next(bytes("r=rOprNGfwEbeRWgbNEkqOxyz,s=***,i=4096")).ok());
    auto no_count = rfc_session();
    (void)no_count->next({});
    EXPECT_FALSE(no_count->next(bytes("r=rOprNGfwEbeRWgbNEkqOxyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=many")).ok());
}

TEST_CASE(scram_errors_never_contain_the_password) {
    auto session = make_scram_session(ScramHash::sha512, "alice", SecretString("hunter2-very-secret"), "abc");
    (void)session->next({});
    auto answer = session->next(bytes("garbage"));
    ASSERT_TRUE(!(answer.ok()));
    EXPECT_TRUE(answer.error().message.find("hunter2") == std::string::npos);
}

TEST_CASE(scram_escapes_user_names_and_makes_random_nonces) {
    EXPECT_EQ(scram_escape_username("a=b,c"), std::string("a=3Db=2Cc"));
    auto one = make_scram_session(ScramHash::sha256, "u", SecretString("p"));
    auto two = make_scram_session(ScramHash::sha256, "u", SecretString("p"));
    const std::string a = text(*one->next({}));
    const std::string b = text(*two->next({}));
    EXPECT_TRUE(a.rfind("n,,n=u,r=", 0) == 0);
    EXPECT_TRUE(a.size() >= 9 + 24);
    EXPECT_TRUE(a != b);
}

TEST_CASE(scram_primitives_match_rfc_values) {
    // RFC 7677's salted password feeds its proof; checked end to end above.
    // Base64 must be strict: SCRAM fields never carry anything else.
    EXPECT_TRUE(base64_decode("W22ZaJ0SNY7soEsUEjb6gQ==").has_value());
    EXPECT_EQ(base64_decode("W22ZaJ0SNY7soEsUEjb6gQ==")->size(), 16u);
    EXPECT_FALSE(base64_decode("W22Z=J0S").has_value());
    EXPECT_FALSE(base64_decode("abc").has_value());
    EXPECT_EQ(base64_encode(as_bytes("n,,")), std::string("biws"));
}

TEST_CASE(plain_and_oauthbearer_messages) {
    auto plain = make_plain_session("admin", SecretString("admin"));
    auto message = plain->next({});
    ASSERT_TRUE(message.ok());
    EXPECT_EQ(text(*message), std::string("\0admin\0admin", 12));
    EXPECT_FALSE(plain->complete());
    EXPECT_TRUE(plain->next({}).ok());
    EXPECT_TRUE(plain->complete());

    auto oauth = make_oauthbearer_session(SecretString("tok.en"));
    EXPECT_EQ(text(*oauth->next({})), std::string("n,,\x01" "auth=Bearer tok.en\x01\x01"));
}
