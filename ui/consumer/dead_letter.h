#pragma once
// What a message sent to a dead-letter topic looks like: the original key,
// value and headers unchanged, plus one header naming where it came from,
// so a later consumer can trace (and replay) it. Pure functions, no engine
// objects; GroupReaderBridge sends the result through a producer::Writer.

#include <QString>
#include <optional>
#include <string>
#include <vector>

#include "consumer/message.h"
#include "producer/writer_config.h"

namespace kafkascope::ui {

// Header added to every dead-lettered message. Its value is
// "<topic>/<partition>/<offset>" of the original (Kafka topic names cannot
// contain '/', so the value splits unambiguously).
inline constexpr const char* kDeadLetterOriginHeader = "x-dead-letter-origin";

struct DeadLetterOrigin {
    std::string topic;
    std::int32_t partition = 0;
    std::int64_t offset = 0;
};

std::string deadLetterOriginValue(const consumer::Message& original);
// Parses a header value made by deadLetterOriginValue; nullopt when malformed.
std::optional<DeadLetterOrigin> parseDeadLetterOrigin(const std::string& value);

// The dead-letter copy of `original` for `topic`; the partition is left to
// the writer's balancer and the timestamp to the time of the write.
producer::Message deadLetterMessage(const consumer::Message& original, const std::string& topic);

// Empty when `topic` is a legal Kafka topic name, else why it is not.
QString topicNameProblem(const QString& topic);

}  // namespace kafkascope::ui
