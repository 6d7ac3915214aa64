#!/usr/bin/env python3
"""`kafkascope-cli produce` Writer knobs and --stats-json, against a sandbox.

The seed's scenario on the flush records rather than the clock: 220 messages
with --batch-size 100 into one partition leave as 100 + 100 + 20, the last by
timeout (--linger at least --batch-timeout gives kafka-go's behaviour); the
stats file names each flush's reason, counts every message and echoes every
setting. --round-robin-chunk N sends N messages to a partition before moving
on. kcat reads the messages back.

usage: produce_stats_cli_test.py CLI BOOTSTRAP_FILE
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


def run(args, stdin=None, timeout=60):
    return subprocess.run(args, input=stdin, capture_output=True, text=True, timeout=timeout)


def batches_by_timeout(cli, bootstrap, workdir):
    stats_path = os.path.join(workdir, "stats.json")
    lines = [f"seed-{i}" for i in range(220)]
    out = run([cli, "-b", bootstrap, "produce", "cli-stats", "-p", "0", "--batch-size", "100",
               "--batch-timeout", "200", "--linger", "1000", "--max-attempts", "3", "--idempotent",
               "--compression-level", "5", "-z", "zstd", "--json", "--stats-json", stats_path],
              stdin="\n".join(lines) + "\n")
    check(out.returncode == 0, f"produce exit {out.returncode} {out.stderr.strip()}")
    if out.returncode != 0:
        return
    reports = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    check(len(reports) == 220 and all(r["error"] is None and r["partition"] == 0 for r in reports),
          "220 reports, all stored in partition 0")
    stats = json.load(open(stats_path))
    flushes = [(f["messages"], f["reason"]) for f in stats["flushes"] if f["topic"] == "cli-stats"]
    check(flushes == [(100, "size"), (100, "size"), (20, "timeout")], f"flushes 100+100+20 by size, size, timeout: {flushes}")
    total = stats["total"]
    check(total["messages"] == 220 and total["errors"] == 0, f"stats count 220 messages, 0 errors: {total['messages']}, {total['errors']}")
    check(total["batch_size"]["max"] == 100 and total["batch_size"]["min"] == 20, "batch size summary min 20 max 100")
    check(stats["idempotent"] is True and stats["producer_id"] >= 0, "idempotent with a producer id")
    c = stats["config"]
    check(c["batch_size"] == 100 and c["batch_timeout_ms"] == 200 and c["linger_ms"] == 1000
          and c["max_attempts"] == 3 and c["idempotent"] is True and c["compression"] == "zstd"
          and c["compression_level"] == 5, f"settings echoed as gauges: {c}")
    check(any(p["topic"] == "cli-stats" and p["partition"] == 0 and p["messages"] == 220
              for p in stats["partitions"]), "per-partition counters for cli-stats/0")
    read = run(["kcat", "-b", bootstrap, "-C", "-t", "cli-stats", "-p", "0", "-e", "-q", "-f", "%s\n"])
    check(read.stdout.splitlines() == lines, "kcat reads the 220 values back in order")


def round_robin_chunks(cli, bootstrap):
    lines = [f"rr-{i}" for i in range(60)]
    out = run([cli, "-b", bootstrap, "produce", "cli-rr", "--round-robin-chunk", "10", "--json"],
              stdin="\n".join(lines) + "\n")
    check(out.returncode == 0, f"round-robin produce exit {out.returncode} {out.stderr.strip()}")
    if out.returncode != 0:
        return
    partitions = [r["partition"] for r in [json.loads(line) for line in out.stdout.splitlines() if line.strip()]]
    runs = [partitions[i:i + 10] for i in range(0, 60, 10)]
    check(all(len(set(r)) == 1 for r in runs), f"every run of 10 messages shares a partition: {partitions}")
    firsts = [r[0] for r in runs]
    check(firsts[:3] == firsts[3:] and sorted(firsts[:3]) == [0, 1, 2], f"chunks cycle over the 3 partitions: {firsts}")


def bad_flags(cli, bootstrap):
    out = run([cli, "-b", bootstrap, "produce", "cli-rr", "--round-robin-chunk", "0"], stdin="x\n")
    check(out.returncode == 2 and "--round-robin-chunk" in out.stderr, f"chunk 0 refused: {out.stderr.strip()}")
    out = run([cli, "-b", bootstrap, "produce", "cli-rr", "--max-attempts", "lots"], stdin="x\n")
    check(out.returncode == 2 and "--max-attempts" in out.stderr, f"bad --max-attempts refused: {out.stderr.strip()}")


def main():
    cli, bootstrap_file = sys.argv[1], sys.argv[2]
    bootstrap = open(bootstrap_file).read().strip()
    with tempfile.TemporaryDirectory() as workdir:
        batches_by_timeout(cli, bootstrap, workdir)
    round_robin_chunks(cli, bootstrap)
    bad_flags(cli, bootstrap)
    if failures:
        print(f"{len(failures)} check(s) failed")
        sys.exit(1)


if __name__ == "__main__":
    main()
