#!/usr/bin/env python3
"""Turns the golden frames in tests/data/golden into libFuzzer seed files.

fuzz_response_decoders seeds: [api index, version] + response after its
correlation id (api index into FUZZ_API_KEYS, as the target reads byte 0). fuzz_request_decoders seeds: the request frame.
"""
import json
import pathlib
import sys

# Must follow kFuzzApiKeys in all_messages.h.
FUZZ_API_KEYS = [18, 3, 2, 0, 1, 22, 10, 11, 14, 12, 13, 9, 8, 16, 15, 17, 36, 42, 47]
API_INDEX = {key: index for index, key in enumerate(FUZZ_API_KEYS)}


def main(golden_dir: pathlib.Path, out_dir: pathlib.Path) -> None:
    responses = out_dir / "fuzz_response_decoders"
    requests = out_dir / "fuzz_request_decoders"
    responses.mkdir(parents=True, exist_ok=True)
    requests.mkdir(parents=True, exist_ok=True)
    count = 0
    for path in sorted(golden_dir.glob("*.jsonl")):
        for n, line in enumerate(path.read_text().splitlines(), 1):
            sample = json.loads(line)
            key, version = sample["api_key"], sample["api_version"]
            if key not in API_INDEX:
                continue
            if key == 18 and version > 4:
                version = 0  # the UNSUPPORTED_VERSION answer has a v0 body
            name = f"{path.stem}-{n:03d}-v{sample['api_version']}.bin"
            response = bytes.fromhex(sample["response_hex"])[4:]
            (responses / name).write_bytes(bytes([API_INDEX[key], version]) + response)
            (requests / name).write_bytes(bytes.fromhex(sample["request_hex"]))
            count += 1
    print(f"{count} seeds per target from {golden_dir}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: make_seeds.py GOLDEN_DIR OUT_DIR")
    main(pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]))
