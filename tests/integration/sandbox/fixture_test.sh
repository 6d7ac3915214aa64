#!/bin/sh
# Runs under FIXTURES_REQUIRED sandbox_selftest: proves that the CTest fixture
# from cmake/SandboxFixture.cmake delivers a live sandbox, its bootstrap file
# and a working control channel.
#   fixture_test.sh KCAT FIXTURE_SCRIPT FIXTURE_DIR FIXTURE_NAME
set -u
KCAT=$1 FIXTURE=$2 DIR=$3 NAME=$4

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

[ -s "$DIR/$NAME.bootstrap" ] || fail "no bootstrap file $DIR/$NAME.bootstrap"
bootstrap=$(cat "$DIR/$NAME.bootstrap")
metadata=$(timeout 30 "$KCAT" -b "$bootstrap" -L) || fail "kcat -L against $bootstrap failed"
echo "$metadata" | grep -q ' 2 brokers:' || fail "expected 2 brokers: $metadata"
echo "$metadata" | grep -q 'topic "selftest" with 2 partitions' || fail "topic selftest:2 missing: $metadata"
sh "$FIXTURE" send "$DIR" "$NAME" leader selftest 1 2 || fail "leader command not acknowledged"
timeout 30 "$KCAT" -b "$bootstrap" -L -t selftest | grep -q 'partition 1, leader 2,' || fail "leader did not move"
reply=$(sh "$FIXTURE" send "$DIR" "$NAME" broker down 5) && fail "broker down 5 accepted"
case $reply in "error: "*) ;; *) fail "unexpected reply '$reply'" ;; esac
echo "fixture delivers bootstrap $bootstrap and a working control FIFO"
