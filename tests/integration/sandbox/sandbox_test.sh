#!/usr/bin/env bash
# End-to-end test of kafkascope-sandbox with kcat as the Kafka client.
#   sandbox_test.sh SANDBOX_BINARY KCAT FIXTURE_SCRIPT WORK_DIR
# Every check compares against what a client really observes, so a broken
# sandbox (wrong topics, lost data, ignored faults, bad shutdown) fails it.

set -u
SANDBOX=$1 KCAT=$2 FIXTURE=$3 WORK=$4
NAME=main
BASE=$WORK/$NAME
PIDS=()

fail() {
  echo "FAIL: $*" >&2
  for f in "$BASE.out" "$BASE.log"; do
    [ -s "$f" ] && { echo "---- $f ----" >&2; tail -n 30 "$f" >&2; }
  done
  exit 1
}
pass() { echo "ok - $*"; }

cleanup() {
  sh "$FIXTURE" stop "$WORK" "$NAME" >/dev/null 2>&1
  for pid in "${PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null; done
}
trap cleanup EXIT

rm -rf "$WORK" && mkdir -p "$WORK" || fail "cannot create $WORK"

kcat() { timeout 30 "$KCAT" "$@"; }
send() { sh "$FIXTURE" send "$WORK" "$NAME" "$@"; }
expect_ok() { send "$@" >/dev/null || fail "'$*' was not acknowledged with ok"; }
expect_error() {
  local reply
  reply=$(send "$@")
  [[ $reply == "error: "* ]] || fail "'$*' answered '$reply', expected an error"
}
can_connect() { timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# Waits until a background sandbox printed its first stdout line.
wait_first_line() {
  local out=$1 pid=$2 i
  for ((i = 0; i < 200; i++)); do
    [ "$(wc -l <"$out")" -ge 1 ] && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# --- options ------------------------------------------------------------
help=$("$SANDBOX" --help) || fail "--help exited non-zero"
for word in --brokers --topic --port --seed-data --control "broker down" rtt errors leader create apiversion coordinator quit; do
  grep -q -- "$word" <<<"$help" || fail "--help does not mention '$word'"
done
pass "--help"

bad_options=("--bogus" "--brokers 0" "--brokers x" "--brokers" "--topic nocolon" "--topic t:0"
             "--topic bad/name:1" "--brokers 2 --topic t:1:3" "--port 0" "--port 70000" "--seed-data"
             "--topic t:1 --topic t:2")
for options in "${bad_options[@]}"; do
  # shellcheck disable=SC2086 # word splitting is the point
  err=$("$SANDBOX" $options 2>&1 >/dev/null </dev/null)
  status=$?
  [ "$status" -ne 0 ] || fail "'$options' was accepted"
  [[ $err == *"error:"* ]] || fail "'$options' gave no clear error: $err"
done
pass "bad options rejected with exit status != 0 and a message"

# --- a seeded 3-broker cluster -------------------------------------------
sh "$FIXTURE" start "$SANDBOX" "$WORK" "$NAME" --brokers 3 --topic orders:6 --topic audit:1 --seed-data \
  || fail "fixture start failed"
BOOTSTRAP=$(cat "$BASE.bootstrap")
[[ $BOOTSTRAP =~ ^127\.0\.0\.1:[0-9]+,127\.0\.0\.1:[0-9]+,127\.0\.0\.1:[0-9]+$ ]] \
  || fail "bootstrap '$BOOTSTRAP' is not three 127.0.0.1 brokers"
IFS=, read -r BROKER1 BROKER2 _ <<<"$BOOTSTRAP"
PORT1=${BROKER1##*:}
pass "bootstrap $BOOTSTRAP"

metadata=$(kcat -b "$BOOTSTRAP" -L) || fail "kcat -L failed"
grep -q ' 3 brokers:' <<<"$metadata" || fail "expected 3 brokers: $metadata"
grep -q 'topic "orders" with 6 partitions' <<<"$metadata" || fail "orders:6 missing: $metadata"
grep -q 'topic "audit" with 1 partitions' <<<"$metadata" || fail "audit:1 missing: $metadata"
json=$(kcat -b "$BOOTSTRAP" -L -J) || fail "kcat -L -J failed"
for id in 1 2 3; do
  grep -q "{\"id\":$id,\"name\":\"127.0.0.1:" <<<"$json" || fail "broker $id missing from $json"
done
pass "kcat -L lists 3 brokers, orders (6) and audit (1)"

seeded=$(kcat -b "$BOOTSTRAP" -C -t orders -o beginning -e -q -f '%p|%k|%h|%s\n') || fail "consuming orders failed"
[ "$(grep -c . <<<"$seeded")" -eq 30 ] || fail "expected 30 seeded orders records, got: $seeded"
[ "$(cut -d'|' -f1 <<<"$seeded" | sort -u | wc -l)" -eq 6 ] || fail "seeded data does not cover all 6 partitions"
grep -q '|customer-[0-9]*|.*content-type=application/json.*|{"topic":"orders",' <<<"$seeded" \
  || fail "seeded records lack keys, headers or JSON values: $(head -n 2 <<<"$seeded")"
[ "$(kcat -b "$BOOTSTRAP" -C -t audit -o beginning -e -q | grep -c .)" -eq 20 ] || fail "expected 20 seeded audit records"
pass "--seed-data filled every partition with keyed JSON records with headers"

sent_values=$(for i in $(seq 1 25); do echo "roundtrip-$i-$RANDOM"; done)
kcat -b "$BOOTSTRAP" -P -t audit -p 0 <<<"$sent_values" || fail "kcat -P failed"
received=$(kcat -b "$BOOTSTRAP" -C -t audit -p 0 -o 20 -e -q) || fail "kcat -C failed"
[ "$received" = "$sent_values" ] || fail "consumed records differ from produced ones"
pass "produce and consume back 25 records"

# --- control commands ------------------------------------------------------
expect_ok help
for bad in "broker" "broker down" "broker sideways 1" "broker down 0" "broker down 4" "broker down x" \
           "rtt 1" "rtt 1 -5" "rtt 9 10" "errors" "errors 0" "errors 0 NOT_A_CODE" "errors 16 1" \
           "errors x 1" "leader nosuch 0 1" "leader audit 1 1" "leader audit -1 1" "leader audit 0 7" \
           "leader ../x 0 1" "create" "create x" "create x 0" "create bad/name 1" "create x 1 4" \
           "create orders 2" "apiversion 3 0 99" "apiversion 16 0 0" "apiversion 3 2 1" "apiversion 3" \
           "coordinator" "coordinator shard g 1" "coordinator group g 9" "frobnicate" "quit now" \
           "$(printf 'x\001\002y')" "$(head -c 5000 /dev/zero | tr '\0' a)"; do
  expect_error "$bad"
done
kill -0 "$(cat "$BASE.pid")" || fail "sandbox died on malformed commands"
pass "malformed commands answered with errors, sandbox alive"

expect_ok create extra 3
grep -q 'topic "extra" with 3 partitions' <<<"$(kcat -b "$BOOTSTRAP" -L -t extra)" || fail "created topic not listed"
expect_error create extra 3
pass "create"

expect_ok leader audit 0 3
grep -q 'partition 0, leader 3,' <<<"$(kcat -b "$BOOTSTRAP" -L -t audit)" || fail "leader not moved to 3"
expect_ok leader audit 0 1
grep -q 'partition 0, leader 1,' <<<"$(kcat -b "$BOOTSTRAP" -L -t audit)" || fail "leader not moved to 1"
pass "leader"

can_connect "$PORT1" || fail "broker 1 refuses connections before 'broker down'"
expect_ok broker down 1
! can_connect "$PORT1" || fail "broker 1 still accepts connections after 'broker down 1'"
kcat -b "$BOOTSTRAP" -L >/dev/null || fail "metadata unavailable with only broker 1 down"
if echo lost | kcat -b "$BOOTSTRAP" -P -t audit -p 0 -X message.timeout.ms=1500 2>/dev/null; then
  fail "produced to a partition whose leader is down"
fi
expect_ok broker up 1
can_connect "$PORT1" || fail "broker 1 refuses connections after 'broker up 1'"
echo back | kcat -b "$BOOTSTRAP" -P -t audit -p 0 || fail "cannot produce after 'broker up 1'"
pass "broker down/up"

expect_ok rtt 2 800
start=$(now_ms)
kcat -b "$BROKER2" -L -t audit >/dev/null || fail "kcat -L against broker 2 failed"
elapsed=$(($(now_ms) - start))
[ "$elapsed" -ge 700 ] || fail "rtt 2 800 had no effect (metadata took ${elapsed} ms)"
expect_ok rtt 2 0
pass "rtt (metadata took ${elapsed} ms)"

expect_ok errors 0 TOPIC_AUTHORIZATION_FAILED
if err=$(echo denied | kcat -b "$BOOTSTRAP" -P -t audit -p 0 2>&1); then
  fail "produce succeeded despite an injected TOPIC_AUTHORIZATION_FAILED"
fi
grep -qi 'authorization' <<<"$err" || fail "produce failed for another reason: $err"
echo accepted | kcat -b "$BOOTSTRAP" -P -t audit -p 0 || fail "the injected error did not stay a one-off"
pass "errors"

expect_ok apiversion 3 -1 -1
if kcat -b "$BOOTSTRAP" -L -m 5 >/dev/null 2>&1; then fail "metadata still works with the Metadata API disabled"; fi
expect_ok apiversion 3 0 2
kcat -b "$BOOTSTRAP" -L >/dev/null || fail "metadata broken after restoring the Metadata API"
pass "apiversion"

expect_ok coordinator group demo-group 2
expect_ok coordinator txn demo-txn 3
pass "coordinator"

sh "$FIXTURE" stop "$WORK" "$NAME" || fail "fixture stop failed (sandbox died or ignored SIGTERM)"
pass "stopped by the fixture"

# --- lifecycle: signals, quit on stdin, exit status ------------------------
for signal in TERM INT; do
  "$SANDBOX" --brokers 1 </dev/null >"$WORK/sig.out" 2>"$WORK/sig.log" &
  pid=$!
  PIDS+=("$pid")
  wait_first_line "$WORK/sig.out" "$pid" || fail "no bootstrap for the SIG$signal run"
  sleep 0.3  # stdin is at EOF by now; the sandbox must still be there
  kill -0 "$pid" 2>/dev/null || fail "sandbox exited at stdin EOF"
  kill -"$signal" "$pid"
  wait "$pid"
  status=$?
  [ "$status" -eq 0 ] || fail "exit status $status after SIG$signal"
done
pass "SIGTERM and SIGINT end the sandbox with status 0"

out=$(printf 'broker down 1\nbogus\nbroker up 1\nquit\nbroker down 1\n' | timeout 30 "$SANDBOX" --brokers 2 2>/dev/null)
status=$?
[ "$status" -eq 0 ] || fail "exit status $status after quit"
[ "$(sed -n '2,$p' <<<"$out" | tr '\n' ' ')" = "ok error: unknown command 'bogus' (try 'help') ok ok " ] \
  || fail "unexpected replies to stdin commands: $out"
pass "stdin commands and quit"

# --- --port ----------------------------------------------------------------
"$SANDBOX" --brokers 1 </dev/null >"$WORK/holder.out" 2>/dev/null &
holder=$!
PIDS+=("$holder")
wait_first_line "$WORK/holder.out" "$holder" || fail "no bootstrap for the port holder"
busy=$(head -n 1 "$WORK/holder.out")
busy=${busy##*:}
err=$("$SANDBOX" --brokers 1 --port "$busy" </dev/null 2>&1 >"$WORK/busy.out")
status=$?
[ "$status" -ne 0 ] || fail "--port $busy (busy) was accepted"
[ ! -s "$WORK/busy.out" ] || fail "a bootstrap was printed despite a busy --port"
grep -q "$busy" <<<"$err" || fail "busy-port error does not name the port: $err"
kill "$holder"
pass "busy --port fails: $err"

# No port is known to be free, so try random ones until one binds.
port_ok=no
for attempt in $(seq 1 20); do
  port=$((20000 + RANDOM % 40000))
  "$SANDBOX" --brokers 2 --port "$port" --topic fwd:1 --control "$WORK/port.ctl" \
    </dev/null >"$WORK/port.out" 2>"$WORK/port.log" &
  pid=$!
  PIDS+=("$pid")
  if wait_first_line "$WORK/port.out" "$pid"; then
    port_ok=yes
    break
  fi
  grep -q busy "$WORK/port.log" || fail "--port $port failed: $(cat "$WORK/port.log")"
done
[ "$port_ok" = yes ] || fail "no free port found for --port in 20 attempts"
[ "$(head -n 1 "$WORK/port.out")" = "127.0.0.1:$port" ] || fail "first line is not 127.0.0.1:$port"
grep -q ' 2 brokers:' <<<"$(kcat -b "127.0.0.1:$port" -L)" || fail "metadata via the forwarder failed"
kcat -b "127.0.0.1:$port" -P -t fwd -p 0 <<<"via-forwarder" || fail "produce via the forwarder failed"
[ "$(kcat -b "127.0.0.1:$port" -C -t fwd -p 0 -o beginning -e -q)" = "via-forwarder" ] || fail "consume via forwarder failed"
printf 'broker down 1\n' >"$WORK/port.ctl"
for ((i = 0; i < 100; i++)); do [ "$(wc -l <"$WORK/port.out")" -ge 2 ] && break; sleep 0.1; done
[ "$(sed -n 2p "$WORK/port.out")" = ok ] || fail "broker down 1 via --control FIFO not acknowledged"
grep -q ' 2 brokers:' <<<"$(kcat -b "127.0.0.1:$port" -L)" || fail "forwarder does not fall back to broker 2"
kill -TERM "$pid"
wait "$pid" || fail "--port sandbox exited non-zero"
[ ! -e "$WORK/port.ctl" ] || fail "the --control FIFO the sandbox created was left behind"
pass "--port forwarder"

echo "all sandbox checks passed"
