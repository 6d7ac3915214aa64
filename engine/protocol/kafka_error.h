#pragma once
// Kafka's protocol error codes as data: one table of {code, name, retriable,
// description} (kafka_error.cpp) and a std::error_category ("kafka") built on
// it, so a broker's error travels through the engine as a std::error_code
// next to our own client_errc codes.
//
// "Retriable" follows the Java client: the code's exception is a
// RetriableException there. Code 0 (NONE) makes a false error_code.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <system_error>

#include "core/error.h"

namespace kafkascope::protocol {

struct KafkaErrorInfo {
    std::int16_t code;
    std::string_view name;  // as Kafka spells it: "UNKNOWN_TOPIC_OR_PARTITION"
    bool retriable;
    std::string_view description;
};

// Every code we know, ascending from -1 (UNKNOWN_SERVER_ERROR) without gaps.
std::span<const KafkaErrorInfo> kafka_errors() noexcept;
// The entry for `code`, or nullptr for a code newer than this table.
const KafkaErrorInfo* find_kafka_error(std::int16_t code) noexcept;

// "UNKNOWN_TOPIC_OR_PARTITION"; "UNKNOWN_CODE_<n>" for codes we do not know.
std::string kafka_error_name(std::int16_t code);
// False for unknown codes: retrying blindly on an error we cannot name hides it.
bool is_retriable(std::int16_t code) noexcept;
// A sentence for people; a generic one for unknown codes.
std::string_view kafka_error_description(std::int16_t code) noexcept;

const std::error_category& kafka_category() noexcept;
std::error_code make_kafka_error_code(std::int16_t code) noexcept;
// True only for a kafka-category code that is retriable.
bool is_retriable(const std::error_code& ec) noexcept;

// The Error for a code a broker answered, worded "<context>: <NAME>".
Error kafka_error(std::int16_t code, const std::string& context);

}  // namespace kafkascope::protocol
