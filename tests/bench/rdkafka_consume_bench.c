/* Consume benchmark, reference peer: librdkafka (Debian's 2.0.2) reading the
 * same topic as consume_bench.cpp on the same sandbox. No group: every
 * partition is assigned from its first offset (rd_kafka_assign) and read
 * with rd_kafka_consumer_poll up to the high watermark it had when the run
 * started. The application touches each message's key and value length, as
 * consume_bench does. Wall time runs from the assign to the last message;
 * CPU is getrusage(RUSAGE_SELF) at the very end.
 *
 *   rdkafka_consume_bench --bootstrap HOST:PORT --topic T [--codec NAME]
 *
 * Prints exactly one JSON line on stdout; diagnostics go to stderr. */

#include <librdkafka/rdkafka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#define MAX_PARTITIONS 256

static void usage(const char* why) {
    fprintf(stderr, "rdkafka_consume_bench: %s\nusage: rdkafka_consume_bench --bootstrap HOST:PORT --topic T "
                    "[--codec NAME]\n", why);
    exit(2);
}

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void set(rd_kafka_conf_t* conf, const char* name, const char* value) {
    char err[512];
    if (rd_kafka_conf_set(conf, name, value, err, sizeof err) != RD_KAFKA_CONF_OK) {
        fprintf(stderr, "rdkafka_consume_bench: %s=%s: %s\n", name, value, err);
        exit(2);
    }
}

static double cpu_seconds(double* user, double* sys) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    *user = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6;
    *sys = (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
    return *user + *sys;
}

int main(int argc, char** argv) {
    const char *bootstrap = NULL, *topic = NULL, *codec = "none";
    for (int i = 1; i < argc; i += 2) {
        if (i + 1 >= argc) usage("missing value");
        if (!strcmp(argv[i], "--bootstrap")) bootstrap = argv[i + 1];
        else if (!strcmp(argv[i], "--topic")) topic = argv[i + 1];
        else if (!strcmp(argv[i], "--codec")) codec = argv[i + 1];
        else usage("unknown option");
    }
    if (!bootstrap || !topic) usage("--bootstrap and --topic are required");

    char err[512];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    set(conf, "bootstrap.servers", bootstrap);
    set(conf, "client.id", "rdkafka_consume_bench");
    set(conf, "group.id", "rdkafka-consume-bench");  /* required by the consumer API; never joined */
    set(conf, "enable.auto.commit", "false");
    set(conf, "enable.auto.offset.store", "false");
    set(conf, "enable.partition.eof", "false");
    rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
    if (!rk) usage(err);

    /* Partitions and their bounds before the clock starts. */
    const struct rd_kafka_metadata* md = NULL;
    rd_kafka_topic_t* rkt = rd_kafka_topic_new(rk, topic, NULL);
    rd_kafka_resp_err_t e = rd_kafka_metadata(rk, 0, rkt, &md, 10000);
    if (e) usage(rd_kafka_err2str(e));
    if (md->topic_cnt != 1 || md->topics[0].partition_cnt < 1) usage("topic not found");
    int partitions = md->topics[0].partition_cnt;
    if (partitions > MAX_PARTITIONS) usage("too many partitions");
    int64_t end[MAX_PARTITIONS];
    int done[MAX_PARTITIONS];
    long long expected = 0;
    int active = 0;
    rd_kafka_topic_partition_list_t* assignment = rd_kafka_topic_partition_list_new(partitions);
    for (int i = 0; i < partitions; ++i) {
        const int32_t p = md->topics[0].partitions[i].id;
        int64_t lo = 0, hi = 0;
        e = rd_kafka_query_watermark_offsets(rk, topic, p, &lo, &hi, 10000);
        if (e) usage(rd_kafka_err2str(e));
        if (p >= MAX_PARTITIONS) usage("partition id too large");
        end[p] = hi;
        done[p] = hi <= lo;
        if (hi > lo) {
            ++active;
            expected += hi - lo;
            rd_kafka_topic_partition_list_add(assignment, topic, p)->offset = lo;
        }
    }
    rd_kafka_metadata_destroy(md);
    rd_kafka_topic_destroy(rkt);

    long long messages = 0, bytes = 0;
    const double started = now_s();
    double last = started;
    e = rd_kafka_assign(rk, assignment);
    if (e) usage(rd_kafka_err2str(e));
    while (active > 0) {
        rd_kafka_message_t* m = rd_kafka_consumer_poll(rk, 1000);
        if (!m) continue;
        if (m->err) {
            fprintf(stderr, "rdkafka_consume_bench: %s\n", rd_kafka_message_errstr(m));
            rd_kafka_message_destroy(m);
            continue;
        }
        ++messages;
        bytes += (long long)m->key_len + (long long)m->len;
        const int32_t p = m->partition;
        if (!done[p] && m->offset + 1 >= end[p]) {
            done[p] = 1;
            --active;
            last = now_s();
        }
        rd_kafka_message_destroy(m);
    }
    const double wall_s = last - started;
    rd_kafka_topic_partition_list_destroy(assignment);
    rd_kafka_consumer_close(rk);
    rd_kafka_destroy(rk);
    double user = 0, sys = 0;
    const double cpu = cpu_seconds(&user, &sys);
    printf("{\"impl\":\"librdkafka\",\"version\":\"%s\",\"mode\":\"consume\",\"codec\":\"%s\",\"partitions\":%d,"
           "\"expected\":%lld,\"messages\":%lld,\"bytes\":%lld,\"wall_s\":%.4f,\"msgs_per_s\":%.0f,"
           "\"cpu_user_s\":%.4f,\"cpu_sys_s\":%.4f,\"cpu_s_per_million\":%.4f}\n",
           rd_kafka_version_str(), codec, partitions, expected, messages, bytes, wall_s,
           (double)messages / wall_s, user, sys, cpu / ((double)messages / 1e6));
    return messages == expected ? 0 : 1;
}
