#!/bin/sh
# Lag monitor benchmark (issue 7): one LagMonitor poll cycle over 2,000
# partitions (20 topics x 100) and 50 groups on a fresh 3-broker sandbox.
#
#   tests/bench/run_lag_bench.sh [BUILD_DIR]      (default: build/default)
#
# Environment: TOPICS (20), PARTITIONS (100), GROUPS (50), CYCLES (20),
# OUT (a fresh temporary directory). Prints one JSON line.
set -eu

build=${1:-build/default}
here=$(cd "$(dirname "$0")" && pwd)
bin=$build/bin
fixture=$here/../support/sandbox_fixture.sh
topics=${TOPICS:-20}
partitions=${PARTITIONS:-100}
groups=${GROUPS:-50}
cycles=${CYCLES:-20}
out=${OUT:-$(mktemp -d /tmp/lag-bench.XXXXXX)}
mkdir -p "$out"

for b in kafkascope-sandbox lag_poll_bench; do
  [ -x "$bin/$b" ] || { echo "missing $bin/$b (cmake --build $build --target $b)" >&2; exit 1; }
done

name=sandbox-lag
cleanup() { sh "$fixture" stop "$out" "$name" >/dev/null 2>&1 || true; }
trap cleanup EXIT INT TERM

set -- --brokers 3
t=0
while [ "$t" -lt "$topics" ]; do
  set -- "$@" --topic "lagbench-$t:$partitions"
  t=$((t + 1))
done
sh "$fixture" start "$bin/kafkascope-sandbox" "$out" "$name" "$@" >&2
"$bin/lag_poll_bench" --bootstrap "$(cat "$out/$name.bootstrap")" --topics "$topics" --partitions "$partitions" \
  --groups "$groups" --cycles "$cycles"
