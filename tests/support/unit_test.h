#pragma once
// A deliberately small test harness for the engine's tests. The engine must
// build and test without Qt, so QtTest is reserved for ui/ tests; this gives
// the engine tests registration, EXPECT_* (record and go on) and ASSERT_*
// (stop this test), and a closing "N passed, N failed" line for CTest logs.
//
//   TEST_CASE(varint_round_trip) {
//       EXPECT_EQ(decode(encode(300)), 300);
//   }

#include <functional>
#include <sstream>
#include <string>
#include <vector>

namespace kafkascope::test {

struct TestCase {
    const char* name;
    void (*body)();
};
std::vector<TestCase>& registry();

struct Registrar {
    Registrar(const char* name, void (*body)()) { registry().push_back({name, body}); }
};

struct AssertionFailed {};  // thrown by ASSERT_* to leave the current test

void report_failure(const char* file, int line, const std::string& what);

template <class T>
std::string show(const T& v) {
    if constexpr (requires(std::ostream& os) { os << v; }) {
        std::ostringstream os;
        os << v;
        return os.str();
    } else {
        return "<value>";
    }
}

// Directory of the copied fixtures (tests/data), from the environment CTest sets.
std::string data_dir();

}  // namespace kafkascope::test

#define KS_TEST_CONCAT2(a, b) a##b
#define KS_TEST_CONCAT(a, b) KS_TEST_CONCAT2(a, b)

#define TEST_CASE(name)                                                                     \
    static void name();                                                                     \
    static const ::kafkascope::test::Registrar KS_TEST_CONCAT(ks_registrar_, name)(#name,   \
                                                                                  &name);   \
    static void name()

#define KS_CHECK(cond, text, on_fail)                                                     \
    do {                                                                                  \
        if (!(cond)) {                                                                    \
            ::kafkascope::test::report_failure(__FILE__, __LINE__, text);                 \
            on_fail;                                                                      \
        }                                                                                 \
    } while (0)

#define KS_CHECK_EQ(a, b, on_fail)                                                        \
    do {                                                                                  \
        /* copies, not references: `f()[0]` would dangle once f()'s temporary dies */    \
        const auto ks_a = (a);                                                            \
        const auto ks_b = (b);                                                            \
        if (!(ks_a == ks_b)) {                                                            \
            ::kafkascope::test::report_failure(                                           \
                __FILE__, __LINE__,                                                       \
                std::string(#a " == " #b ": ") + ::kafkascope::test::show(ks_a) +         \
                    " vs " + ::kafkascope::test::show(ks_b));                             \
            on_fail;                                                                      \
        }                                                                                 \
    } while (0)

// A Status or Result that must be ok; a failure prints the error's text.
#define EXPECT_OK(expr)                                                                   \
    do {                                                                                  \
        const auto& ks_r = (expr);                                                        \
        if (!ks_r.ok()) {                                                                 \
            ::kafkascope::test::report_failure(__FILE__, __LINE__,                        \
                                               std::string("expected ok: " #expr ": ") +  \
                                                   ks_r.error().message);                 \
        }                                                                                 \
    } while (0)

#define EXPECT_TRUE(cond) KS_CHECK((cond), "expected true: " #cond, (void)0)
#define EXPECT_FALSE(cond) KS_CHECK(!(cond), "expected false: " #cond, (void)0)
#define EXPECT_EQ(a, b) KS_CHECK_EQ(a, b, (void)0)
#define ASSERT_TRUE(cond) \
    KS_CHECK((cond), "required: " #cond, throw ::kafkascope::test::AssertionFailed{})
#define ASSERT_EQ(a, b) KS_CHECK_EQ(a, b, throw ::kafkascope::test::AssertionFailed{})
