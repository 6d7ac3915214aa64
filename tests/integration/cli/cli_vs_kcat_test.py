#!/usr/bin/env python3
"""kafkascope-cli against kcat on the same sandbox cluster.

kcat (librdkafka) is the independent peer: what `kafkascope-cli metadata
--json` reports must agree with `kcat -L -J` (brokers, topics, partitions,
leaders, replicas, ISR), and `offsets --json` must agree with what kcat reads
back after producing a known number of messages.

usage: cli_vs_kcat_test.py CLI BOOTSTRAP_FILE
"""
import collections
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


def kcat_metadata(bootstrap):
    out = run(["kcat", "-b", bootstrap, "-L", "-J"])
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def cli_json(cli, bootstrap, *args):
    out = run([cli, "-b", bootstrap, *args, "--json"])
    assert out.returncode == 0, f"{args}: exit {out.returncode}: {out.stderr}"
    return json.loads(out.stdout)


def compare_metadata(cli, bootstrap):
    ours = cli_json(cli, bootstrap, "metadata")
    theirs = kcat_metadata(bootstrap)

    kcat_brokers = {b["id"]: b["name"] for b in theirs["brokers"]}
    our_brokers = {b["id"]: f'{b["host"]}:{b["port"]}' for b in ours["brokers"]}
    check(our_brokers == kcat_brokers, f"brokers agree: {our_brokers} vs {kcat_brokers}")
    check(ours["controller_id"] == theirs["controllerid"],
          f'controller agrees: {ours["controller_id"]} vs {theirs["controllerid"]}')
    # The librdkafka 2.0.2 mock reports controller id 0, which names no broker.
    marked = [b["id"] for b in ours["brokers"] if b["controller"]]
    expected = [b["id"] for b in ours["brokers"] if b["id"] == ours["controller_id"]]
    check(marked == expected, f"broker marked controller {marked} is the controller id's {expected}")

    kcat_topics = {t["topic"]: t for t in theirs["topics"]}
    our_topics = {t["name"]: t for t in ours["topics"]}
    check(set(our_topics) == set(kcat_topics),
          f"topic names agree: {sorted(our_topics)} vs {sorted(kcat_topics)}")
    for name in sorted(set(our_topics) & set(kcat_topics)):
        mine = {p["partition"]: p for p in our_topics[name]["partitions"]}
        peer = {p["partition"]: p for p in kcat_topics[name]["partitions"]}
        check(set(mine) == set(peer), f"{name}: partitions agree ({len(mine)} vs {len(peer)})")
        for pid in sorted(set(mine) & set(peer)):
            m, k = mine[pid], peer[pid]
            same = (m["leader"] == k["leader"]
                    and m["replicas"] == [r["id"] for r in k["replicas"]]
                    and m["isr"] == [r["id"] for r in k["isrs"]])
            if not same:
                check(False, f"{name}/{pid}: leader/replicas/isr {m} vs {k}")
        check(True, f"{name}: leaders, replicas and ISR compared")
    return ours


def compare_offsets(cli, bootstrap):
    topic = "cli-offsets-check"
    lines = "".join(f"key-{i}:value-{i}\n" for i in range(200))
    produced = run(["kcat", "-b", bootstrap, "-P", "-t", topic, "-K:", "-X", "topic.partitioner=murmur2"],
                   stdin=lines)
    check(produced.returncode == 0, f"kcat produced 200 messages ({produced.stderr.strip()})")
    consumed = run(["kcat", "-b", bootstrap, "-C", "-t", topic, "-e", "-q", "-f", "%p %o\\n"])
    check(consumed.returncode == 0, "kcat consumed the topic back")
    seen = collections.defaultdict(list)
    for line in consumed.stdout.strip().splitlines():
        p, o = line.split()
        seen[int(p)].append(int(o))
    check(sum(len(v) for v in seen.values()) == 200, f"kcat read 200 messages back, got {sum(len(v) for v in seen.values())}")

    ours = cli_json(cli, bootstrap, "offsets", topic)["partitions"]
    check(len(ours) >= len(seen) and len(ours) > 0, f"offsets lists {len(ours)} partitions")
    for p in ours:
        offsets = seen.get(p["partition"], [])
        want_first = min(offsets) if offsets else p["last"]
        want_last = max(offsets) + 1 if offsets else 0
        check(p["error"] is None and p["first"] == want_first and p["last"] == want_last
              and p["messages"] == len(offsets),
              f'{topic}/{p["partition"]}: first {p["first"]} last {p["last"]} messages {p["messages"]}'
              f" vs kcat first {want_first} last {want_last} count {len(offsets)}")


def compare_produce(cli, bootstrap):
    """What `kafkascope-cli produce` writes, kcat reads back byte for byte, in every codec."""
    for codec in ["none", "gzip", "snappy", "lz4", "zstd"]:
        topic = f"cli-produce-{codec}"
        lines = [f"key-{i}:value {i} {codec} " + "x" * (i % 50) for i in range(100)]
        out = run([cli, "-b", bootstrap, "produce", topic, "-K", ":", "-z", codec,
                   "-H", "origin=kafkascope", "--json"], stdin="\n".join(lines) + "\n")
        check(out.returncode == 0, f"{codec}: produce exit {out.returncode} {out.stderr.strip()}")
        if out.returncode != 0:
            continue
        reports = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
        check(len(reports) == 100 and all(r["error"] is None and r["offset"] >= 0 for r in reports),
              f"{codec}: 100 per-message reports with offsets")
        read = run(["kcat", "-b", bootstrap, "-C", "-t", topic, "-e", "-q", "-f", "%k\t%s\t%h\t%p\t%o\n"])
        got = {}
        for line in read.stdout.splitlines():
            key, value, headers, partition, offset = line.split("\t")
            got[key] = (value, headers, int(partition), int(offset))
        want = {line.split(":", 1)[0]: line.split(":", 1)[1] for line in lines}
        check({k: v[0] for k, v in got.items()} == want, f"{codec}: kcat read back the 100 keys and values")
        check(all(v[1] == "origin=kafkascope" for v in got.values()), f"{codec}: headers intact")
        placed = {(r["partition"], r["offset"]) for r in reports}
        check(placed == {(v[2], v[3]) for v in got.values()}, f"{codec}: reported partition/offset pairs match kcat")


def check_errors(cli, bootstrap):
    missing = run([cli, "-b", bootstrap, "offsets", "no-such-topic-here", "--json"])
    check(missing.returncode != 0 and "no-such-topic-here" in missing.stderr,
          f"unknown topic fails non-zero and names it: {missing.stderr.strip()}")
    bad = run([cli, "-b", "localhost", "metadata"])
    check(bad.returncode == 2 and "port" in bad.stderr, f"malformed bootstrap rejected: {bad.stderr.splitlines()[0]}")


def main():
    cli, bootstrap_file = sys.argv[1], sys.argv[2]
    bootstrap = open(bootstrap_file).read().strip()
    compare_metadata(cli, bootstrap)
    compare_offsets(cli, bootstrap)
    compare_produce(cli, bootstrap)
    check_errors(cli, bootstrap)
    print(f"{len(failures)} checks failed" if failures else "all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
