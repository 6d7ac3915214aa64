#!/bin/sh
# Produce benchmark (issue 3): Kafkascope's engine vs librdkafka, per codec.
#
#   tests/bench/run_produce_bench.sh [BUILD_DIR]      (default: build/default)
#
# For each codec (none, lz4, zstd) it starts a fresh 3-broker sandbox with two
# empty 6-partition topics, bench-<codec> (ours) and bench-<codec>-rdkafka
# (librdkafka), so each client writes into a topic of its own on the same
# cluster. Then it runs, in this order: our throughput run, librdkafka's, our
# latency run, librdkafka's; stops the sandbox; and at the end prints a table.
# Every program prints one JSON line; all of them are kept in $OUT/results.jsonl.
#
# The sandbox keeps only ~5 MiB per partition and silently drops older data:
# 1 M x 100 B uncompressed overflows that. Harmless for producing (every
# message is still acknowledged); do not read these topics back.
#
# Environment: MESSAGES (1000000), SYNC_COUNT (200), CODECS ("none lz4 zstd"),
# OUT (a fresh temporary directory).
set -eu

build=${1:-build/default}
here=$(cd "$(dirname "$0")" && pwd)
bin=$build/bin
fixture=$here/../support/sandbox_fixture.sh
messages=${MESSAGES:-1000000}
sync_count=${SYNC_COUNT:-200}
codecs=${CODECS:-"none lz4 zstd"}
out=${OUT:-$(mktemp -d /tmp/produce-bench.XXXXXX)}
mkdir -p "$out"
results=$out/results.jsonl
: >"$results"

for b in kafkascope-sandbox produce_bench rdkafka_produce_bench; do
  [ -x "$bin/$b" ] || { echo "missing $bin/$b (cmake --build $build --target $b)" >&2; exit 1; }
done

name=""
cleanup() { [ -n "$name" ] && sh "$fixture" stop "$out" "$name" >/dev/null 2>&1 || true; }
trap cleanup EXIT INT TERM

for codec in $codecs; do
  name=sandbox-$codec
  sh "$fixture" start "$bin/kafkascope-sandbox" "$out" "$name" --brokers 3 \
    --topic "bench-$codec:6" --topic "bench-$codec-rdkafka:6" >&2
  bootstrap=$(cat "$out/$name.bootstrap")
  echo "== $codec: throughput, $messages messages (kafkascope)" >&2
  "$bin/produce_bench" --bootstrap "$bootstrap" --topic "bench-$codec" --codec "$codec" \
    --messages "$messages" >>"$results"
  echo "== $codec: throughput, $messages messages (librdkafka)" >&2
  "$bin/rdkafka_produce_bench" --bootstrap "$bootstrap" --topic "bench-$codec-rdkafka" --codec "$codec" \
    --messages "$messages" >>"$results"
  echo "== $codec: latency, $sync_count sync writes (kafkascope, librdkafka)" >&2
  "$bin/produce_bench" --bootstrap "$bootstrap" --topic "bench-$codec" --codec "$codec" \
    --mode latency --sync-count "$sync_count" >>"$results"
  "$bin/rdkafka_produce_bench" --bootstrap "$bootstrap" --topic "bench-$codec-rdkafka" --codec "$codec" \
    --mode latency --sync-count "$sync_count" >>"$results"
  sh "$fixture" stop "$out" "$name" >&2
  name=""
done

python3 - "$results" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
def get(impl, mode, codec):
    for r in rows:
        if r["impl"] == impl and r["mode"] == mode and r["codec"] == codec:
            return r
    return None
codecs = []
for r in rows:
    if r["codec"] not in codecs:
        codecs.append(r["codec"])
ver = next((r.get("version") for r in rows if r["impl"] == "librdkafka"), "?")
print(f"Throughput: {rows[0].get('messages', '?')} x 100 B, 6 partitions, 3 brokers, acks=all "
      f"(librdkafka {ver})")
print("| codec | ours msg/s | librdkafka msg/s | ratio | ours CPU s/M msg | librdkafka CPU s/M msg | ratio | failed (ours/rdk) |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for c in codecs:
    o, k = get("kafkascope", "throughput", c), get("librdkafka", "throughput", c)
    if not o or not k:
        continue
    print(f"| {c} | {o['msgs_per_s']:,.0f} | {k['msgs_per_s']:,.0f} | {o['msgs_per_s']/k['msgs_per_s']:.2f} "
          f"| {o['cpu_s_per_million']:.3f} | {k['cpu_s_per_million']:.3f} "
          f"| {o['cpu_s_per_million']/k['cpu_s_per_million']:.2f} | {o['failed']}/{k['failed']} |")
print()
print("Latency: sequential synchronous single-message writes, linger 0 (ms); "
      "'default' = one write on a fresh writer/producer at default settings (first, then a second warm one)")
print("| codec | ours p50 | rdk p50 | ours p99 | rdk p99 | ours default (1st / 2nd) | rdk default (1st / 2nd) |")
print("|---|---:|---:|---:|---:|---:|---:|")
for c in codecs:
    o, k = get("kafkascope", "latency", c), get("librdkafka", "latency", c)
    if not o or not k:
        continue
    print(f"| {c} | {o['p50_ms']:.3f} | {k['p50_ms']:.3f} | {o['p99_ms']:.3f} | {k['p99_ms']:.3f} "
          f"| {o['default_first_ms']:.3f} / {o['default_ms']:.3f} | {k['default_first_ms']:.3f} / {k['default_ms']:.3f} |")
PY
echo "raw results: $results" >&2
