"""Writes a libFuzzer seed corpus: the golden cases' campaigns and results and the examples' files, each prefixed
with the byte that selects the reader in fuzz_inputs.cpp (0 campaign, 1 results JSON, 2 results CSV)."""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main(out: Path) -> None:
    n = 0
    for path in sorted((ROOT / "tests" / "data" / "golden").glob("*.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        for selector, key in ((0, "campaign"), (1, "results")):
            (out / f"{path.stem}-{key}").write_bytes(bytes([selector]) + json.dumps(case[key]).encode())
            n += 1
    for folder in sorted((ROOT / "docs" / "examples").iterdir()):
        if (folder / "results.csv").exists():
            (out / f"{folder.name}-csv").write_bytes(b"\x02" + (folder / "results.csv").read_bytes())
            n += 1
    print(f"{n} seeds in {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
