/* The benchmark's message value, shared by produce_bench.cpp and
 * rdkafka_produce_bench.c so both clients send the very same bytes:
 * 100 bytes of JSON whose id, user and timestamp change per message (so
 * compression has real but typical work to do). Filled in place with fixed
 * width digits: far cheaper than snprintf, so the generator does not blur
 * the comparison. */
#ifndef KAFKASCOPE_BENCH_PAYLOAD_H
#define KAFKASCOPE_BENCH_PAYLOAD_H

#include <stdint.h>
#include <string.h>

#define BENCH_PAYLOAD_SIZE 100

static const char bench_payload_template[BENCH_PAYLOAD_SIZE + 1] =
    "{\"id\":0000000000,\"user\":\"u-0000\",\"event\":\"click\","
    "\"ts\":1700000000000,\"region\":\"eu-west-1\",\"ok\":false}";

static inline void bench_put_digits(char* at, int width, uint64_t v) {
    static const char digits[] = "0123456789";
    for (int i = width - 1; i >= 0; --i) {
        at[i] = digits[v % 10u];
        v /= 10u;
    }
}

/* Writes message `i`'s 100-byte value into `out` (not NUL terminated). */
static inline void bench_fill_payload(char* out, uint64_t i) {
    memcpy(out, bench_payload_template, BENCH_PAYLOAD_SIZE);
    bench_put_digits(out + 6, 10, i);
    bench_put_digits(out + 27, 4, (i * 7919u) % 10000u);
    bench_put_digits(out + 54, 13, 1700000000000ull + i);
}

#endif
