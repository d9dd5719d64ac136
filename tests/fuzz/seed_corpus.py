"""Writes libFuzzer seeds for the four targets of entries.hpp into OUT/<target>/: the golden cases' campaigns and
results, the examples' files, results written for the fixed campaign of the results targets, and every number and
date those documents hold. `make fuzz` starts from these and the committed corpus (tests/fuzz/corpus/<target>/)."""

import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Results for the fixed campaign of entries.hpp (units a and b; criteria r, s, t, m; phases p and q).
FIXED_RESULTS = {
    "thidua_results": 1, "campaign": "f",
    "results": [
        {"unit": "a", "criterion": "r", "phase": "p", "value": 4, "submitted": "2024-07-09"},
        {"unit": "a", "criterion": "r", "date": "2024-08-01", "value": "2.5", "target": 2},
        {"unit": "b", "criterion": "s", "date": "2024-03-01", "value": "2.5"},
        {"unit": "a", "criterion": "t", "phase": "q", "value": True},
        {"unit": "a", "criterion": "t", "phase": "p", "value": "false", "submitted": "2024-07-01"},
        {"unit": "b", "criterion": "t", "phase": "p", "status": "not_applicable"},
        {"unit": "a", "criterion": "m", "phase": "p", "value": "9.999999"},
        {"unit": "b", "criterion": "m", "phase": "p", "status": "exempt", "note": "thiên tai"},
        {"unit": "b", "criterion": "r", "phase": "q", "status": "missing"},
    ],
    "events": [{"unit": "b", "adjustment": "x", "count": 3}, {"unit": "a", "adjustment": "z"},
               {"unit": "b", "adjustment": "y", "note": "kỷ luật"}],
    "votes": [{"unit": "a", "yes": 3, "of": 4}, {"unit": "b", "yes": 0, "of": 9}],
}
FIXED_CSV = [
    "unit,criterion,phase,date,value,target,status,submitted,note\n"
    "a,r,p,,4,,,2024-07-09,\n"
    "a,r,,2024-08-01,2.5,2,,,\n"
    "b,s,,2024-03-01,2.5,,,,\"ghi chú, có \"\"ngoặc\"\"\"\n"
    "a,t,q,,TRUE,,,,\n"
    "b,t,p,,,,not_applicable,,\n"
    "a,m,p,,9.999999,,,,\n"
    "b,m,p,,,,exempt,,\n",
    "\ufeffcriterion,unit,value,phase\r\nm,b,0,p\r\n\r\ns,a,1,p\r\n",
]


def write(folder: Path, data: bytes) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)  # libFuzzer's own naming: no duplicates


def main(out: Path) -> None:
    campaigns, results, tables = [], [FIXED_RESULTS], list(FIXED_CSV)
    for path in sorted((ROOT / "tests" / "data" / "golden").glob("*.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        campaigns.append(case["campaign"])
        results.append(case["results"])
    for folder in sorted((ROOT / "docs" / "examples").iterdir()):
        if (folder / "campaign.json").exists():
            campaigns.append(json.loads((folder / "campaign.json").read_text(encoding="utf-8")))
            results.append(json.loads((folder / "results.json").read_text(encoding="utf-8")))
            tables.append((folder / "results.csv").read_text(encoding="utf-8"))
    texts = {
        "campaign": [json.dumps(c, ensure_ascii=False) for c in campaigns],
        "results_json": [json.dumps(r, ensure_ascii=False) for r in results],
        "results_csv": tables,
    }
    everything = "\n".join(texts["campaign"] + texts["results_json"] + tables)
    numbers = sorted(set(re.findall(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?", everything)))
    texts["numbers"] = numbers + [f"{a}|{b}|{c}" for a, b, c in zip(numbers, numbers[1:], numbers[2:])] + [
        "999999999999.999999|999999999999.999999|0.000001", "1e-6", "0.1e7", "2024-02-29", "2023-02-29"]
    for target, items in texts.items():
        for text in items:
            write(out / target, text.encode("utf-8"))
        print(f"{target}: {len(items)} seeds in {out / target}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
