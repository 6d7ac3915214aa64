#include "protocol/supported_apis.h"

#include <array>

#include "protocol/messages/api_versions.h"
#include "protocol/messages/list_offsets.h"
#include "protocol/messages/metadata.h"

namespace kafkascope::protocol {
namespace {

constexpr std::array kSupported = {kListOffsetsApi, kMetadataApi, kApiVersionsApi};

}  // namespace

std::span<const ApiSpec> supported_apis() noexcept { return kSupported; }

const ApiSpec* find_supported_api(std::int16_t key) noexcept {
    for (const ApiSpec& api : kSupported) {
        if (api.key == key) return &api;
    }
    return nullptr;
}

}  // namespace kafkascope::protocol
