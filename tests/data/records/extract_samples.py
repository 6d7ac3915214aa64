#!/usr/bin/env python3
"""Copies every Produce and Fetch exchange from the team's capture set
(kafka-wire-samples) into produce_fetch.jsonl, in the line format of
tests/data/golden (see its README). Run by hand when the samples change:
    extract_samples.py /work/shared/kafka-wire-samples
Tests read only the copy, never the shared folder."""
import json
import pathlib
import sys

FIELDS = ["api_key", "api_version", "correlation_id", "client_id", "note",
          "request_hex", "response_hex"]


def main(src: pathlib.Path) -> None:
    out = pathlib.Path(__file__).with_name("produce_fetch.jsonl")
    lines = []
    for path in sorted(src.glob("*.jsonl")):
        for line in path.read_text().splitlines():
            sample = json.loads(line)
            if sample["api_key"] not in (0, 1):
                continue
            row = {"source": path.stem}
            row.update({k: sample[k] for k in FIELDS})
            lines.append(json.dumps(row))
    out.write_text("\n".join(lines) + "\n")
    print(f"{len(lines)} exchanges -> {out}")


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1]))
