#!/usr/bin/env bash
# Builds the libFuzzer targets with the `fuzz` preset (clang, ASan+UBSan) and
# runs each for a bounded time: tests/fuzz/run_fuzz.sh [seconds per target]
#
# Seeds come from tests/data/golden. Inputs that found new coverage are kept
# in build/fuzz/corpus/<target> and reused by the next run; a crash leaves
# build/fuzz/artifacts/<target>-crash-* and makes the script fail.
# Reproduce one with: build/fuzz/bin/<target> <artifact>
set -euo pipefail

seconds=${1:-60}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=$root/build/fuzz
targets=(fuzz_response_decoders fuzz_request_decoders fuzz_records fuzz_json)

cd "$root"
cmake --preset fuzz >/dev/null
cmake --build "$build" --target "${targets[@]}"

seeds=$build/seeds
rm -rf "$seeds"
python3 "$root/tests/fuzz/make_seeds.py" "$root/tests/data/golden" "$seeds"

status=0
for target in "${targets[@]}"; do
    corpus=$build/corpus/$target
    artifacts=$build/artifacts
    mkdir -p "$corpus" "$artifacts" "$seeds/$target"  # fuzz_records and fuzz_json start from their corpus only
    echo "== $target for ${seconds}s"
    if ! "$build/bin/$target" "$corpus" "$seeds/$target" \
            -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
            -artifact_prefix="$artifacts/$target-" -print_final_stats=1; then
        echo "!! $target found a failure; see $artifacts" >&2
        status=1
    fi
done
exit $status
