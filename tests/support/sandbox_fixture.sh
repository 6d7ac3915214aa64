#!/bin/sh
# Runs kafkascope-sandbox in the background for CTest fixtures
# (cmake/SandboxFixture.cmake) and talks to it.
#
#   sandbox_fixture.sh start SANDBOX_BINARY DIR NAME [SANDBOX_ARGS...]
#   sandbox_fixture.sh stop  DIR NAME
#   sandbox_fixture.sh send  DIR NAME COMMAND...
#
# Files, all DIR/NAME.*:
#   .bootstrap  the bootstrap string, one line; appears only once the sandbox
#               accepts connections
#   .ctl        control FIFO (the sandbox's --control)
#   .out        the sandbox's stdout: bootstrap line, then one reply per command
#   .log        the sandbox's stderr
#   .pid        its process id
#
# `send` writes one command and waits for its reply, prints it and succeeds
# only on "ok". Replies are matched by position, so commands to one sandbox
# must be sent one at a time.
#
# Environment: KAFKASCOPE_SANDBOX_START_TIMEOUT (seconds, default 20).

set -u

die() {
  echo "sandbox_fixture: $*" >&2
  exit 1
}

# True only for a live kafkascope-sandbox, so a stale pid file can never make
# us signal an unrelated process that reused the pid.
# A zombie (exited, not yet reaped because its parent shell is gone) counts
# as stopped.
is_sandbox() {
  state=$(ps -p "$1" -o stat= 2>/dev/null) || return 1
  case $state in Z*) return 1 ;; esac
  ps -p "$1" -o args= 2>/dev/null | grep -q kafkascope-sandbox
}

show_log() {
  if [ -s "$1.log" ]; then
    echo "---- $1.log ----" >&2
    tail -n 40 "$1.log" >&2
  fi
}

# Sends SIGTERM, waits up to 10 s, then SIGKILL. Fails if SIGKILL was needed:
# a sandbox that ignores SIGTERM is a bug worth a red test.
terminate() {
  pid=$1
  kill -TERM "$pid" 2>/dev/null || return 0
  ticks=0
  while is_sandbox "$pid"; do
    if [ "$ticks" -ge 100 ]; then
      echo "sandbox_fixture: pid $pid ignored SIGTERM for 10 s; sending SIGKILL" >&2
      kill -KILL "$pid" 2>/dev/null
      return 1
    fi
    sleep 0.1
    ticks=$((ticks + 1))
  done
  return 0
}

start() {
  [ $# -ge 3 ] || die "usage: start SANDBOX_BINARY DIR NAME [SANDBOX_ARGS...]"
  binary=$1 dir=$2 name=$3
  shift 3
  [ -x "$binary" ] || die "$binary is not executable"
  mkdir -p "$dir" || die "cannot create $dir"
  base=$dir/$name

  # Left over from an aborted run whose cleanup never ran.
  if [ -f "$base.pid" ] && is_sandbox "$(cat "$base.pid")"; then
    echo "sandbox_fixture: stopping stale sandbox $name (pid $(cat "$base.pid"))"
    terminate "$(cat "$base.pid")"
  fi
  rm -f "$base.bootstrap" "$base.bootstrap.tmp" "$base.out" "$base.log" "$base.ctl" "$base.pid"

  # stdin is /dev/null on purpose: the sandbox must not stop at EOF.
  "$binary" "$@" --control "$base.ctl" </dev/null >"$base.out" 2>"$base.log" &
  pid=$!
  echo "$pid" >"$base.pid"

  limit=$((${KAFKASCOPE_SANDBOX_START_TIMEOUT:-20} * 10))
  ticks=0
  while :; do
    # wc -l counts the line only once its newline is there, i.e. it is complete.
    if [ "$(wc -l <"$base.out")" -ge 1 ]; then
      bootstrap=$(head -n 1 "$base.out")
      # Written to a temporary name first so readers never see half a line.
      printf '%s\n' "$bootstrap" >"$base.bootstrap.tmp" && mv "$base.bootstrap.tmp" "$base.bootstrap"
      echo "sandbox $name ready at $bootstrap (pid $pid)"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      wait "$pid"
      status=$?
      rm -f "$base.pid"
      show_log "$base"
      die "sandbox $name exited with status $status before printing its bootstrap"
    fi
    if [ "$ticks" -ge "$limit" ]; then
      terminate "$pid"
      rm -f "$base.pid"
      show_log "$base"
      die "sandbox $name printed no bootstrap within ${KAFKASCOPE_SANDBOX_START_TIMEOUT:-20} s"
    fi
    sleep 0.1
    ticks=$((ticks + 1))
  done
}

stop() {
  [ $# -eq 2 ] || die "usage: stop DIR NAME"
  base=$1/$2
  status=0
  if [ ! -f "$base.pid" ]; then
    echo "sandbox_fixture: no pid file for $2; nothing to stop"
  else
    pid=$(cat "$base.pid")
    if is_sandbox "$pid"; then
      terminate "$pid" || status=1
      echo "sandbox $2 (pid $pid) stopped"
    else
      # Whatever the tests did, the sandbox must not die under them.
      show_log "$base"
      echo "sandbox_fixture: sandbox $2 (pid $pid) was no longer running" >&2
      status=1
    fi
  fi
  # A killed sandbox cannot remove its FIFO.
  rm -f "$base.pid" "$base.bootstrap" "$base.ctl"
  return $status
}

send() {
  [ $# -ge 3 ] || die "usage: send DIR NAME COMMAND..."
  base=$1/$2
  shift 2
  command=$*
  [ -p "$base.ctl" ] || die "no control FIFO $base.ctl (is the sandbox running?)"
  [ -f "$base.pid" ] && is_sandbox "$(cat "$base.pid")" || die "sandbox $base is not running"
  before=$(wc -l <"$base.out")
  # Opening a FIFO without a reader blocks; bound it in case the sandbox just died.
  if command -v timeout >/dev/null 2>&1; then
    timeout 5 sh -c 'printf "%s\n" "$1" >"$2"' sh "$command" "$base.ctl" || die "cannot write to $base.ctl"
  else
    printf '%s\n' "$command" >"$base.ctl" || die "cannot write to $base.ctl"
  fi
  ticks=0
  while [ "$(wc -l <"$base.out")" -le "$before" ]; do
    # librdkafka 2.0.2's mock thread can miss a wake-up and take ~1 s per command.
    [ "$ticks" -lt 200 ] || die "no reply to '$command' within 10 s"
    sleep 0.05
    ticks=$((ticks + 1))
  done
  reply=$(sed -n "$((before + 1))p" "$base.out")
  echo "$reply"
  [ "$reply" = ok ]
}

[ $# -ge 1 ] || die "usage: sandbox_fixture.sh start|stop|send ..."
action=$1
shift
case $action in
  start) start "$@" ;;
  stop) stop "$@" ;;
  send) send "$@" ;;
  *) die "unknown action '$action' (start, stop or send)" ;;
esac
