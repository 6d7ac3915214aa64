#include "protocol/supported_apis.h"

#include <array>

#include "protocol/messages/api_versions.h"
#include "protocol/messages/delete_groups.h"
#include "protocol/messages/describe_groups.h"
#include "protocol/messages/fetch.h"
#include "protocol/messages/find_coordinator.h"
#include "protocol/messages/heartbeat.h"
#include "protocol/messages/init_producer_id.h"
#include "protocol/messages/join_group.h"
#include "protocol/messages/leave_group.h"
#include "protocol/messages/list_groups.h"
#include "protocol/messages/list_offsets.h"
#include "protocol/messages/metadata.h"
#include "protocol/messages/offset_delete.h"
#include "protocol/messages/offset_commit.h"
#include "protocol/messages/offset_fetch.h"
#include "protocol/messages/produce.h"
#include "protocol/messages/sasl_authenticate.h"
#include "protocol/messages/sasl_handshake.h"
#include "protocol/messages/sync_group.h"

namespace kafkascope::protocol {
namespace {

constexpr std::array kSupported = {
    kListOffsetsApi, kMetadataApi, kApiVersionsApi,
    // Producing and fetching.
    kProduceApi, kFetchApi, kInitProducerIdApi,
    // Classic consumer groups and their offsets.
    kFindCoordinatorApi, kJoinGroupApi, kSyncGroupApi, kHeartbeatApi, kLeaveGroupApi,
    kOffsetFetchApi, kOffsetCommitApi, kListGroupsApi, kDescribeGroupsApi,
    // Group administration.
    kDeleteGroupsApi, kOffsetDeleteApi,
    // Authentication (net/sasl).
    kSaslHandshakeApi, kSaslAuthenticateApi,
};

}  // namespace

std::span<const ApiSpec> supported_apis() noexcept { return kSupported; }

const ApiSpec* find_supported_api(std::int16_t key) noexcept {
    for (const ApiSpec& api : kSupported) {
        if (api.key == key) return &api;
    }
    return nullptr;
}

}  // namespace kafkascope::protocol
