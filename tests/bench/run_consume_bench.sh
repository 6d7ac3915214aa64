#!/bin/sh
# Consume benchmark (issue 4): Kafkascope's PartitionReaders vs librdkafka.
#
#   tests/bench/run_consume_bench.sh [BUILD_DIR]      (default: build/default)
#
# For each codec (none, lz4, zstd) it starts a fresh 3-broker sandbox with one
# 6-partition topic, bench-<codec>, loads it ONCE with our produce_bench
# (LOAD messages of 100 bytes; the same batches for both readers), then reads
# it REPEAT times with each reader, alternating (ours, librdkafka, ours, ...),
# stops the sandbox and at the end prints a table (median of the repeats).
# The sandbox keeps about 5 MiB per partition and drops older data, so the
# readers read what it still holds: ~270 k messages uncompressed, all 1 M
# with zstd. Every program prints one JSON line; all are kept in
# $OUT/results.jsonl.
#
# Environment: LOAD (1000000), REPEAT (3), CODECS ("none lz4 zstd"),
# QUEUE_CAPACITY (ours; 100 = kafka-go's default), OUT (fresh temp dir).
set -eu

build=${1:-build/default}
here=$(cd "$(dirname "$0")" && pwd)
bin=$build/bin
fixture=$here/../support/sandbox_fixture.sh
load=${LOAD:-1000000}
repeat=${REPEAT:-3}
codecs=${CODECS:-"none lz4 zstd"}
queue_capacity=${QUEUE_CAPACITY:-100}
out=${OUT:-$(mktemp -d /tmp/consume-bench.XXXXXX)}
mkdir -p "$out"
results=$out/results.jsonl
: >"$results"

for b in kafkascope-sandbox produce_bench consume_bench rdkafka_consume_bench; do
  [ -x "$bin/$b" ] || { echo "missing $bin/$b (cmake --build $build --target $b)" >&2; exit 1; }
done

name=""
cleanup() { [ -n "$name" ] && sh "$fixture" stop "$out" "$name" >/dev/null 2>&1 || true; }
trap cleanup EXIT INT TERM

for codec in $codecs; do
  name=sandbox-$codec
  sh "$fixture" start "$bin/kafkascope-sandbox" "$out" "$name" --brokers 3 --topic "bench-$codec:6" >&2
  bootstrap=$(cat "$out/$name.bootstrap")
  echo "== $codec: loading $load messages (produce_bench)" >&2
  "$bin/produce_bench" --bootstrap "$bootstrap" --topic "bench-$codec" --codec "$codec" \
    --messages "$load" >"$out/load-$codec.json"
  i=0
  while [ "$i" -lt "$repeat" ]; do
    echo "== $codec: read $((i + 1))/$repeat (kafkascope, librdkafka)" >&2
    "$bin/consume_bench" --bootstrap "$bootstrap" --topic "bench-$codec" --codec "$codec" \
      --queue-capacity "$queue_capacity" >>"$results"
    "$bin/rdkafka_consume_bench" --bootstrap "$bootstrap" --topic "bench-$codec" --codec "$codec" >>"$results"
    i=$((i + 1))
  done
  sh "$fixture" stop "$out" "$name" >&2
  name=""
done

python3 - "$results" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
codecs = []
for r in rows:
    if r["codec"] not in codecs:
        codecs.append(r["codec"])
def med(impl, codec, key):
    vals = [r[key] for r in rows if r["impl"] == impl and r["codec"] == codec]
    return statistics.median(vals) if vals else None
ver = next((r.get("version") for r in rows if r["impl"] == "librdkafka"), "?")
qc = next((r.get("queue_capacity") for r in rows if r["impl"] == "kafkascope"), "?")
print(f"Consume, 100 B messages, 6 partitions, 3 brokers, no group; median of the repeats "
      f"(ours: queue_capacity {qc}; librdkafka {ver})")
print("| codec | messages | ours msg/s | librdkafka msg/s | ratio | ours CPU s/M msg | librdkafka CPU s/M msg | ratio (ours/rdk) |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for c in codecs:
    o_r, k_r = med("kafkascope", c, "msgs_per_s"), med("librdkafka", c, "msgs_per_s")
    o_c, k_c = med("kafkascope", c, "cpu_s_per_million"), med("librdkafka", c, "cpu_s_per_million")
    n = med("kafkascope", c, "messages")
    if None in (o_r, k_r, o_c, k_c):
        continue
    print(f"| {c} | {n:,.0f} | {o_r:,.0f} | {k_r:,.0f} | {o_r/k_r:.2f} | {o_c:.3f} | {k_c:.3f} | {o_c/k_c:.2f} |")
PY
echo "raw results: $results" >&2
