#!/usr/bin/env python3
"""kafkascope-cli groups / group describe / lag / reset-offsets on a sandbox.

The sandbox (librdkafka mock) has FindCoordinator, OffsetFetch and
OffsetCommit but no ListGroups or DescribeGroups: `groups` and `group
describe` must fail per broker with an error naming the API; `lag` and
`reset-offsets` must work, and kcat -G (librdkafka) must resume from the
offsets reset-offsets committed. A group with a live kcat member is refused.

usage: groups_lag_cli_test.py CLI BOOTSTRAP_FILE
"""
import json
import subprocess
import sys
import time

failures = []


def check(cond, what):
    print(("[ ok ] " if cond else "[FAIL] ") + what)
    if not cond:
        failures.append(what)


def run(args, stdin=None, timeout=60):
    return subprocess.run(args, input=stdin, capture_output=True, text=True, timeout=timeout)


def documents(text):
    """Every JSON document in `text` (--watch prints one per poll)."""
    decoder = json.JSONDecoder()
    out, at = [], 0
    while True:
        while at < len(text) and text[at].isspace():
            at += 1
        if at >= len(text):
            return out
        doc, at = decoder.raw_decode(text, at)
        out.append(doc)


def main():
    cli = sys.argv[1]
    bootstrap = open(sys.argv[2]).read().strip()
    topic = "cli-lag"

    lines = "".join(f"k{i}:v{i}\n" for i in range(60))
    produced = run(["kcat", "-b", bootstrap, "-P", "-t", topic, "-K:"], stdin=lines)
    check(produced.returncode == 0, f"kcat produced 60 messages ({produced.stderr.strip()})")
    offsets = json.loads(run([cli, "-b", bootstrap, "offsets", topic, "--json"]).stdout)
    ends = {p["partition"]: p["last"] for p in offsets["partitions"]}
    check(len(ends) == 3 and sum(ends.values()) == 60, f"end offsets {ends}")

    # groups / group describe: the sandbox lacks the APIs; every broker says so.
    groups = run([cli, "-b", bootstrap, "groups", "--json"])
    check(groups.returncode == 1, f"groups exits 1 when no broker can list groups (got {groups.returncode})")
    doc = json.loads(groups.stdout)
    check(doc["groups"] == [] and len(doc["errors"]) == 3, f"groups --json: one error per broker: {doc['errors']}")
    check(all("ListGroups" in e["error"] for e in doc["errors"]), "each error names ListGroups")
    readers = run([cli, "-b", bootstrap, "topic-groups", topic, "--json"])
    check(readers.returncode == 1, f"topic-groups exits 1 when no broker can list groups (got {readers.returncode})")
    doc = json.loads(readers.stdout)
    check(doc["topic"] == topic and doc["groups"] == [] and len(doc["errors"]) == 3,
          f"topic-groups --json: one error per broker: {doc['errors']}")
    check(all("ListGroups" in e["error"] for e in doc["errors"]), "topic-groups errors name ListGroups")
    missing = run([cli, "-b", bootstrap, "topic-groups", "no-such-topic"])
    check(missing.returncode == 1 and "no-such-topic" in missing.stderr,
          f"topic-groups of a missing topic names it: {missing.stderr.strip()}")
    described = run([cli, "-b", bootstrap, "group", "describe", "g-cli"])
    check(described.returncode == 1 and "DescribeGroups" in described.stderr,
          f"group describe fails naming DescribeGroups: {described.stderr.strip()}")

    # reset-offsets creates the group's offsets (nothing committed yet).
    first = run([cli, "-b", bootstrap, "reset-offsets", "g-cli", "--topic", topic, "--to-offset", "3",
                 "--execute", "--json"])
    check(first.returncode == 0, f"reset --to-offset 3 --execute ({first.stderr.strip()})")
    table = json.loads(first.stdout)
    check(table["executed"] and [r["after"] for r in table["partitions"]] == [min(3, ends[p]) for p in range(3)],
          f"executed table {table['partitions']}")

    lag = json.loads(run([cli, "-b", bootstrap, "lag", "g-cli", "--json"]).stdout)
    group = lag["groups"][0]
    check(group["group"] == "g-cli" and lag["error"] is None, "lag names the group")
    by_partition = {p["partition"]: p for p in group["partitions"]}
    for p in range(3):
        row = by_partition.get(p, {})
        check(row.get("committed") == 3 and row.get("log_end") == ends[p] and row.get("lag") == ends[p] - 3,
              f"partition {p}: lag = end {ends[p]} - committed 3 ({row})")
    check(group["total_lag"] == sum(ends.values()) - 9, f"total lag {group['total_lag']}")

    # Dry run: the table, nothing written.
    dry = json.loads(run([cli, "-b", bootstrap, "reset-offsets", "g-cli", "--topic", topic, "--shift-by", "2",
                          "--json"]).stdout)
    check(not dry["executed"] and all(r["before"] == 3 and r["after"] == 5 for r in dry["partitions"]),
          f"dry run shift +2: {dry['partitions']}")
    again = json.loads(run([cli, "-b", bootstrap, "lag", "g-cli", "--json"]).stdout)
    check(all(p["committed"] == 3 for p in again["groups"][0]["partitions"]), "dry run committed nothing")

    executed = run([cli, "-b", bootstrap, "reset-offsets", "g-cli", "--topic", topic, "--shift-by", "2",
                    "--partitions", "0-2", "--execute"])
    check(executed.returncode == 0 and "committed" in executed.stdout, f"execute: {executed.stdout.strip()}")

    # --watch: one document per poll.
    watched = run([cli, "-b", bootstrap, "lag", "g-cli", "--watch", "0.3", "--count", "3", "--json"])
    polls = documents(watched.stdout)
    check(watched.returncode == 0 and [d["cycle"] for d in polls] == [1, 2, 3], f"--watch --count 3: {len(polls)} polls")
    check(all(p["committed"] == 5 for p in polls[-1]["groups"][0]["partitions"]), "watch sees the executed reset")

    # kcat joins the group and resumes from offset 5 in every partition.
    read = run(["timeout", "60", "kcat", "-C", "-q", "-b", bootstrap, "-G", "g-cli", "-e", "-f", "%p:%o\n",
                "-X", "session.timeout.ms=6000", topic], timeout=90)
    firsts = {}
    for line in read.stdout.split():
        p, o = (int(x) for x in line.split(":"))
        firsts.setdefault(p, o)
    check(firsts == {p: 5 for p in range(3)}, f"kcat -G resumed at {firsts}")

    # A group with a live member is refused, naming the reason.
    busy = subprocess.Popen(["kcat", "-C", "-q", "-b", bootstrap, "-G", "g-busy", "-X", "session.timeout.ms=6000",
                             "-X", "auto.offset.reset=earliest", topic],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        refused = None
        for _ in range(30):
            time.sleep(1)
            refused = run([cli, "-b", bootstrap, "reset-offsets", "g-busy", "--topic", topic, "--to-earliest",
                           "--execute"])
            if "active members" in refused.stderr:
                break
        check(refused.returncode == 1 and "group g-busy has active members" in refused.stderr,
              f"reset refused while kcat is a member: {refused.stderr.strip()}")
    finally:
        busy.terminate()
        busy.wait(timeout=30)

    usage = run([cli, "-b", bootstrap, "reset-offsets", "g-cli", "--to-latest"])
    check(usage.returncode == 2 and "--topic" in usage.stderr, f"missing --topic is a usage error: {usage.stderr.strip()}")
    usage = run([cli, "-b", bootstrap, "reset-offsets", "g-cli", "--topic", topic, "--to-latest", "--to-earliest"])
    check(usage.returncode == 2, "two reset kinds are a usage error")
    usage = run([cli, "-b", bootstrap, "reset-offsets", "g-cli", "--topic", topic, "--to-datetime", "soon"])
    check(usage.returncode == 2 and "ISO-8601" in usage.stderr, "a bad time is a usage error naming the format")
    usage = run([cli, "-b", bootstrap, "lag", "--watch", "0"])
    check(usage.returncode == 2, "--watch 0 is a usage error")

    print(f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
