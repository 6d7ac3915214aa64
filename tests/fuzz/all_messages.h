#pragma once
// Every described API, for the fuzzers: `visit_request(key, f)` calls
// f.template operator()<XxxRequest>() for the request type of that API key.
// kFuzzApiKeys fixes the order the response fuzzer's first byte picks from
// (the first three keep the indices older corpora were made with).

#include <array>
#include <cstdint>

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
#include "protocol/messages/offset_commit.h"
#include "protocol/messages/offset_delete.h"
#include "protocol/messages/offset_fetch.h"
#include "protocol/messages/produce.h"
#include "protocol/messages/sasl_authenticate.h"
#include "protocol/messages/sasl_handshake.h"
#include "protocol/messages/sync_group.h"

namespace kafkascope::fuzz {

inline constexpr std::array<std::int16_t, 19> kFuzzApiKeys = {18, 3, 2, 0, 1, 22, 10, 11, 14, 12,
                                                              13, 9, 8, 16, 15, 17, 36, 42, 47};

template <class F>
bool visit_request(std::int16_t key, F&& f) {
    using namespace protocol;
    switch (key) {
        case 0: f.template operator()<ProduceRequest>(); return true;
        case 1: f.template operator()<FetchRequest>(); return true;
        case 2: f.template operator()<ListOffsetsRequest>(); return true;
        case 3: f.template operator()<MetadataRequest>(); return true;
        case 8: f.template operator()<OffsetCommitRequest>(); return true;
        case 9: f.template operator()<OffsetFetchRequest>(); return true;
        case 10: f.template operator()<FindCoordinatorRequest>(); return true;
        case 11: f.template operator()<JoinGroupRequest>(); return true;
        case 12: f.template operator()<HeartbeatRequest>(); return true;
        case 13: f.template operator()<LeaveGroupRequest>(); return true;
        case 14: f.template operator()<SyncGroupRequest>(); return true;
        case 15: f.template operator()<DescribeGroupsRequest>(); return true;
        case 16: f.template operator()<ListGroupsRequest>(); return true;
        case 17: f.template operator()<SaslHandshakeRequest>(); return true;
        case 18: f.template operator()<ApiVersionsRequest>(); return true;
        case 22: f.template operator()<InitProducerIdRequest>(); return true;
        case 36: f.template operator()<SaslAuthenticateRequest>(); return true;
        case 42: f.template operator()<DeleteGroupsRequest>(); return true;
        case 47: f.template operator()<OffsetDeleteRequest>(); return true;
        default: return false;
    }
}

}  // namespace kafkascope::fuzz
