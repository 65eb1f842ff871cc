#!/usr/bin/env python3
"""The report's level distribution and readiness in pandas, for the README's
side-by-side run: the same rule as careerpath (role table level, raised to
the accountability's level, lowered while the years fall short of the
level's minimum; readiness months = ceil((next min_years - years) * 12)).

The catalog tables come from `careerpath catalog export --format json`, so the script
holds no level or role of its own:

    careerpath catalog export --format json > catalog.json
    python3 levels.py catalog.json staff.csv
"""
import json
import sys

import numpy as np
import pandas as pd


def main(catalog_path, staff_path):
    cat = json.load(open(catalog_path))
    levels = cat["levels"]
    pos = {lv["id"]: i for i, lv in enumerate(levels)}
    min_years = np.array([lv["policy"]["min_years"] for lv in levels])
    role_pos = {}
    for r in cat["roles"]:
        for k in [r["id"], r["name"]] + r.get("policy", {}).get("aliases", []):
            role_pos[k.strip().lower()] = pos[r["level"]["from"]]
    acc_pos = {}
    for a in cat["accountability"]:
        for k in [a["id"], a["name"]] + a.get("policy", {}).get("aliases", []):
            acc_pos[k.strip().lower()] = pos[a["level"]]

    df = pd.read_csv(staff_path, dtype=str, keep_default_na=False)
    rp = df["role"].str.strip().str.lower().map(role_pos)
    ap = df["accountability"].str.strip().str.lower().map(acc_pos)
    years = pd.to_numeric(df["years"], errors="coerce")
    ok = rp.notna() & ap.notna() & years.notna() & (years >= 0)
    level = np.maximum(rp[ok].astype(int), ap[ok].astype(int)).to_numpy()
    y = years[ok].to_numpy()
    for _ in range(len(levels)):
        lower = (level > 0) & (y < min_years[level])
        level = np.where(lower, level - 1, level)
    top = len(levels) - 1
    has_next = level < top
    need = min_years[np.minimum(level + 1, top)]
    months = np.where(y >= need, 0, np.ceil(np.round((need - y) * 12, 9)))
    buckets = pd.cut(months[has_next], [-1, 0, 6, 12, 24, np.inf], labels=["now", "1-6", "7-12", "13-24", "over 24"])
    out = {
        "rows": {"read": len(df), "advised": int(ok.sum()), "rejected": int((~ok).sum())},
        "levels": {levels[i]["name"]: int(n) for i, n in enumerate(np.bincount(level, minlength=len(levels)))},
        "readiness": {str(k): int(v) for k, v in pd.Series(buckets).value_counts(sort=False).items()},
        "at_top": int((~has_next).sum()),
    }
    json.dump(out, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
