// The Kafka error table and its std::error_category.

#include <set>
#include <string>

#include "protocol/kafka_error.h"
#include "unit_test.h"

using namespace kafkascope::protocol;

TEST_CASE(kafka_error_table_is_complete_and_unique) {
    const auto table = kafka_errors();
    ASSERT_TRUE(!table.empty());
    EXPECT_EQ(table.front().code, std::int16_t{-1});
    EXPECT_TRUE(table.back().code >= 133);  // Kafka 4.1: SHARE_SESSION_LIMIT_REACHED
    std::set<int> codes;
    std::set<std::string_view> names;
    for (const KafkaErrorInfo& e : table) {
        codes.insert(e.code);
        names.insert(e.name);
        EXPECT_FALSE(e.name.empty());
        EXPECT_FALSE(e.description.empty());
        EXPECT_TRUE(find_kafka_error(e.code) == &e);
        for (char c : e.name)
            EXPECT_TRUE((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_');
    }
    EXPECT_EQ(codes.size(), table.size());
    EXPECT_EQ(names.size(), table.size());
    EXPECT_EQ(static_cast<int>(table.size()), table.back().code + 2);  // -1..max without gaps
}

TEST_CASE(kafka_error_known_entries) {
    EXPECT_EQ(kafka_error_name(-1), std::string("UNKNOWN_SERVER_ERROR"));
    EXPECT_EQ(kafka_error_name(0), std::string("NONE"));
    EXPECT_EQ(kafka_error_name(3), std::string("UNKNOWN_TOPIC_OR_PARTITION"));
    EXPECT_TRUE(is_retriable(3));
    EXPECT_EQ(kafka_error_name(6), std::string("NOT_LEADER_OR_FOLLOWER"));
    EXPECT_TRUE(is_retriable(6));
    EXPECT_EQ(kafka_error_name(35), std::string("UNSUPPORTED_VERSION"));
    EXPECT_FALSE(is_retriable(35));
    EXPECT_EQ(kafka_error_name(1), std::string("OFFSET_OUT_OF_RANGE"));
    EXPECT_FALSE(is_retriable(1));
    EXPECT_EQ(kafka_error_name(16), std::string("NOT_COORDINATOR"));
    EXPECT_TRUE(is_retriable(16));
    EXPECT_EQ(kafka_error_name(29), std::string("TOPIC_AUTHORIZATION_FAILED"));
    EXPECT_FALSE(is_retriable(29));
    EXPECT_EQ(kafka_error_name(58), std::string("SASL_AUTHENTICATION_FAILED"));
    EXPECT_EQ(kafka_error_name(100), std::string("UNKNOWN_TOPIC_ID"));
    EXPECT_TRUE(is_retriable(100));
    EXPECT_EQ(kafka_error_name(129), std::string("REBOOTSTRAP_REQUIRED"));
    EXPECT_EQ(kafka_error_name(133), std::string("SHARE_SESSION_LIMIT_REACHED"));
    EXPECT_FALSE(is_retriable(-1));
    EXPECT_FALSE(is_retriable(0));
}

TEST_CASE(kafka_error_unknown_codes) {
    EXPECT_EQ(kafka_error_name(999), std::string("UNKNOWN_CODE_999"));
    EXPECT_EQ(kafka_error_name(-7), std::string("UNKNOWN_CODE_-7"));
    EXPECT_EQ(kafka_error_name(32767), std::string("UNKNOWN_CODE_32767"));
    EXPECT_TRUE(find_kafka_error(-2) == nullptr);
    EXPECT_TRUE(find_kafka_error(-32768) == nullptr);
    EXPECT_FALSE(is_retriable(999));
    EXPECT_FALSE(kafka_error_description(999).empty());
}

TEST_CASE(kafka_error_category) {
    const std::error_code ec = make_kafka_error_code(3);
    EXPECT_TRUE(static_cast<bool>(ec));
    EXPECT_EQ(std::string(ec.category().name()), std::string("kafka"));
    EXPECT_EQ(ec.value(), 3);
    EXPECT_TRUE(ec.message().find("UNKNOWN_TOPIC_OR_PARTITION") != std::string::npos);
    EXPECT_TRUE(is_retriable(ec));
    EXPECT_FALSE(is_retriable(make_kafka_error_code(35)));
    EXPECT_TRUE(make_kafka_error_code(35).message().find("UNSUPPORTED_VERSION") !=
                std::string::npos);
    EXPECT_TRUE(make_kafka_error_code(4242).message().find("UNKNOWN_CODE_4242") !=
                std::string::npos);
    EXPECT_FALSE(static_cast<bool>(make_kafka_error_code(0)));  // NONE is success
    // Same value, other category: not a Kafka error.
    EXPECT_FALSE(is_retriable(std::error_code(3, std::generic_category())));
    EXPECT_TRUE(make_kafka_error_code(3) == make_kafka_error_code(3));
    EXPECT_FALSE(make_kafka_error_code(3) == std::error_code(3, std::generic_category()));
}
