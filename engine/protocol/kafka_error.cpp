#include "protocol/kafka_error.h"

#include <array>

namespace kafkascope::protocol {
namespace {

// Codes, names and retriable flags follow Apache Kafka's
// org.apache.kafka.common.protocol.Errors up to Kafka 4.1 (code 133). The
// descriptions are ours. -2 (UNKNOWN_RETRIABLE) is left out: the Java client
// makes it up locally and no broker sends it.
constexpr std::array<KafkaErrorInfo, 135> kErrors = {{
    {-1, "UNKNOWN_SERVER_ERROR", false,
     "The broker hit an unexpected error while handling the request."},
    {0, "NONE", false, "No error."},
    {1, "OFFSET_OUT_OF_RANGE", false,
     "The requested offset is outside the range of offsets the broker keeps for the partition."},
    {2, "CORRUPT_MESSAGE", true,
     "A message failed its CRC check, has an invalid size, has a null key on a compacted "
     "topic, or is otherwise corrupt."},
    {3, "UNKNOWN_TOPIC_OR_PARTITION", true, "This broker does not host the topic-partition."},
    {4, "INVALID_FETCH_SIZE", false, "The requested fetch size is not valid."},
    {5, "LEADER_NOT_AVAILABLE", true,
     "The partition has no leader right now; a leader election is in progress."},
    {6, "NOT_LEADER_OR_FOLLOWER", true,
     "The broker is not the leader (for leader-only requests) or not a replica (for replica "
     "requests) of the partition."},
    {7, "REQUEST_TIMED_OUT", true, "The request timed out on the broker."},
    {8, "BROKER_NOT_AVAILABLE", false, "The broker is not available."},
    {9, "REPLICA_NOT_AVAILABLE", true,
     "The replica is not available for the partition; requests meant only for the leader or a "
     "follower get NOT_LEADER_OR_FOLLOWER instead."},
    {10, "MESSAGE_TOO_LARGE", false, "A message is larger than the broker accepts."},
    {11, "STALE_CONTROLLER_EPOCH", false, "The controller moved to another broker."},
    {12, "OFFSET_METADATA_TOO_LARGE", false,
     "The metadata string of an offset commit is too large."},
    {13, "NETWORK_EXCEPTION", true, "The broker disconnected before it sent a response."},
    {14, "COORDINATOR_LOAD_IN_PROGRESS", true,
     "The coordinator is still loading its state and cannot handle requests yet."},
    {15, "COORDINATOR_NOT_AVAILABLE", true, "The coordinator is not available."},
    {16, "NOT_COORDINATOR", true,
     "This broker is not the coordinator for the group or transaction."},
    {17, "INVALID_TOPIC_EXCEPTION", false, "The request tried to operate on an invalid topic."},
    {18, "RECORD_LIST_TOO_LARGE", false,
     "A record batch is larger than the broker's configured segment size."},
    {19, "NOT_ENOUGH_REPLICAS", true,
     "Records were refused because fewer in-sync replicas exist than the topic requires."},
    {20, "NOT_ENOUGH_REPLICAS_AFTER_APPEND", true,
     "Records were written, but to fewer in-sync replicas than the topic requires."},
    {21, "INVALID_REQUIRED_ACKS", false, "The Produce request has an invalid acks value."},
    {22, "ILLEGAL_GENERATION", false, "The group generation id is not valid."},
    {23, "INCONSISTENT_GROUP_PROTOCOL", false,
     "The member's protocols do not match those of the group's other members, or the protocol "
     "type or list is empty."},
    {24, "INVALID_GROUP_ID", false, "The group id is not valid."},
    {25, "UNKNOWN_MEMBER_ID", false, "The coordinator does not know this member."},
    {26, "INVALID_SESSION_TIMEOUT", false,
     "The session timeout is outside the broker's "
     "group.min.session.timeout.ms..group.max.session.timeout.ms range."},
    {27, "REBALANCE_IN_PROGRESS", false, "The group is rebalancing; the member must rejoin."},
    {28, "INVALID_COMMIT_OFFSET_SIZE", false,
     "The size of the committed offset data is not valid."},
    {29, "TOPIC_AUTHORIZATION_FAILED", false, "Not authorized to access the topic."},
    {30, "GROUP_AUTHORIZATION_FAILED", false, "Not authorized to access the group."},
    {31, "CLUSTER_AUTHORIZATION_FAILED", false, "Not authorized for the cluster operation."},
    {32, "INVALID_TIMESTAMP", false, "A record timestamp is outside the acceptable range."},
    {33, "UNSUPPORTED_SASL_MECHANISM", false,
     "The broker does not support the requested SASL mechanism."},
    {34, "ILLEGAL_SASL_STATE", false, "The request is not valid in the current SASL state."},
    {35, "UNSUPPORTED_VERSION", false, "The broker does not support this version of the API."},
    {36, "TOPIC_ALREADY_EXISTS", false, "A topic with this name already exists."},
    {37, "INVALID_PARTITIONS", false,
     "The number of partitions is not valid (below 1, or not more than the current count)."},
    {38, "INVALID_REPLICATION_FACTOR", false,
     "The replication factor is below 1 or above the number of available brokers."},
    {39, "INVALID_REPLICA_ASSIGNMENT", false, "The replica assignment is not valid."},
    {40, "INVALID_CONFIG", false, "The configuration is not valid."},
    {41, "NOT_CONTROLLER", true, "This broker is not the active controller."},
    {42, "INVALID_REQUEST", false,
     "The request is malformed or was sent to a broker that cannot understand it; the broker "
     "log has details."},
    {43, "UNSUPPORTED_FOR_MESSAGE_FORMAT", false,
     "The broker's message format version does not support the request."},
    {44, "POLICY_VIOLATION", false, "The request violates a configured policy."},
    {45, "OUT_OF_ORDER_SEQUENCE_NUMBER", false,
     "The broker received a sequence number out of order."},
    {46, "DUPLICATE_SEQUENCE_NUMBER", false, "The broker received a duplicate sequence number."},
    {47, "INVALID_PRODUCER_EPOCH", false, "The producer used an old epoch."},
    {48, "INVALID_TXN_STATE", false,
     "The transactional operation is not valid in the transaction's current state."},
    {49, "INVALID_PRODUCER_ID_MAPPING", false,
     "The producer id is not the one assigned to this transactional id."},
    {50, "INVALID_TRANSACTION_TIMEOUT", false,
     "The transaction timeout exceeds the broker's transaction.max.timeout.ms."},
    {51, "CONCURRENT_TRANSACTIONS", true,
     "Another operation on the same transaction is in progress."},
    {52, "TRANSACTION_COORDINATOR_FENCED", false,
     "The transaction coordinator that sent the marker is no longer the coordinator for the "
     "producer."},
    {53, "TRANSACTIONAL_ID_AUTHORIZATION_FAILED", false,
     "Not authorized to use the transactional id."},
    {54, "SECURITY_DISABLED", false, "Security features are disabled on the broker."},
    {55, "OPERATION_NOT_ATTEMPTED", false,
     "The broker did not try this operation, usually because another operation in the same "
     "batch failed."},
    {56, "KAFKA_STORAGE_ERROR", true, "The broker hit a disk error while accessing a log file."},
    {57, "LOG_DIR_NOT_FOUND", false,
     "The requested log directory is not in the broker's configuration."},
    {58, "SASL_AUTHENTICATION_FAILED", false, "SASL authentication failed."},
    {59, "UNKNOWN_PRODUCER_ID", false,
     "The broker has no state for this producer id, for example because its records expired."},
    {60, "REASSIGNMENT_IN_PROGRESS", false, "A partition reassignment is in progress."},
    {61, "DELEGATION_TOKEN_AUTH_DISABLED", false, "Delegation tokens are not enabled."},
    {62, "DELEGATION_TOKEN_NOT_FOUND", false, "The delegation token does not exist."},
    {63, "DELEGATION_TOKEN_OWNER_MISMATCH", false,
     "The principal is not the owner or a renewer of the delegation token."},
    {64, "DELEGATION_TOKEN_REQUEST_NOT_ALLOWED", false,
     "Delegation token requests are not allowed on this kind of connection (PLAINTEXT, one-way"
     " SSL, or token-authenticated)."},
    {65, "DELEGATION_TOKEN_AUTHORIZATION_FAILED", false,
     "Not authorized for the delegation token operation."},
    {66, "DELEGATION_TOKEN_EXPIRED", false, "The delegation token has expired."},
    {67, "INVALID_PRINCIPAL_TYPE", false, "The principal type is not supported."},
    {68, "NON_EMPTY_GROUP", false, "The group is not empty."},
    {69, "GROUP_ID_NOT_FOUND", false, "The group does not exist."},
    {70, "FETCH_SESSION_ID_NOT_FOUND", true, "The fetch session does not exist on the broker."},
    {71, "INVALID_FETCH_SESSION_EPOCH", true, "The fetch session epoch is not valid."},
    {72, "LISTENER_NOT_FOUND", true,
     "The partition leader has no listener matching the one the Metadata request came in on."},
    {73, "TOPIC_DELETION_DISABLED", false, "Topic deletion is disabled on the broker."},
    {74, "FENCED_LEADER_EPOCH", true,
     "The leader epoch in the request is older than the broker's."},
    {75, "UNKNOWN_LEADER_EPOCH", true,
     "The leader epoch in the request is newer than the broker's."},
    {76, "UNSUPPORTED_COMPRESSION_TYPE", false,
     "The client does not support the partition's compression type."},
    {77, "STALE_BROKER_EPOCH", false, "The broker epoch has changed."},
    {78, "OFFSET_NOT_AVAILABLE", true,
     "The leader's high watermark has not caught up after an election, so offsets could go "
     "backwards."},
    {79, "MEMBER_ID_REQUIRED", false, "The member needs a member id before it can join the group."},
    {80, "PREFERRED_LEADER_NOT_AVAILABLE", true, "The preferred leader is not available."},
    {81, "GROUP_MAX_SIZE_REACHED", false, "The group has reached its maximum size."},
    {82, "FENCED_INSTANCE_ID", false,
     "Another member registered with the same group.instance.id; this static member is fenced."},
    {83, "ELIGIBLE_LEADERS_NOT_AVAILABLE", true,
     "No eligible leader is available for the partition."},
    {84, "ELECTION_NOT_NEEDED", true, "The partition needs no leader election."},
    {85, "NO_REASSIGNMENT_IN_PROGRESS", false, "No partition reassignment is in progress."},
    {86, "GROUP_SUBSCRIBED_TO_TOPIC", false,
     "Offsets of a topic cannot be deleted while the group is subscribed to it."},
    {87, "INVALID_RECORD", false, "The broker rejected a record that failed validation."},
    {88, "UNSTABLE_OFFSET_COMMIT", true,
     "The partition has unstable (pending transactional) offsets that must be resolved first."},
    {89, "THROTTLING_QUOTA_EXCEEDED", true, "The request exceeded the throttling quota."},
    {90, "PRODUCER_FENCED", false,
     "A newer producer with the same transactional id fenced this one."},
    {91, "RESOURCE_NOT_FOUND", false, "The request refers to a resource that does not exist."},
    {92, "DUPLICATE_RESOURCE", false, "The request refers to the same resource twice."},
    {93, "UNACCEPTABLE_CREDENTIAL", false, "The credential does not meet the acceptance criteria."},
    {94, "INCONSISTENT_VOTER_SET", false,
     "The sender or receiver of a voter-only request is not an expected voter."},
    {95, "INVALID_UPDATE_VERSION", false, "The update version is not valid."},
    {96, "FEATURE_UPDATE_FAILED", false, "The broker could not update the finalized features."},
    {97, "PRINCIPAL_DESERIALIZATION_FAILURE", false,
     "The broker could not deserialize the forwarded request's principal."},
    {98, "SNAPSHOT_NOT_FOUND", false, "The requested snapshot does not exist."},
    {99, "POSITION_OUT_OF_RANGE", false,
     "The requested position is negative or beyond the size of the snapshot."},
    {100, "UNKNOWN_TOPIC_ID", true, "This broker does not host the topic id."},
    {101, "DUPLICATE_BROKER_REGISTRATION", false, "The broker id is already registered."},
    {102, "BROKER_ID_NOT_REGISTERED", false, "The broker id is not registered."},
    {103, "INCONSISTENT_TOPIC_ID", true, "The log's topic id differs from the one in the request."},
    {104, "INCONSISTENT_CLUSTER_ID", false,
     "The cluster id in the request differs from the broker's."},
    {105, "TRANSACTIONAL_ID_NOT_FOUND", false, "The transactional id does not exist."},
    {106, "FETCH_SESSION_TOPIC_ID_ERROR", true, "The fetch session used topic ids inconsistently."},
    {107, "INELIGIBLE_REPLICA", false, "The new ISR contains a replica that is not eligible."},
    {108, "NEW_LEADER_ELECTED", false,
     "The partition state was updated, but the leader has changed."},
    {109, "OFFSET_MOVED_TO_TIERED_STORAGE", false,
     "The requested offset has moved to tiered storage."},
    {110, "FENCED_MEMBER_EPOCH", false,
     "The group coordinator fenced the member epoch; the member must give up its partitions "
     "and rejoin."},
    {111, "UNRELEASED_INSTANCE_ID", false,
     "Another member of the group still uses the instance id; it must leave first."},
    {112, "UNSUPPORTED_ASSIGNOR", false,
     "The group does not support the assignor or its version range."},
    {113, "STALE_MEMBER_EPOCH", false,
     "The member epoch is stale; retry after the next ConsumerGroupHeartbeat brings the "
     "current epoch."},
    {114, "MISMATCHED_ENDPOINT_TYPE", false, "The request went to an endpoint of the wrong type."},
    {115, "UNSUPPORTED_ENDPOINT_TYPE", false, "This endpoint type is not supported yet."},
    {116, "UNKNOWN_CONTROLLER_ID", false, "The controller id is not known."},
    {117, "UNKNOWN_SUBSCRIPTION_ID", false,
     "The telemetry push used an unknown or outdated subscription id."},
    {118, "TELEMETRY_TOO_LARGE", false, "The telemetry push is larger than the broker accepts."},
    {119, "INVALID_REGISTRATION", false,
     "The controller considers the broker registration invalid."},
    {120, "TRANSACTION_ABORTABLE", false,
     "The transaction hit an error; abort it to keep using the transactional id."},
    {121, "INVALID_RECORD_STATE", false,
     "The record state is not valid, so the delivery acknowledgement could not be completed."},
    {122, "SHARE_SESSION_NOT_FOUND", true, "The share session does not exist."},
    {123, "INVALID_SHARE_SESSION_EPOCH", true, "The share session epoch is not valid."},
    {124, "FENCED_STATE_EPOCH", false,
     "The share-group state epoch did not match, so the share coordinator rejected the "
     "request."},
    {125, "INVALID_VOTER_KEY", false, "The voter key does not match the receiving replica's key."},
    {126, "DUPLICATE_VOTER", false, "The voter is already in the voter set."},
    {127, "VOTER_NOT_FOUND", false, "The voter is not in the voter set."},
    {128, "INVALID_REGULAR_EXPRESSION", false, "The regular expression is not valid."},
    {129, "REBOOTSTRAP_REQUIRED", false,
     "The client's metadata is stale; it should rebootstrap to get new metadata."},
    {130, "STREAMS_INVALID_TOPOLOGY", false, "The streams topology is not valid."},
    {131, "STREAMS_INVALID_TOPOLOGY_EPOCH", false, "The streams topology epoch is not valid."},
    {132, "STREAMS_TOPOLOGY_FENCED", false, "The streams topology epoch is outdated."},
    {133, "SHARE_SESSION_LIMIT_REACHED", true,
     "The broker has reached its limit of share sessions."},
}};

constexpr std::int16_t kFirstCode = -1;

// Lookups index the table by code, so it must stay sorted and gap-free.
constexpr bool contiguous() {
    for (std::size_t i = 0; i < kErrors.size(); ++i) {
        if (kErrors[i].code != kFirstCode + static_cast<int>(i)) return false;
    }
    return true;
}
static_assert(contiguous(), "kafka error table must list codes from -1 upwards without gaps");

constexpr std::string_view kUnknownDescription =
    "An error code this version of Kafkascope does not know (probably from a newer broker).";

class KafkaCategory final : public std::error_category {
public:
    const char* name() const noexcept override { return "kafka"; }
    std::string message(int value) const override {
        const auto code = static_cast<std::int16_t>(value);
        if (value != code) return "Kafka error code " + std::to_string(value) + " (out of range)";
        return kafka_error_name(code) + " (" + std::to_string(value) +
               "): " + std::string(kafka_error_description(code));
    }
};

}  // namespace

std::span<const KafkaErrorInfo> kafka_errors() noexcept {
    return kErrors;
}

const KafkaErrorInfo* find_kafka_error(std::int16_t code) noexcept {
    const int index = code - kFirstCode;
    if (index < 0 || static_cast<std::size_t>(index) >= kErrors.size()) return nullptr;
    return &kErrors[static_cast<std::size_t>(index)];
}

std::string kafka_error_name(std::int16_t code) {
    if (const KafkaErrorInfo* e = find_kafka_error(code)) return std::string(e->name);
    return "UNKNOWN_CODE_" + std::to_string(code);
}

bool is_retriable(std::int16_t code) noexcept {
    const KafkaErrorInfo* e = find_kafka_error(code);
    return e != nullptr && e->retriable;
}

std::string_view kafka_error_description(std::int16_t code) noexcept {
    if (const KafkaErrorInfo* e = find_kafka_error(code)) return e->description;
    return kUnknownDescription;
}

const std::error_category& kafka_category() noexcept {
    static const KafkaCategory category;
    return category;
}

std::error_code make_kafka_error_code(std::int16_t code) noexcept {
    return {code, kafka_category()};
}

bool is_retriable(const std::error_code& ec) noexcept {
    if (ec.category() != kafka_category()) return false;
    const auto code = static_cast<std::int16_t>(ec.value());
    return ec.value() == code && is_retriable(code);
}

Error kafka_error(std::int16_t code, const std::string& context) {
    return Error(make_kafka_error_code(code), context + ": " + kafka_error_name(code));
}

}  // namespace kafkascope::protocol
