#pragma once
// Every API this engine can encode, with our version ranges: the left half
// of the per-broker versions table. Add an API here when its messages/
// description lands.

#include <span>

#include "protocol/field.h"

namespace kafkascope::protocol {

std::span<const ApiSpec> supported_apis() noexcept;
const ApiSpec* find_supported_api(std::int16_t key) noexcept;

}  // namespace kafkascope::protocol
