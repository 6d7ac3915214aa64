#!/usr/bin/env python3
"""`kafkascope-cli consume TOPIC --group G`: the group Reader from the CLI.

kcat produces 90 messages over 3 partitions. `consume --group g --count 90
--json` prints each exactly once and commits them (kcat's view of the group's
committed offsets agrees); after 15 more are produced, a second run with
--count 15 resumes after the commit and prints exactly the new ones.
--start-offset last without a commit skips what is there. --stats-json
writes the reader's stats.

usage: consume_group_cli_test.py CLI BOOTSTRAP_FILE
"""
import json
import os
import subprocess
import sys
import tempfile

failures = []


def check(cond, what):
    print(("[ ok ] " if cond else "[FAIL] ") + what)
    if not cond:
        failures.append(what)


def run(args, stdin=None, timeout=90):
    return subprocess.run(args, input=stdin, capture_output=True, timeout=timeout)


def produce(bootstrap, topic, first, count):
    for p in range(3):
        lines = "".join(f"m{i}\n" for i in range(first, first + count) if i % 3 == p)
        out = run(["kcat", "-b", bootstrap, "-P", "-t", topic, "-p", str(p)], stdin=lines.encode())
        check(out.returncode == 0, f"kcat produced to {topic}/{p}")


def consume(cli, bootstrap, *extra):
    out = run([cli, "-b", bootstrap, "consume", "cli-group", "--json", *extra])
    lines = [json.loads(line) for line in out.stdout.decode().splitlines() if line.strip()]
    return out, lines


def main():
    cli, bootstrap_file = sys.argv[1], sys.argv[2]
    bootstrap = open(bootstrap_file).read().strip()
    produce(bootstrap, "cli-group", 0, 90)

    stats = os.path.join(tempfile.mkdtemp(), "stats.json")
    out, lines = consume(cli, bootstrap, "--group", "g-cli", "--count", "90", "--stats-json", stats)
    check(out.returncode == 0, f"consume --group exits 0 ({out.stderr.decode().strip()[-300:]})")
    values = sorted(m["value"] for m in lines)
    check(values == sorted(f"m{i}" for i in range(90)), f"90 messages, each once (got {len(lines)})")
    check(all(m["topic"] == "cli-group" and m["high_watermark"] >= m["offset"] + 1 for m in lines),
          "topic and high watermark on every line")
    doc = json.load(open(stats))
    check(doc["readers"][0]["messages"] >= 90 and doc["readers"][0]["rebalances"] >= 1,
          "--stats-json has messages and rebalances")

    # kcat, as a member of the same group, finds nothing left to read.
    k = run(["timeout", "30", "kcat", "-C", "-q", "-b", bootstrap, "-G", "g-cli", "-e", "-f", "%p %o\\n",
             "-X", "session.timeout.ms=6000", "cli-group"])
    check(k.stdout.decode().strip() == "", f"kcat -G in the same group reads nothing more ({k.stdout[:80]!r})")

    produce(bootstrap, "cli-group", 90, 15)
    out, lines = consume(cli, bootstrap, "--group", "g-cli", "--count", "15")
    check(out.returncode == 0, "second run exits 0")
    check(sorted(m["value"] for m in lines) == sorted(f"m{i}" for i in range(90, 105)),
          f"second run resumes after the commit: exactly the 15 new messages (got {[m['value'] for m in lines][:5]}...)")

    # A new group starting at the end sees only what comes later; with
    # nothing new it prints nothing within the count's patience (Ctrl-C ends it).
    p = subprocess.Popen([cli, "-b", bootstrap, "consume", "cli-group", "--json", "--group", "g-cli-last",
                          "--start-offset", "last"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        stdout, _ = p.communicate(timeout=8)
    except subprocess.TimeoutExpired:
        p.send_signal(2)
        stdout, _ = p.communicate(timeout=30)
    check(stdout.decode().strip() == "", "--start-offset last without a commit prints nothing old")
    check(p.returncode == 0, f"Ctrl-C ends a group consume cleanly (exit {p.returncode})")

    bad = run([cli, "-b", bootstrap, "consume", "cli-group", "--group", "g-x", "--start-offset", "middle"])
    check(bad.returncode == 2, "a bad --start-offset is a usage error")

    print(f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
