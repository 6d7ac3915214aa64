#!/bin/sh
# Topic browser benchmark (issue 5): a fresh 3-broker sandbox with a
# 64-partition topic, 1,000,000 messages of 200-byte JSON produced with lz4
# by our Writer, then browse_bench loads them into the store and table model
# and filters them. Usage: tests/bench/run_browse_bench.sh BUILD_DIR
# (MESSAGES and OUT override the defaults; ARGS is passed to the measuring
# run, e.g. ARGS=--default-malloc). Run under QT_QPA_PLATFORM=offscreen
# unless a display is wanted.
set -eu
build=${1:?usage: run_browse_bench.sh BUILD_DIR}
here=$(cd "$(dirname "$0")" && pwd)
bin=$build/bin
out=${OUT:-$build/browse-bench}
messages=${MESSAGES:-1000000}
fixture=$here/../support/sandbox_fixture.sh
mkdir -p "$out"
sh "$fixture" start "$bin/kafkascope-sandbox" "$out" browse-bench --brokers 3 --topic browse-bench:64
trap 'sh "$fixture" stop "$out" browse-bench' EXIT
bootstrap=$(cat "$out/browse-bench.bootstrap")
"$bin/browse_bench" --bootstrap "$bootstrap" --topic browse-bench --messages "$messages" --produce
QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} "$bin/browse_bench" --bootstrap "$bootstrap" --topic browse-bench \
  --messages "$messages" ${ARGS:-} | tee "$out/browse-results.json"
