#!/usr/bin/env python3
"""`kafkascope-cli consume --json` reads back exactly what kcat produced.

For every codec (none, gzip, snappy, lz4, zstd) kcat writes to a 3-partition
topic: keyed messages with two headers, messages without a key (null key),
empty values, null values (kcat -Z), UTF-8 text and bytes that are not UTF-8.
Then `consume TOPIC --json` (every partition, to the end) must return the
same messages as `kcat -C -J` reads: same partition, offset, timestamp, key,
value and headers, null kept null. Also checked: --partition, --count,
--from OFFSET / latest / @UNIX_MS, --seek, --stats-json and the usage errors.

usage: consume_vs_kcat_test.py CLI BOOTSTRAP_FILE
"""
import base64
import json
import os
import subprocess
import sys
import tempfile

failures = []
CODECS = ["none", "gzip", "snappy", "lz4", "zstd"]


def check(cond, what):
    print(("[ ok ] " if cond else "[FAIL] ") + what)
    if not cond:
        failures.append(what)


def run(args, stdin=None, timeout=60):
    return subprocess.run(args, input=stdin, capture_output=True, timeout=timeout)


def kcat_produce(bootstrap, topic, codec, lines, extra):
    out = run(["kcat", "-b", bootstrap, "-P", "-t", topic, "-z", codec, "-K:", *extra],
              stdin=b"".join(line + b"\n" for line in lines))
    check(out.returncode == 0, f"{topic}: kcat produced {len(lines)} lines {extra} ({out.stderr.decode().strip()})")


def as_bytes(v):
    """A JSON text field as bytes: kcat writes raw bytes, we write UTF-8 or base64."""
    if v is None:
        return None
    if isinstance(v, dict):
        return base64.b64decode(v["base64"])
    return v.encode("utf-8", "surrogateescape")


def kcat_messages(bootstrap, topic):
    out = run(["kcat", "-b", bootstrap, "-C", "-t", topic, "-e", "-q", "-J"])
    check(out.returncode == 0, f"{topic}: kcat -C -J read the topic")
    got = {}
    for line in out.stdout.decode("utf-8", "surrogateescape").splitlines():
        m = json.loads(line)
        h = m.get("headers", [])
        headers = [(as_bytes(h[i]), as_bytes(h[i + 1])) for i in range(0, len(h), 2)]
        got[(m["partition"], m["offset"])] = {
            "timestamp": m["ts"], "key": as_bytes(m["key"]), "value": as_bytes(m["payload"]),
            "headers": headers}
    return got


def our_messages(cli, bootstrap, topic, *extra, expect_exit=0):
    out = run([cli, "-b", bootstrap, "consume", topic, "--json", "--max-wait", "500", *extra])
    check(out.returncode == expect_exit,
          f"consume {topic} {' '.join(extra)}: exit {out.returncode} {out.stderr.decode().strip()}")
    rows = []
    for line in out.stdout.decode("utf-8").splitlines():
        m = json.loads(line)  # every line must be valid JSON (and UTF-8)
        rows.append(m)
    return rows


def normalised(rows):
    got = {}
    for m in rows:
        got[(m["partition"], m["offset"])] = {
            "timestamp": m["timestamp"], "key": as_bytes(m["key"]), "value": as_bytes(m["value"]),
            "headers": [(as_bytes(h["key"]), as_bytes(h["value"])) for h in m["headers"]]}
    return got


def produce_all_kinds(bootstrap, topic, codec):
    keyed = [f"key-{i}:value {i} {codec} ".encode() + b"x" * (i % 40) for i in range(60)]
    kcat_produce(bootstrap, topic, codec, keyed, ["-H", "source=kcat", "-H", f"codec={codec}"])
    no_key = [f"no key {i}".encode() for i in range(10)]          # no ':' -> null key
    empty_value = [f"empty-{i}:".encode() for i in range(10)]      # empty, not null
    text = ["ключ-1:значение ✓ 😀".encode(), "k-tab:a\tb \"quoted\" \\ back".encode()]
    kcat_produce(bootstrap, topic, codec, no_key + empty_value + text, ["-H", "kind=mixed"])
    kcat_produce(bootstrap, topic, codec, [f"tomb-{i}:".encode() for i in range(5)], ["-Z"])  # null values
    kcat_produce(bootstrap, topic, codec, [b"bin-1:\xff\xfe\x80 not utf-8", b"\xc3\x28bad-key:v"], [])
    return 60 + 10 + 10 + 2 + 5 + 2


def compare_codec(cli, bootstrap, codec):
    topic = f"consume-{codec}"
    produced = produce_all_kinds(bootstrap, topic, codec)
    theirs = kcat_messages(bootstrap, topic)
    check(len(theirs) == produced, f"{codec}: kcat reads {len(theirs)} of {produced} messages")
    rows = our_messages(cli, bootstrap, topic)
    ours = normalised(rows)
    check(len(rows) == len(ours) == produced, f"{codec}: consume printed {len(rows)} messages, {len(ours)} distinct")
    check(set(ours) == set(theirs), f"{codec}: same (partition, offset) set as kcat")
    diffs = [k for k in sorted(set(ours) & set(theirs)) if ours[k] != theirs[k]]
    check(not diffs, f"{codec}: keys, values, headers and timestamps equal kcat's"
          + (f" (first difference at {diffs[0]}: ours {ours[diffs[0]]} vs kcat {theirs[diffs[0]]})" if diffs else ""))
    kinds = [m for m in ours.values()]
    check(any(m["key"] is None for m in kinds), f"{codec}: null keys came back as null")
    check(any(m["value"] is None for m in kinds), f"{codec}: null values came back as null")
    check(any(m["value"] == b"" for m in kinds), f"{codec}: empty values came back empty, not null")
    check(any(isinstance(m["value"], dict) for m in rows) and any(isinstance(m["key"], dict) for m in rows),
          f"{codec}: bytes that are not UTF-8 came as base64 objects (value and key)")
    hw = {}
    for m in rows:
        hw[m["partition"]] = max(hw.get(m["partition"], 0), m["offset"] + 1)
    check(all(m["high_watermark"] == hw[m["partition"]] for m in rows),
          f"{codec}: every message carries its partition's high watermark")
    return ours


def check_positioning(cli, bootstrap):
    topic = "consume-none"
    all_rows = normalised(our_messages(cli, bootstrap, topic))
    p1 = sorted(o for (p, o) in all_rows if p == 1)
    check(len(p1) > 6, f"partition 1 holds {len(p1)} messages")
    one = our_messages(cli, bootstrap, topic, "--partition", "1")
    check(sorted(m["offset"] for m in one) == p1 and all(m["partition"] == 1 for m in one),
          "--partition 1 reads exactly partition 1, to its end")
    offsets = [m["offset"] for m in one]
    check(offsets == sorted(offsets), "one partition's messages come in offset order")
    counted = our_messages(cli, bootstrap, topic, "--count", "7")
    check(len(counted) == 7, f"--count 7 printed {len(counted)}")
    from3 = our_messages(cli, bootstrap, topic, "--partition", "1", "--from", "3")
    check([m["offset"] for m in from3] == [o for o in p1 if o >= 3], "--from 3 starts at offset 3")
    latest = our_messages(cli, bootstrap, topic, "--from", "latest")
    check(latest == [], "--from latest without --count prints nothing and ends")
    seek_end = our_messages(cli, bootstrap, topic, "--partition", "1", "--seek", "end", "2")
    check([m["offset"] for m in seek_end] == p1[-2:], "--seek end 2 reads the last two messages")
    seek_cur = our_messages(cli, bootstrap, topic, "--partition", "1", "--from", "5", "--seek", "current", "-2")
    check([m["offset"] for m in seek_cur][:1] == [3], "--from 5 --seek current -2 starts at 3")
    bad = run([cli, "-b", bootstrap, "consume", topic, "--partition", "1", "--seek", "absolute", "100000"])
    check(bad.returncode != 0 and b"OFFSET_OUT_OF_RANGE" in bad.stderr,
          f"--seek absolute past the end fails with OFFSET_OUT_OF_RANGE ({bad.stderr.decode().strip()})")
    # The librdkafka mock answers -1 to every lookup by time: no message that
    # recent, so the reader starts at the end, as kafka-go's SetOffsetAt does.
    at = our_messages(cli, bootstrap, topic, "--partition", "1", "--from", "@4102444800000")
    check(at == [], "--from @<future ms> starts at the end")
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "stats.json")
        our_messages(cli, bootstrap, topic, "--partition", "1", "--stats-json", path)
        stats = json.load(open(path))["readers"]
        s = stats[0] if stats else {}
        want = ["dials", "fetches", "messages", "bytes", "rebalances", "timeouts", "errors", "dial_time_us",
                "read_time_us", "wait_time_us", "fetch_size", "fetch_bytes", "offset", "lag", "min_bytes",
                "max_bytes", "max_wait_ms", "queue_length", "queue_capacity", "client_id", "topic", "partition"]
        check(len(stats) == 1 and all(k in s for k in want), f"--stats-json has every ReaderStats field: {sorted(s)}")
        check(s.get("messages") == len(p1) and s.get("offset") == p1[-1] + 1 and s.get("lag") == 0
              and s.get("client_id") == "kafkascope-cli" and s.get("fetch_size", {}).get("max", 0) > 0,
              f"--stats-json counts what was read: {s}")


def check_usage_errors(cli, bootstrap):
    for args, what in [(["--partition", "x"], "--partition"), (["--from", "soon"], "--from"),
                       (["--seek", "sideways", "1"], "WHENCE"), (["--group", "g", "--partition", "0"], "exclude"),
                       (["--commit-interval", "100"], "need --group"), ([], "needs a TOPIC")]:
        argv = [cli, "-b", bootstrap, "consume"] + (["consume-none"] if args else []) + args
        out = run(argv)
        check(out.returncode == 2 and what.encode() in out.stderr,
              f"usage error for {args or 'no topic'}: exit {out.returncode} {out.stderr.decode().strip()}")
    missing = run([cli, "-b", bootstrap, "consume", "no-such-topic"])
    check(missing.returncode == 1 and b"no-such-topic" in missing.stderr, "a missing topic is named")
    beyond = run([cli, "-b", bootstrap, "consume", "consume-none", "--partition", "9"])
    check(beyond.returncode == 1 and b"no partition 9" in beyond.stderr, "a missing partition is named")


def main():
    cli, bootstrap_file = sys.argv[1], sys.argv[2]
    bootstrap = open(bootstrap_file).read().strip()
    for codec in CODECS:
        compare_codec(cli, bootstrap, codec)
    check_positioning(cli, bootstrap)
    check_usage_errors(cli, bootstrap)
    if failures:
        print(f"{len(failures)} check(s) failed")
        sys.exit(1)
    print("all checks passed")


if __name__ == "__main__":
    main()
