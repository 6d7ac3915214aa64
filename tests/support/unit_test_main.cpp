#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>

#include "unit_test.h"

namespace kafkascope::test {

std::vector<TestCase>& registry() {
    static std::vector<TestCase> cases;
    return cases;
}

namespace {
int g_failures_in_test = 0;
}

void report_failure(const char* file, int line, const std::string& what) {
    ++g_failures_in_test;
    std::fprintf(stderr, "  %s:%d: %s\n", file, line, what.c_str());
}

std::string data_dir() {
    const char* dir = std::getenv("KAFKASCOPE_TEST_DATA");
    return dir ? dir : "tests/data";
}

}  // namespace kafkascope::test

// Runs every registered test, or those whose name contains argv[1].
int main(int argc, char** argv) {
    using namespace kafkascope::test;
    int passed = 0;
    int failed = 0;
    for (const TestCase& t : registry()) {
        if (argc > 1 && !std::strstr(t.name, argv[1])) continue;
        g_failures_in_test = 0;
        try {
            t.body();
        } catch (const AssertionFailed&) {
        } catch (const std::exception& e) {
            report_failure(t.name, 0, std::string("uncaught exception: ") + e.what());
        }
        if (g_failures_in_test == 0) {
            ++passed;
            std::printf("[ ok ] %s\n", t.name);
        } else {
            ++failed;
            std::printf("[FAIL] %s\n", t.name);
        }
        std::fflush(stdout);
    }
    std::printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 && passed > 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
