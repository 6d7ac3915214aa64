#pragma once
// Helpers shared by the libFuzzer targets.

#include <cstdio>
#include <cstdlib>
#include <string>

namespace kafkascope::fuzz {

// A property the codec must keep was broken: report and abort so libFuzzer
// saves the input as a crash artifact.
[[noreturn]] inline void violated(const char* what, const std::string& detail = {}) {
    std::fprintf(stderr, "fuzz property violated: %s %s\n", what, detail.c_str());
    std::abort();
}

}  // namespace kafkascope::fuzz
