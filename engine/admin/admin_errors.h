#pragma once
// Kafka error codes the admin code reacts to, and one way to word them.

#include <cstdint>
#include <string>

#include "core/error.h"
#include "protocol/kafka_error.h"

namespace kafkascope::admin {

inline constexpr std::int16_t kCoordinatorLoadInProgress = 14;
inline constexpr std::int16_t kCoordinatorNotAvailable = 15;
inline constexpr std::int16_t kNotCoordinator = 16;
inline constexpr std::int16_t kIllegalGeneration = 22;
inline constexpr std::int16_t kUnknownMemberId = 25;
inline constexpr std::int16_t kRebalanceInProgress = 27;
inline constexpr std::int16_t kNonEmptyGroup = 68;

using protocol::kafka_error;

inline bool has_kafka_code(const Error& e, std::int16_t code) {
    return e && e.code.category() == protocol::kafka_category() && e.code.value() == code;
}

// The coordinator moved, is not elected yet or is still loading: ask again.
inline bool is_coordinator_error(std::int16_t code) {
    return code == kCoordinatorLoadInProgress || code == kCoordinatorNotAvailable || code == kNotCoordinator;
}

// What a generation -1 ("simple") commit gets while the group has members.
inline bool means_active_members(const Error& e) {
    return has_kafka_code(e, kUnknownMemberId) || has_kafka_code(e, kIllegalGeneration) ||
           has_kafka_code(e, kRebalanceInProgress);
}

}  // namespace kafkascope::admin
