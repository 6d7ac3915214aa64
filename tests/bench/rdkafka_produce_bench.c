/* The reference peer of produce_bench.cpp: the same workload through
 * Debian's librdkafka (pkg-config rdkafka). Used only by the benchmark; never
 * linked into the engine.
 *
 *   rdkafka_produce_bench --bootstrap HOST:PORT --topic T [--codec C]
 *                         [--mode throughput|latency] [--messages N]
 *                         [--batch-num N] [--linger-ms MS] [--sync-count N]
 *
 * throughput: N messages of 100 bytes (bench_payload.h, copied by
 *   librdkafka: RD_KAFKA_MSG_F_COPY, null key), acks=all,
 *   batch.num.messages=10000, linger.ms=5, a large local queue; on QUEUE_FULL
 *   we poll and retry. Wall time from the first produce to the last delivery
 *   report; CPU from getrusage(RUSAGE_SELF) at the very end.
 * latency: --sync-count messages one at a time with linger.ms=0, each waiting
 *   for its delivery report (after one untimed warm-up), then one message on
 *   a fresh producer with default settings (and a second one, warm).
 *
 * Prints exactly one JSON line on stdout; diagnostics go to stderr. */
#define _POSIX_C_SOURCE 200809L

#include <librdkafka/rdkafka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "bench_payload.h"

struct args {
    const char* bootstrap;
    const char* topic;
    const char* codec;
    const char* mode;
    long messages;
    long batch_num;
    long linger_ms;
    int sync_count;
};

struct counters {
    long delivered;
    long failed;
    char first_error[256];
};

static void usage(const char* why) {
    fprintf(stderr, "rdkafka_produce_bench: %s\n", why);
    exit(2);
}

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void on_delivery(rd_kafka_t* rk, const rd_kafka_message_t* m, void* opaque) {
    struct counters* c = opaque;
    (void)rk;
    if (m->err) {
        if (c->failed++ == 0)
            snprintf(c->first_error, sizeof c->first_error, "%s", rd_kafka_err2str(m->err));
    } else {
        c->delivered++;
    }
}

static void set(rd_kafka_conf_t* conf, const char* name, const char* value) {
    char err[512];
    if (rd_kafka_conf_set(conf, name, value, err, sizeof err) != RD_KAFKA_CONF_OK) {
        fprintf(stderr, "rdkafka_produce_bench: %s=%s: %s\n", name, value, err);
        exit(2);
    }
}

/* A producer with acks=all and the codec; `tuned` adds the throughput
 * settings, `linger_ms` >= 0 sets linger.ms (else librdkafka's default). */
static rd_kafka_t* make_producer(const struct args* a, struct counters* c, int tuned, long linger_ms) {
    char err[512], buf[32];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    set(conf, "bootstrap.servers", a->bootstrap);
    set(conf, "client.id", "rdkafka_produce_bench");
    set(conf, "acks", "all");
    set(conf, "compression.codec", a->codec);
    if (tuned) {
        snprintf(buf, sizeof buf, "%ld", a->batch_num);
        set(conf, "batch.num.messages", buf);
        set(conf, "queue.buffering.max.messages", "1000000");
        set(conf, "queue.buffering.max.kbytes", "1048576");
    }
    if (linger_ms >= 0) {
        snprintf(buf, sizeof buf, "%ld", linger_ms);
        set(conf, "linger.ms", buf);
    }
    rd_kafka_conf_set_dr_msg_cb(conf, on_delivery);
    rd_kafka_conf_set_opaque(conf, c);
    rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
    if (!rk) {
        fprintf(stderr, "rdkafka_produce_bench: rd_kafka_new: %s\n", err);
        exit(2);
    }
    /* Connect and learn the topic before any clock starts (the C++ side
     * calls metadata_sync the same way). */
    rd_kafka_topic_t* rkt = rd_kafka_topic_new(rk, a->topic, NULL);
    const struct rd_kafka_metadata* md = NULL;
    rd_kafka_resp_err_t e = rd_kafka_metadata(rk, 0, rkt, &md, 10000);
    if (e) {
        fprintf(stderr, "rdkafka_produce_bench: metadata: %s\n", rd_kafka_err2str(e));
        exit(2);
    }
    rd_kafka_metadata_destroy(md);
    rd_kafka_topic_destroy(rkt);
    return rk;
}

static double cpu_seconds(double* user, double* sys) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    *user = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6;
    *sys = (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
    return *user + *sys;
}

static int produce_one(rd_kafka_t* rk, const char* topic, uint64_t i) {
    char payload[BENCH_PAYLOAD_SIZE];
    bench_fill_payload(payload, i);
    for (;;) {
        rd_kafka_resp_err_t e = rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(topic),
                                                  RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                                                  RD_KAFKA_V_VALUE(payload, BENCH_PAYLOAD_SIZE), RD_KAFKA_V_END);
        if (e == RD_KAFKA_RESP_ERR_NO_ERROR) return 0;
        if (e != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
            fprintf(stderr, "rdkafka_produce_bench: produce: %s\n", rd_kafka_err2str(e));
            return -1;
        }
        rd_kafka_poll(rk, 1);
    }
}

static int run_throughput(const struct args* a) {
    struct counters c = {0, 0, ""};
    rd_kafka_t* rk = make_producer(a, &c, 1, a->linger_ms);
    double t0 = now_ms();
    long produced = 0;
    for (long i = 0; i < a->messages; ++i) {
        if (produce_one(rk, a->topic, (uint64_t)i) != 0) break;
        ++produced;
        if ((i & 1023) == 0) rd_kafka_poll(rk, 0); /* serve delivery reports */
    }
    while (c.delivered + c.failed < produced) rd_kafka_poll(rk, 50);
    double wall_s = (now_ms() - t0) / 1000.0;
    rd_kafka_flush(rk, 10000);
    rd_kafka_destroy(rk);
    if (c.failed) fprintf(stderr, "rdkafka_produce_bench: first error: %s\n", c.first_error);

    double user, sys;
    double cpu = cpu_seconds(&user, &sys);
    printf("{\"impl\":\"librdkafka\",\"version\":\"%s\",\"mode\":\"throughput\",\"codec\":\"%s\",\"messages\":%ld,"
           "\"delivered\":%ld,\"failed\":%ld,\"wall_s\":%.4f,\"msgs_per_s\":%.0f,\"cpu_user_s\":%.4f,"
           "\"cpu_sys_s\":%.4f,\"cpu_s_per_million\":%.4f}\n",
           rd_kafka_version_str(), a->codec, a->messages, c.delivered, c.failed, wall_s,
           (double)c.delivered / wall_s, user, sys, cpu / ((double)a->messages / 1e6));
    return c.failed == 0 && c.delivered == a->messages ? 0 : 1;
}

/* One message, then wait for its delivery report; wall ms or -1. */
static double timed_sync_produce(rd_kafka_t* rk, struct counters* c, const char* topic, uint64_t i) {
    long before = c->delivered + c->failed, failed = c->failed;
    double t0 = now_ms();
    if (produce_one(rk, topic, i) != 0) return -1;
    while (c->delivered + c->failed == before) rd_kafka_poll(rk, 1000);
    double ms = now_ms() - t0;
    if (c->failed != failed) {
        fprintf(stderr, "rdkafka_produce_bench: sync produce failed: %s\n", c->first_error);
        return -1;
    }
    return ms;
}

static int cmp_double(const void* x, const void* y) {
    double a = *(const double*)x, b = *(const double*)y;
    return (a > b) - (a < b);
}

static double percentile(const double* sorted, int n, double p) {
    if (n == 0) return 0;
    int rank = (int)ceil(p * n);
    if (rank < 1) rank = 1;
    if (rank > n) rank = n;
    return sorted[rank - 1];
}

static int run_latency(const struct args* a) {
    struct counters c = {0, 0, ""};
    int failures = 0, n = 0;
    rd_kafka_t* rk = make_producer(a, &c, 0, 0);
    double warmup = timed_sync_produce(rk, &c, a->topic, 0);
    if (warmup < 0) ++failures;
    double* samples = calloc((size_t)(a->sync_count > 0 ? a->sync_count : 1), sizeof *samples);
    for (int i = 0; i < a->sync_count; ++i) {
        double ms = timed_sync_produce(rk, &c, a->topic, (uint64_t)i + 1);
        if (ms < 0) ++failures;
        else samples[n++] = ms;
    }
    rd_kafka_flush(rk, 10000);
    rd_kafka_destroy(rk);
    qsort(samples, (size_t)n, sizeof *samples, cmp_double);

    /* Default settings: nothing set but acks=all and the codec. */
    struct counters d = {0, 0, ""};
    rd_kafka_t* plain = make_producer(a, &d, 0, -1);
    double first = timed_sync_produce(plain, &d, a->topic, 1000000);
    double second = timed_sync_produce(plain, &d, a->topic, 1000001);
    if (first < 0 || second < 0) ++failures;
    rd_kafka_flush(plain, 10000);
    rd_kafka_destroy(plain);

    printf("{\"impl\":\"librdkafka\",\"version\":\"%s\",\"mode\":\"latency\",\"codec\":\"%s\",\"sync_n\":%d,"
           "\"warmup_ms\":%.3f,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f,"
           "\"default_first_ms\":%.3f,\"default_ms\":%.3f,\"failed\":%d}\n",
           rd_kafka_version_str(), a->codec, n, warmup, percentile(samples, n, 0.50),
           percentile(samples, n, 0.99), percentile(samples, n, 1.0), first, second, failures);
    free(samples);
    return failures == 0 ? 0 : 1;
}

int main(int argc, char** argv) {
    struct args a = {NULL, NULL, "none", "throughput", 1000000, 10000, 5, 200};
    for (int i = 1; i < argc; ++i) {
        const char* name = argv[i];
        if (i + 1 >= argc) usage("every option takes a value");
        const char* v = argv[++i];
        if (!strcmp(name, "--bootstrap")) a.bootstrap = v;
        else if (!strcmp(name, "--topic")) a.topic = v;
        else if (!strcmp(name, "--codec")) a.codec = v;
        else if (!strcmp(name, "--mode")) a.mode = v;
        else if (!strcmp(name, "--messages")) a.messages = atol(v);
        else if (!strcmp(name, "--batch-num")) a.batch_num = atol(v);
        else if (!strcmp(name, "--linger-ms")) a.linger_ms = atol(v);
        else if (!strcmp(name, "--sync-count")) a.sync_count = atoi(v);
        else usage("unknown option");
    }
    if (!a.bootstrap || !a.topic) usage("--bootstrap and --topic are required");
    if (!strcmp(a.mode, "throughput")) return run_throughput(&a);
    if (!strcmp(a.mode, "latency")) return run_latency(&a);
    usage("--mode must be throughput or latency");
    return 2;
}
