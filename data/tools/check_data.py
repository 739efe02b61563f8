#!/usr/bin/env python3
"""Check govgap's shipped datasets under data/ (Python 3.11 standard library only).

Verifies, for every dataset folder (a folder with framework.toml):
  - framework structure: unique codes, roles, parents are aggregates, exactly one index, every aggregate
    has a child, no cycles, weights finite and not all zero among siblings, directions +-1, goalposts
    low < high, denominators exist;
  - units.csv: columns, kinds, benchmark flags, unique codes;
  - values.csv: columns, integer years, finite numbers, no duplicate (unit, year, indicator), every unit
    and indicator exists (indicators are not aggregates), every source id resolves in sources.csv,
    quality flags valid, derived values name their formula in the note;
  - every indicator and context node has at least one value;
  - sources.csv: columns, unique ids;
and for the Heilongjiang dataset: the 13 prefectures, 6 benchmarks, province and 4 countries, the city
groups, and the boundaries (13 features, size, closed rings, no crossing segments, shared borders kept:
Harbin-Suihua adjacent, Harbin-Heihe not, and the same adjacency as the source geometry when the source
library is available); for china_census: 369 units with a province and the MIT notice; for losi/: 95
unique items in six criteria and the assessment file's header and rows. If the source library is
available it also checks that no quoted passage of benchmarks/figures.csv was carried into data/.

Usage: python3 data/tools/check_data.py [--sources PATH]     (exit status 1 on any error)
"""
from __future__ import annotations

import argparse
import csv
import json
import math
import sys
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"
DEFAULT_SOURCES = REPO.parent / "shared" / "sources"

KINDS = {"prefecture", "city", "province", "country", "other"}
QUALITIES = {"official", "secondary", "derived"}
SOURCE_COLUMNS = ["id", "citation", "publisher", "year", "url", "repository", "path", "commit", "licence", "notes"]
VALUE_COLUMNS = ["unit", "year", "indicator", "value", "source", "quality"]

PREFECTURES = {
    "230100": "Harbin", "230200": "Qiqihar", "230300": "Jixi", "230400": "Hegang", "230500": "Shuangyashan",
    "230600": "Daqing", "230700": "Yichun", "230800": "Jiamusi", "230900": "Qitaihe", "231000": "Mudanjiang",
    "231100": "Heihe", "231200": "Suihua", "232700": "Da Hinggan Ling",
}
BENCHMARKS = {"CPH": "city", "SEL": "city", "NYC": "city", "310000": None, "440000": "province", "330000": "province"}
COUNTRIES = {"DNK", "KOR", "USA", "CHN"}


class Report:
    def __init__(self) -> None:
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def err(self, where: str, msg: str) -> None:
        self.errors.append(f"ERROR   {where}: {msg}")

    def warn(self, where: str, msg: str) -> None:
        self.warnings.append(f"warning {where}: {msg}")


def read_csv(path: Path) -> tuple[list[str], list[dict]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        r = csv.DictReader(f)
        rows = list(r)
        return list(r.fieldnames or []), rows


def check_framework(path: Path, rep: Report) -> dict:
    where = str(path.relative_to(REPO))
    try:
        fw = tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as e:
        rep.err(where, f"TOML syntax: {e}")
        return {}
    for k in ("code", "name_en", "name_zh"):
        if not fw.get(k):
            rep.err(where, f"missing top-level '{k}'")
    nodes = fw.get("node", [])
    by = {}
    for n in nodes:
        c = n.get("code", "")
        if not c:
            rep.err(where, "a node has no code")
            continue
        if c in by:
            rep.err(where, f"duplicate node code {c}")
        by[c] = n
        role = n.get("role", "indicator")
        if role not in ("indicator", "aggregate", "context"):
            rep.err(where, f"{c}: bad role {role}")
        if not n.get("name_en") or not n.get("name_zh"):
            rep.err(where, f"{c}: needs name_en and name_zh")
        if role != "aggregate" and "unit" not in n:
            rep.warn(where, f"{c}: no unit")
        if "direction" in n and n["direction"] not in (1, -1):
            rep.err(where, f"{c}: direction must be 1 or -1")
        w = n.get("weight")
        if w is not None and (not isinstance(w, (int, float)) or not math.isfinite(w) or w < 0):
            rep.err(where, f"{c}: bad weight {w}")
        g = n.get("goalposts")
        if g is not None and not (g.get("low") is not None and g.get("high") is not None and g["low"] < g["high"]):
            rep.err(where, f"{c}: goalposts need low < high")
        if "per" in n and not (n["per"] > 0):
            rep.err(where, f"{c}: per must be positive")
    children = defaultdict(list)
    roots = []
    for c, n in by.items():
        role = n.get("role", "indicator")
        p = n.get("parent")
        if role == "context":
            if p:
                rep.err(where, f"context node {c} has a parent")
            continue
        if p is None:
            if role == "indicator":
                rep.err(where, f"indicator {c} has no parent")
            else:
                roots.append(c)
            continue
        if p not in by:
            rep.err(where, f"{c}: unknown parent {p}")
        elif by[p].get("role", "indicator") != "aggregate":
            rep.err(where, f"{c}: parent {p} is not an aggregate")
        else:
            children[p].append(c)
        if n.get("weight") is None:
            rep.err(where, f"{c}: no explicit weight (it would be read as 0)")
        d = n.get("denominator")
        if d and d not in by:
            rep.err(where, f"{c}: unknown denominator {d}")
    if len(roots) != 1:
        rep.err(where, f"expected exactly one index (aggregate without parent), found {roots}")
    for c, n in by.items():
        if n.get("role") == "aggregate":
            if not children[c]:
                rep.err(where, f"aggregate {c} has no children")
            elif all((by[k].get("weight") or 0) == 0 for k in children[c]):
                rep.err(where, f"all weights under {c} are zero")
    # cycles
    for c in by:
        seen, cur = set(), c
        while cur is not None and cur in by:
            if cur in seen:
                rep.err(where, f"cycle through {c}")
                break
            seen.add(cur)
            cur = by[cur].get("parent")
    return by


def check_dataset(folder: Path, rep: Report) -> dict:
    w = str(folder.relative_to(REPO))
    nodes = check_framework(folder / "framework.toml", rep)
    for f in ("units.csv", "values.csv", "sources.csv"):
        if not (folder / f).exists():
            rep.err(w, f"missing {f}")
            return {}
    uh, units = read_csv(folder / "units.csv")
    if uh[:5] != ["code", "name_en", "name_zh", "kind", "benchmark"]:
        rep.err(f"{w}/units.csv", f"header must start with code,name_en,name_zh,kind,benchmark (got {uh[:5]})")
    ucodes = Counter(u["code"] for u in units)
    for c, k in ucodes.items():
        if k > 1:
            rep.err(f"{w}/units.csv", f"duplicate unit {c}")
    for u in units:
        if u["kind"] not in KINDS:
            rep.err(f"{w}/units.csv", f"{u['code']}: bad kind {u['kind']}")
        if u["benchmark"] not in ("true", "false", ""):
            rep.err(f"{w}/units.csv", f"{u['code']}: benchmark must be true/false")
        if not u["name_zh"]:
            rep.err(f"{w}/units.csv", f"{u['code']}: no name_zh")
    sh, sources = read_csv(folder / "sources.csv")
    if sh != SOURCE_COLUMNS:
        rep.err(f"{w}/sources.csv", f"header must be {','.join(SOURCE_COLUMNS)}")
    sids = Counter(s["id"] for s in sources)
    for s, k in sids.items():
        if k > 1:
            rep.err(f"{w}/sources.csv", f"duplicate source id {s}")
    for s in sources:
        if not s["citation"]:
            rep.err(f"{w}/sources.csv", f"{s['id']}: empty citation")
        if not (s["url"] or s["repository"] or s["id"].startswith("govgap_")):
            rep.err(f"{w}/sources.csv", f"{s['id']}: neither url nor repository")
    vh, values = read_csv(folder / "values.csv")
    if vh[:6] != VALUE_COLUMNS:
        rep.err(f"{w}/values.csv", f"header must start with {','.join(VALUE_COLUMNS)}")
    keys = Counter()
    used_nodes, used_sources = Counter(), set()
    for i, v in enumerate(values, start=2):
        where = f"{w}/values.csv:{i}"
        if v["unit"] not in ucodes:
            rep.err(where, f"unknown unit {v['unit']}")
        n = nodes.get(v["indicator"])
        if n is None:
            rep.err(where, f"unknown indicator {v['indicator']}")
        elif n.get("role") == "aggregate":
            rep.err(where, f"{v['indicator']} is an aggregate; aggregates are computed, not supplied")
        try:
            int(v["year"])
        except ValueError:
            rep.err(where, f"year {v['year']!r} is not an integer")
        try:
            x = float(v["value"])
            if not math.isfinite(x):
                rep.err(where, "value is not finite")
            elif n is not None and n.get("goalposts"):
                g = n["goalposts"]
                if not (g["low"] <= x <= g["high"]):
                    rep.warn(where, f"{v['indicator']}={x} outside goalposts {g['low']}..{g['high']}")
        except ValueError:
            rep.err(where, f"value {v['value']!r} is not a number")
        if v["source"] not in sids:
            rep.err(where, f"source {v['source']} not in sources.csv")
        used_sources.add(v["source"])
        if v["quality"] not in QUALITIES:
            rep.err(where, f"bad quality {v['quality']}")
        if v["quality"] == "derived" and not v.get("note"):
            rep.err(where, "derived value without a formula in its note")
        k = (v["unit"], v["year"], v["indicator"])
        keys[k] += 1
        if keys[k] == 2:
            rep.err(where, f"duplicate value for {k}")
        used_nodes[v["indicator"]] += 1
    for c, n in nodes.items():
        if n.get("role", "indicator") != "aggregate" and used_nodes[c] == 0:
            rep.err(f"{w}/framework.toml", f"{c} has no value at all")
    notes_text = " ".join(v.get("note", "") for v in values)
    for s in sids:
        if s in notes_text and s not in used_sources:
            continue  # cited in a note (e.g. a corroborating report)
        if s not in used_sources:
            rep.warn(f"{w}/sources.csv", f"source {s} is not used by any value")
    derived_sources = {s["id"]: s for s in sources}
    for v in values:
        if v["quality"] == "derived" and not derived_sources.get(v["source"], {}).get("notes"):
            rep.err(f"{w}/sources.csv", f"{v['source']}: source of derived values must name formulas in notes")
    return {"units": units, "values": values, "nodes": nodes, "sources": sources}


# ---- geometry -------------------------------------------------------------------------------------


def rings_of(geom: dict) -> list[list[tuple]]:
    polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
    return [[tuple(p) for p in ring] for poly in polys for ring in poly]


def edges(geo: dict, key: str) -> dict[str, set]:
    out = {}
    for f in geo["features"]:
        es = set()
        for ring in rings_of(f["geometry"]):
            for a, b in zip(ring, ring[1:]):
                es.add(frozenset((a, b)))
        out[f["properties"][key]] = es
    return out


def adjacency(geo: dict, key: str) -> set:
    e = edges(geo, key)
    codes = sorted(e)
    return {(a, b) for i, a in enumerate(codes) for b in codes[i + 1:] if e[a] & e[b]}


def folds_back(a, b, c, d) -> bool:
    """Two segments sharing one endpoint overlap if they are collinear and leave it in the same direction."""
    s = ({a, b} & {c, d}).pop()
    p = b if a == s else a
    q = d if c == s else c
    cross = (p[0] - s[0]) * (q[1] - s[1]) - (p[1] - s[1]) * (q[0] - s[0])
    dot = (p[0] - s[0]) * (q[0] - s[0]) + (p[1] - s[1]) * (q[1] - s[1])
    return abs(cross) <= 1e-15 and dot > 0


def crossings(geo: dict) -> list:
    """Proper crossings between any two segments of all rings (shared endpoints are allowed)."""
    segs = []
    for f in geo["features"]:
        for ring in rings_of(f["geometry"]):
            for a, b in zip(ring, ring[1:]):
                if a != b:
                    segs.append((a, b, f["properties"]["code"]))
    cell = 0.05
    grid = defaultdict(list)
    for i, (a, b, _) in enumerate(segs):
        for gx in range(int(math.floor(min(a[0], b[0]) / cell)), int(math.floor(max(a[0], b[0]) / cell)) + 1):
            for gy in range(int(math.floor(min(a[1], b[1]) / cell)), int(math.floor(max(a[1], b[1]) / cell)) + 1):
                grid[(gx, gy)].append(i)

    def orient(p, q, r):
        v = (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
        return (v > 1e-15) - (v < -1e-15)

    found, seen = [], set()
    for ids in grid.values():
        for x in range(len(ids)):
            for y in range(x + 1, len(ids)):
                i, j = ids[x], ids[y]
                if (i, j) in seen:
                    continue
                seen.add((i, j))
                a, b, ca = segs[i]
                c, d, cb = segs[j]
                if len({a, b} & {c, d}):
                    # touching at a shared vertex is fine; two segments folding back over each other are not
                    if {a, b} != {c, d} and folds_back(a, b, c, d):
                        found.append((ca, cb, a, b, c, d))
                    continue
                o1, o2, o3, o4 = orient(a, b, c), orient(a, b, d), orient(c, d, a), orient(c, d, b)
                if o1 * o2 < 0 and o3 * o4 < 0:
                    found.append((ca, cb, a, b, c, d))
    return found


def check_geojson(path: Path, units: dict, rep: Report, sources_dir: Path | None) -> None:
    w = str(path.relative_to(REPO))
    size = path.stat().st_size
    if size > 80 * 1024:
        rep.err(w, f"{size} bytes, above the ~80 KB budget")
    geo = json.loads(path.read_text("utf-8"))
    codes = [f["properties"].get("code") for f in geo["features"]]
    if sorted(codes) != sorted(PREFECTURES):
        rep.err(w, f"feature codes {sorted(codes)} are not the 13 prefectures")
    for f in geo["features"]:
        p = f["properties"]
        if set(p) != {"code", "name_zh", "name_en"}:
            rep.err(w, f"{p.get('code')}: properties must be code, name_zh, name_en")
        if p.get("code") in units and (units[p["code"]]["name_zh"] != p["name_zh"] or units[p["code"]]["name_en"] != p["name_en"]):
            rep.err(w, f"{p['code']}: names differ from units.csv")
        for ring in rings_of(f["geometry"]):
            if ring[0] != ring[-1] or len(ring) < 4:
                rep.err(w, f"{p.get('code')}: ring not closed or too short")
    adj = adjacency(geo, "code")
    if ("230100", "231200") not in adj:
        rep.err(w, "Harbin (230100) and Suihua (231200) no longer share a border")
    if ("230100", "231100") in adj:
        rep.err(w, "Harbin (230100) and Heihe (231100) share a border, which they should not")
    x = crossings(geo)
    if x:
        rep.err(w, f"{len(x)} crossing or overlapping segments, e.g. {x[:3]}")
    if sources_dir is not None:
        src = sources_dir / "geometry" / "heilongjiang_prefectures.geojson"
        if src.exists():
            sadj = adjacency(json.loads(src.read_text("utf-8")), "city_code")
            if sadj != adj:
                rep.err(w, f"adjacency differs from the source: lost {sorted(sadj - adj)}, gained {sorted(adj - sadj)}")
    rep.geo_summary = f"{len(geo['features'])} features, {size} bytes, {len(adj)} neighbour pairs"


# ---- dataset-specific checks ---------------------------------------------------------------------


def check_heilongjiang(d: dict, rep: Report, sources_dir: Path | None) -> None:
    w = "data/heilongjiang/units.csv"
    units = {u["code"]: u for u in d["units"]}
    for c, en in PREFECTURES.items():
        u = units.get(c)
        if u is None:
            rep.err(w, f"prefecture {c} ({en}) missing")
            continue
        if u["kind"] != "prefecture" or u["name_en"] != en:
            rep.err(w, f"{c}: expected kind prefecture and name {en}")
        if u.get("group") not in ("central", "coal", "ecological"):
            rep.err(w, f"{c}: group must be central, coal or ecological")
        if u["benchmark"] == "true":
            rep.err(w, f"{c}: a prefecture is not a benchmark")
    n_pref = sum(1 for u in d["units"] if u["kind"] == "prefecture")
    if n_pref != 13:
        rep.err(w, f"{n_pref} prefectures, expected 13")
    for c, kind in BENCHMARKS.items():
        u = units.get(c)
        if u is None or u["benchmark"] != "true":
            rep.err(w, f"benchmark {c} missing or not flagged benchmark=true")
        elif kind and u["kind"] != kind:
            rep.err(w, f"{c}: expected kind {kind}")
        elif c == "310000" and u["kind"] not in ("province", "city"):
            rep.err(w, "Shanghai must be kind province or city")
    bench = [u["code"] for u in d["units"] if u["benchmark"] == "true"]
    if sorted(bench) != sorted(BENCHMARKS):
        rep.err(w, f"benchmarks are {bench}, expected {sorted(BENCHMARKS)}")
    if units.get("230000", {}).get("kind") != "province":
        rep.err(w, "Heilongjiang (230000) missing or not kind province")
    for c in COUNTRIES:
        if units.get(c, {}).get("kind") != "country":
            rep.err(w, f"country {c} missing or not kind country")
    check_geojson(DATA / "heilongjiang" / "prefectures.geojson", units, rep, sources_dir)


def check_china_census(d: dict, rep: Report) -> None:
    w = "data/china_census"
    if len(d["units"]) != 369:
        rep.err(w, f"{len(d['units'])} units, expected 369")
    for u in d["units"]:
        if not u.get("province"):
            rep.err(w, f"{u['code']}: no province group")
    lic = DATA / "china_census" / "LICENSE-census.txt"
    if not lic.exists() or "MIT License" not in lic.read_text("utf-8") or "Lei Dong" not in lic.read_text("utf-8"):
        rep.err(w, "LICENSE-census.txt with the MIT notice is required")


def check_losi(rep: Report, hlj_units: set) -> dict:
    w = "data/losi"
    h, items = read_csv(DATA / "losi" / "items.csv")
    need = ["item", "criterion", "criterion_en", "criterion_zh", "un_code", "short_name_en", "short_name_zh", "look_for"]
    if h[: len(need)] != need:
        rep.err(f"{w}/items.csv", f"header must start with {','.join(need)}")
    ids = Counter(i["item"] for i in items)
    if len(items) != 95 or len(ids) != 95:
        rep.err(f"{w}/items.csv", f"{len(items)} rows / {len(ids)} unique items, expected 95")
    per = Counter(i["criterion"] for i in items)
    expect = {"IF": 6, "CP": 30, "SP": 22, "PE": 15, "EL": 10, "TE": 12}
    if dict(per) != expect:
        rep.err(f"{w}/items.csv", f"items per criterion {dict(per)}, expected {expect}")
    for i in items:
        if not all(i[k] for k in need):
            rep.err(f"{w}/items.csv", f"{i['item']}: empty field")
    ah, arows = read_csv(DATA / "losi" / "assessment.csv")
    if ah != ["unit", "year", "item", "met", "evidence_url", "assessor", "date"]:
        rep.err(f"{w}/assessment.csv", "header must be unit,year,item,met,evidence_url,assessor,date")
    seen = Counter()
    for n, r in enumerate(arows, start=2):
        where = f"{w}/assessment.csv:{n}"
        if r["unit"] not in hlj_units:
            rep.err(where, f"unknown unit {r['unit']}")
        if r["item"] not in ids:
            rep.err(where, f"unknown item {r['item']}")
        if r["met"] not in ("0", "1"):
            rep.err(where, "met must be 0 or 1")
        if not r["year"].isdigit():
            rep.err(where, "year must be an integer")
        seen[(r["unit"], r["year"], r["item"])] += 1
        if seen[(r["unit"], r["year"], r["item"])] == 2:
            rep.err(where, "item assessed twice for the same unit and year")
    return {"items": len(items), "assessments": len(arows), "per_criterion": dict(per)}


def check_no_quotes(rep: Report, sources_dir: Path) -> None:
    """No quoted passage from benchmarks/figures.csv (nor the LOSI catalogue's paraphrase) is carried."""
    fig = sources_dir / "benchmarks" / "figures.csv"
    losi = sources_dir / "losi" / "losi_indicators_2024.csv"
    texts = []
    for p in list(DATA.rglob("*.csv")) + list(DATA.rglob("*.toml")) + list(DATA.rglob("*.md")):
        if "tools" not in p.parts or p.name == "losi_item_text.csv":
            texts.append((p, p.read_text("utf-8")))
    passages = []
    if fig.exists():
        passages += [r["quote"] for r in read_csv(fig)[1] if len(r["quote"]) >= 30]
    if losi.exists():
        passages += [r["description_paraphrase"] for r in read_csv(losi)[1] if len(r["description_paraphrase"]) >= 30]
    for q in passages:
        q = q.strip().strip('"')
        # any 30-character window of the passage appearing verbatim counts as copying
        windows = {q[i:i + 30] for i in range(0, max(1, len(q) - 29), 3)}
        for p, t in texts:
            hit = next((x for x in windows if x in t), None)
            if hit:
                rep.err(str(p.relative_to(REPO)), f"contains a passage from the source quotes: {hit!r}")
                break


def main() -> None:
    ap = argparse.ArgumentParser(description="Check data/")
    ap.add_argument("--sources", type=Path, default=DEFAULT_SOURCES)
    args = ap.parse_args()
    sources_dir = args.sources if (args.sources / "README.md").exists() else None
    rep = Report()
    rep.geo_summary = ""
    summary = {}
    for folder in sorted(p.parent for p in DATA.glob("*/framework.toml")):
        d = check_dataset(folder, rep)
        if not d:
            continue
        summary[folder.name] = d
        if folder.name == "heilongjiang":
            check_heilongjiang(d, rep, sources_dir)
        if folder.name == "china_census":
            check_china_census(d, rep)
    if "heilongjiang" not in summary or "china_census" not in summary:
        rep.err("data", "heilongjiang and china_census datasets are required")
    losi = check_losi(rep, {u["code"] for u in summary.get("heilongjiang", {}).get("units", [])})
    if sources_dir is not None:
        check_no_quotes(rep, sources_dir)
    else:
        rep.warn("sources", "source library not found: quote and adjacency-versus-source checks skipped")

    for name, d in summary.items():
        kinds = {u["code"]: u["kind"] for u in d["units"]}
        q = Counter(v["quality"] for v in d["values"])
        k = Counter(kinds.get(v["unit"], "?") for v in d["values"])
        print(f"{name}: {len(d['units'])} units, {len(d['values'])} values; by quality {dict(sorted(q.items()))}; "
              f"by unit kind {dict(sorted(k.items()))}")
    if rep.geo_summary:
        print(f"heilongjiang/prefectures.geojson: {rep.geo_summary}")
    print(f"losi: {losi}")
    for m in rep.warnings:
        print(m)
    for m in rep.errors:
        print(m)
    print(f"{len(rep.errors)} error(s), {len(rep.warnings)} warning(s)")
    sys.exit(1 if rep.errors else 0)


if __name__ == "__main__":
    main()
