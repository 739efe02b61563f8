#!/usr/bin/env python3
"""Build govgap's shipped datasets under data/ from the shared source library.

Reproducible, Python 3.11 standard library only. Reads the source library (default: ../shared/sources
relative to the repository root, i.e. /work/shared/sources) and writes:

  data/heilongjiang/{units,values,sources}.csv, prefectures.geojson
  data/china_census/{units,values,sources}.csv, LICENSE-census.txt
  data/losi/items.csv, assessment.csv (header only, and only if absent or still empty)

framework.toml files, data/README.md and data/losi/scoring.md are hand-written; this script checks
that every indicator it writes exists in the framework and that every framework node gets a value.

Rules (see data/README.md): figures are carried, never invented or filled in; missing stays missing
(no row); every value has a source id resolving in sources.csv and a quality flag (official /
secondary / derived); derived values name their formula in the note. Quoted passages of the source
files are never carried over.

Usage:  python3 data/tools/build_data.py [--sources PATH]
"""
from __future__ import annotations

import argparse
import csv
import json
import math
import re
import shutil
import sys
import tomllib
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlparse

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"
DEFAULT_SOURCES = REPO.parent / "shared" / "sources"

QUALITY_RANK = {"official": 0, "secondary": 1, "derived": 2}

# --------------------------------------------------------------------------------------------
# Units
# --------------------------------------------------------------------------------------------

# The 13 prefectures: English names as in the 2017 report / geometry; Chinese names from the census.
PREFECTURE_CODES = [
    "230100", "230200", "230300", "230400", "230500", "230600", "230700",
    "230800", "230900", "231000", "231100", "231200", "232700",
]

# code, name_en, name_zh, kind, benchmark, country
OTHER_UNITS = [
    ("230000", "Heilongjiang", "黑龙江省", "province", False, "CHN"),
    ("CPH", "Copenhagen", "哥本哈根", "city", True, "DNK"),
    ("SEL", "Seoul", "首尔", "city", True, "KOR"),
    ("NYC", "New York", "纽约", "city", True, "USA"),
    # Shanghai is a province-level municipality: kind "province" (its census, CPS, open-data and
    # Tsinghua figures are all for the province-level unit; its city government is that unit).
    ("310000", "Shanghai", "上海市", "province", True, "CHN"),
    ("440000", "Guangdong", "广东省", "province", True, "CHN"),
    ("330000", "Zhejiang", "浙江省", "province", True, "CHN"),
    ("DNK", "Denmark", "丹麦", "country", False, "DNK"),
    ("KOR", "Republic of Korea", "大韩民国", "country", False, "KOR"),
    ("USA", "United States of America", "美利坚合众国", "country", False, "USA"),
    ("CHN", "China", "中华人民共和国", "country", False, "CHN"),
]

# Entity names used in benchmarks/figures.csv and bulletins -> unit code.
ENTITY = {
    "Harbin": "230100", "Qiqihar": "230200", "Jixi": "230300", "Hegang": "230400",
    "Shuangyashan": "230500", "Daqing": "230600", "Yichun": "230700", "Jiamusi": "230800",
    "Qitaihe": "230900", "Mudanjiang": "231000", "Heihe": "231100", "Suihua": "231200",
    "Da Hinggan Ling": "232700",
    "Heilongjiang": "230000", "Shanghai": "310000", "Zhejiang": "330000", "Guangdong": "440000",
    "Seoul": "SEL", "New York": "NYC", "Copenhagen": "CPH",
    "China": "CHN", "Republic of Korea": "KOR", "Denmark": "DNK",
    "United States of America": "USA",
}

ISO3 = {"Denmark": "DNK", "Republic of Korea": "KOR", "United States of America": "USA", "China": "CHN"}

# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def fmt(x: float) -> str:
    """A number as text without float artefacts (72.900000000000006 -> 72.9)."""
    if isinstance(x, int):
        return str(x)
    if not math.isfinite(x):
        raise ValueError(f"non-finite value {x}")
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return format(x, ".10g")


def num(text: str) -> float | None:
    """Parse a number from a source cell; '-', '--', '' and the like are missing."""
    if text is None:
        return None
    t = str(text).strip().replace(",", "")
    if t in ("", "-", "--", "—", "NA", "NaN", "nan"):
        return None
    v = float(t)
    if not math.isfinite(v):
        return None
    return v


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def write_csv(path: Path, header: list[str], rows: list[list]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def read_xlsx(path: Path) -> dict[str, list[list]]:
    """Minimal XLSX reader (zipfile + xml): sheet name -> rows of cell texts."""
    ns = {
        "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
        "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    }
    m = "{%s}" % ns["m"]
    z = zipfile.ZipFile(path)
    shared: list[str] = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns):
            shared.append("".join(t.text or "" for t in si.iter(m + "t")))
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels}
    out = {}
    for s in wb.find("m:sheets", ns):
        t = target[s.get("{%s}id" % ns["r"])].lstrip("/")
        t = t if t.startswith("xl/") else "xl/" + t
        rows = []
        for row in ET.fromstring(z.read(t)).iter(m + "row"):
            cells = {}
            for c in row.findall("m:c", ns):
                col = 0
                for ch in re.match(r"[A-Z]+", c.get("r")).group():
                    col = col * 26 + ord(ch) - 64
                v = c.find("m:v", ns)
                if c.get("t") == "s" and v is not None:
                    val = shared[int(v.text)]
                elif c.get("t") == "inlineStr":
                    val = "".join(x.text or "" for x in c.iter(m + "t"))
                else:
                    val = v.text if v is not None else None
                cells[col - 1] = val
            if cells:
                rows.append([cells.get(i) for i in range(max(cells) + 1)])
        out[s.get("name")] = rows
    return out


# --------------------------------------------------------------------------------------------
# Sources registry
# --------------------------------------------------------------------------------------------

SOURCE_COLUMNS = ["id", "citation", "publisher", "year", "url", "repository", "path", "commit", "licence", "notes"]

PRESS_LICENCE = "not stated; a single figure is cited as a fact, no text reproduced"

# Press and web pages cited per value (benchmarks/figures.csv, bulletins/bulletin_figures.csv).
# url -> (id, citation, publisher, year of publication where the URL shows it, else empty). A URL used by a value but missing here stops the build,
# so that every new figure gets a proper citation.
WEB = {
    "https://nonews.co/directory/lists/cities/city-services-rating": (
        "web_nonews_losi2018", "Russian-language transcription of the UN LOSI 2018 city table (rank, criterion counts, total)",
        "nonews.co", ""),
    "https://ict.moscow/en/research/2018-un-e-government-survey/": (
        "web_ictmoscow_losi2018", "Report on the 2018 UN E-Government Survey local (LOSI) results",
        "ICT.Moscow", ""),
    "http://www.queen.co.kr/news/articleView.html?idxno=381322": (
        "web_queen_losi2022", "Korean press report on Seoul's results in the UN LOSI (2018, 2020, 2022 editions)",
        "Queen (queen.co.kr)", ""),
    "https://globaltimes.cn/page/202007/1194645.shtml": (
        "web_globaltimes_losi2020", "Press report on Shanghai's rank in LOSI 2020",
        "Global Times", "2020"),
    "http://www.szab.net/article-173642.html": (
        "web_szab_losi2020", "Chinese press report of the UN 2020 city e-government (LOSI) ranking",
        "szab.net", ""),
    "https://cphpost.dk/2022-09-29/news/denmark-are-world-leaders-in-digital-infrastructure/": (
        "web_cphpost_losi2022", "Press report on Copenhagen's LOSI 2022 overall and criterion ranks",
        "The Copenhagen Post", "2022"),
    "https://pglfmc.com/latest_news/dubai-ranks-among-top-five-in-the-world-for-digital-govt-services-sheikh-hamdan-us-pioneer-global-vc-dubaihq-riyadh-uae-norway-swiss-our-mind": (
        "web_pglfmc_losi2022", "News item on the LOSI 2022 top cities (corroborates Copenhagen 4th)",
        "pglfmc.com", ""),
    "https://rus.postimees.ee/8102250/luchshie-v-mire-naravne-s-madridom-tallinn-zanyal-pervoe-mesto-v-reytinge-oon": (
        "web_postimees_losi2024", "Estonian (Russian-language) press report listing the LOSI 2024 top ten cities",
        "Postimees", ""),
    "http://herstory.hani.co.kr/arti/area/area_general/115066.html": (
        "web_hani_rutgers2005", "Korean press report of the 2005 Rutgers/SKKU Digital Governance in Municipalities Worldwide survey",
        "Hankyoreh (hani.co.kr)", ""),
    "https://sedaily.com/NewsView/1HNT9Y8AFJ": (
        "web_sedaily_rutgers2007", "Korean press report of the 2007 Rutgers/SKKU municipal digital governance survey",
        "Seoul Economic Daily", ""),
    "https://m.etnews.com/20140922000389": (
        "web_etnews_rutgers2012", "Korean press report citing Seoul's score in the 2012 Rutgers/SKKU survey",
        "Electronic Times (etnews)", "2014"),
    "http://tech.sina.com.cn/i/2006-07-04/07321019452.shtml": (
        "web_sina_unpan2005", "Chinese press report of a 2005 world city government website evaluation published by UNPAN",
        "Sina Tech", "2006"),
    "http://nbjxdz.net.cn/politics/2020-07/11/c_1126224671.htm": (
        "web_nbjxdz_egdi2020", "Chinese press report (mirror of a Xinhua item) on China's results in the UN E-Government Survey 2020",
        "nbjxdz.net.cn", "2020"),
    "http://epaper.jyrb.cn/pc/con/202212/29/c_92137.html": (
        "web_jyrb_egdi2022", "Chinese newspaper item on China's EGDI 2022",
        "jyrb.cn e-paper", "2022"),
    "https://webeconomy.co.kr/news/article.html?no=1017999": (
        "web_webeconomy_egdi2024", "Korean press report on Korea's results in the UN E-Government Survey 2024",
        "webeconomy.co.kr", ""),
    "https://computerworld.dk/art/288834/danmark-er-verdensmester-i-offentlig-digitalisering-for-fjerde-gang-i-streg-se-hele-listen-her": (
        "web_computerworld_egdi2024", "Danish press report on Denmark's rank in the UN E-Government Survey 2024",
        "Computerworld Denmark", ""),
    "https://kuaihz.com/tid6/tid77_1390422.html": (
        "web_kuaihz_cps2020", "Mirror of the 2020 national online government service capability assessment tables (provinces and 32 key cities, 2019 data; assessment by the CPS e-government research centre)",
        "kuaihz.com", ""),
    "https://big5.cri.cn/gate/big5/hlj.cri.cn/2019-04-19/a40ca704-5def-330c-8c54-3b429170611d.html": (
        "web_cri_harbin2019", "Press report on Harbin's online government services (2018 key-city rank, items available online)",
        "China Radio International, Heilongjiang channel", "2019"),
    "http://epaper.hljnews.cn/hljrb/pc/con/202209/09/content_104377.html": (
        "web_hljrb_harbin2022", "Heilongjiang Daily report on Harbin's integrated online government services (ranks, items, registered users)",
        "Heilongjiang Daily", "2022"),
    "https://bbbdzs.com/www/gzjg/zwfwsjglj/szzf/content/post_5395399": (
        "web_bbbdzs_cps2021", "Republication of the 2021 provincial integrated online government service capability results",
        "bbbdzs.com", ""),
    "http://gd.ifeng.com/a/20170723/5845465_0.shtml": (
        "web_ifeng_cps2017", "Press report of the 2017 provincial online government service capability blue book (2016 data)",
        "ifeng.com Guangdong", "2017"),
    "https://hlj.cri.cn/2018-06-25/c286f2a9-8936-6751-ef34-d91b193bcb3f.html": (
        "web_cri_harbin_opendata2018", "Press report on Harbin's open government data platform (Fudan 2018 ranking, catalogues, records, departments)",
        "China Radio International, Heilongjiang channel", "2018"),
    "http://0514f.cn/c/2019-05-25/2351869.shtml": (
        "web_0514f_odi2019", "Press report of the 2019 China Open Data Index provincial ranking",
        "0514f.cn", "2019"),
    "http://www.hrbdsj.org.cn/art/2023/1/10/art_29512_1350301.html": (
        "web_hrbdsj_odi2022", "Harbin big-data body's news item on the 2022 China Open Data Index",
        "hrbdsj.org.cn", "2023"),
    "http://soolun.net/periodical/13edbd66dac22eba665beeb8cdb315cb.html": (
        "web_soolun_dgdi2020", "Journal abstract page on the Tsinghua digital government development index 2020 (provincial ranks and sub-scores)",
        "soolun.net", ""),
    "http://hz.baitongwang.com/yangxian/2023/0619/28806.html": (
        "web_baitong_dgdi2022", "Press report of the Tsinghua digital government development index 2022 provincial ranking",
        "baitongwang.com", "2023"),
    "http://news.sohu.com/20070112/n247572315.shtml": (
        "web_sohu_govweb2006", "Press report of the 2006 Chinese government website performance evaluation",
        "Sohu News", "2007"),
    "https://chinaservicesinfo.com/s/202305/11/WS645dfc5f498ea274927ba75a/authorities-give-update-on-shanghai-e-governance-platform.html": (
        "web_csi_shanghai2023", "Report on Shanghai's Government Online-Offline platform (2022 satisfaction and share of services)",
        "chinaservicesinfo.com", "2023"),
    "https://hlj.cri.cn/2021-06-03/666d464c-bcbc-46c7-b588-152dc1a5e7fb.html": (
        "web_cri_harbin5g2021", "Press report on Harbin's 5G construction",
        "China Radio International, Heilongjiang channel", "2021"),
    "https://heilongjiang.big5.dbw.cn/system/2024/07/24/059344984.shtml": (
        "web_dbw_daqing2024", "Northeast Net report on Daqing's digital infrastructure (5G, bandwidth)",
        "Northeast Net (dbw.cn)", "2024"),
    "https://heilongjiang.big5.dbw.cn/system/2022/05/25/058897473.shtml": (
        "web_dbw_daqing2022", "Northeast Net report on Daqing's online government services",
        "Northeast Net (dbw.cn)", "2022"),
    "https://fx361.cc/page/2020/1126/15169081.shtml": (
        "web_fx361_qiqihar2020", "Journal article on Qiqihar's digital government (H1 2020 rates, big-data platform)",
        "fx361.cc", "2020"),
    "http://m.topoint.com.cn/tongxin/20220908/0821554.html": (
        "web_topoint_mudanjiang2022", "Press report on Mudanjiang's 5G network",
        "topoint.com.cn", "2022"),
    "http://heilongjiang.dbw.cn/system/2007/09/21/050987272.shtml": (
        "web_dbw_harbin2007", "Northeast Net report on Harbin's 2007 government website evaluation",
        "Northeast Net (dbw.cn)", "2007"),
    "http://buz-visq.com/tech/2022/0507/12969.html": (
        "web_buzvisq_hlj5g2022", "Press item on the number of 5G base stations in Heilongjiang",
        "buz-visq.com", "2022"),
    "https://twhosting.com/there-are-more-than-28-million-internet-users-in-the-province-with-the-majority-of-people-under-the-age-of-30-with-a-monthly-income-of-1000-20-yuan/": (
        "web_twhosting_hlj2019", "English machine translation of a report on Heilongjiang's internet development (2019 users and penetration)",
        "twhosting.com", ""),
    "http://epaper.hljnews.cn/hljrb/20170908/301844.html": (
        "web_hljrb_telecom2017", "Heilongjiang Daily report on the province's telecom infrastructure (June 2017)",
        "Heilongjiang Daily", "2017"),
    "http://www.cctime.com/html/2019-1-4/1428414.htm": (
        "web_cctime_hlj2019", "Telecom trade press report on Heilongjiang's 2018 village fibre coverage",
        "cctime.com", "2019"),
    # statistical bulletins (bulletins/bulletin_figures.csv)
    "http://m.xiaomonv0755.com/tjgb/08hlj/36606.html": (
        "blt_jixi_2020", "Jixi 2020 statistical bulletin on the national economy and social development (mirror)",
        "Jixi Municipal Bureau of Statistics (mirror at xiaomonv0755.com)", ""),
    "https://www.askci.com/news/data/hongguan/20220318/0923111746276.shtml": (
        "blt_hlj_2021", "Heilongjiang 2021 statistical bulletin on the national economy and social development (reprint)",
        "Heilongjiang Provincial Bureau of Statistics (reprint at askci.com)", "2022"),
    "http://www.tjcn.org/tjgb/08hlj/36604.html": (
        "blt_harbin_2020", "Harbin 2020 statistical bulletin on the national economy and social development (mirror)",
        "Harbin Municipal Bureau of Statistics (mirror at tjcn.org)", ""),
    "https://hlj.gov.cn/hlj/c110601/list_left_tt.shtml": (
        "blt_hlj_2022", "Heilongjiang 2022 statistical bulletin on the national economy and social development",
        "Heilongjiang Provincial People's Government (hlj.gov.cn)", ""),
    "https://big5.askci.com/news/data/hongguan/20230323/110714267954081401681417.shtml": (
        "blt_hlj_2022_pop", "Heilongjiang 2022 statistical bulletin, population section (reprint)",
        "Heilongjiang Provincial Bureau of Statistics (reprint at askci.com)", "2023"),
    "http://www.xiaomonv0755.com/tjgb/08hlj/36916.html": (
        "blt_shuangyashan_2020", "Shuangyashan 2020 statistical bulletin on the national economy and social development (mirror)",
        "Shuangyashan Municipal Bureau of Statistics (mirror at xiaomonv0755.com)", ""),
    "http://zhishi5.com/redianxinwen/202303/291943.html": (
        "blt_zhejiang_2022", "Zhejiang 2022 statistical bulletin on the national economy and social development (reprint)",
        "Zhejiang Provincial Bureau of Statistics (reprint at zhishi5.com)", "2023"),
    "http://www.xiaomonv0755.com/tjgb/11zj/37664.html": (
        "blt_zhejiang_2023_mirror", "Zhejiang 2023 statistical bulletin on the national economy and social development (mirror)",
        "Zhejiang Provincial Bureau of Statistics (mirror at xiaomonv0755.com)", ""),
    "http://zjzd.stats.gov.cn/zwgk/xxgkml/tjxx/tjgb/202403/t20240304_110816.html": (
        "blt_zhejiang_2023", "Zhejiang 2023 statistical bulletin on the national economy and social development",
        "Zhejiang Provincial Bureau of Statistics (stats.gov.cn)", "2024"),
    "http://big5.china.com.cn/gate/big5/house.china.com.cn/2131770.htm": (
        "blt_shanghai_2022", "Shanghai 2022 GDP figures from the statistical release (reprint)",
        "Shanghai Municipal Bureau of Statistics (reprint at china.com.cn)", ""),
    "http://my67778.com/news/data/hongguan/20240402/165705271204822560653768.shtml": (
        "blt_guangdong_2023", "Guangdong 2023 statistical bulletin on the national economy and social development (reprint)",
        "Guangdong Provincial Bureau of Statistics (reprint)", "2024"),
    "https://www.hongheiku.com/?p=2456": (
        "blt_shuangyashan_2021_2022", "City data page quoting the Shuangyashan 2021 and 2022 statistical bulletins (population)",
        "hongheiku.com", ""),
}


class Sources:
    def __init__(self) -> None:
        self.rows: dict[str, dict] = {}
        self.used: set[str] = set()

    def add(self, id_: str, **kw) -> str:
        row = {c: "" for c in SOURCE_COLUMNS}
        row["id"] = id_
        row.update({k: str(v) for k, v in kw.items()})
        if id_ in self.rows and self.rows[id_] != row:
            raise SystemExit(f"source id {id_} defined twice with different content")
        self.rows[id_] = row
        return id_

    def web(self, url: str, notes: str = "") -> str:
        if url not in WEB:
            raise SystemExit(f"no citation for URL {url!r}: add it to WEB in build_data.py")
        id_, citation, publisher, year = WEB[url]
        if id_ not in self.rows:
            self.add(id_, citation=citation, publisher=publisher, year=year, url=url,
                     licence=PRESS_LICENCE, notes=notes)
        return id_

    def table(self, used_only: bool = True) -> list[list]:
        ids = [i for i in self.rows if (i in self.used or not used_only)]
        return [[self.rows[i][c] for c in SOURCE_COLUMNS] for i in sorted(ids)]


# --------------------------------------------------------------------------------------------
# Values collector: one row per (unit, year, indicator), best quality wins, conflicts reported
# --------------------------------------------------------------------------------------------


class Values:
    def __init__(self) -> None:
        self.cands: dict[tuple, list[dict]] = defaultdict(list)
        self.order: list[tuple] = []
        self.log: list[str] = []

    def add(self, unit, year, ind, value, source, quality, note=""):
        if value is None:
            return
        if quality not in QUALITY_RANK:
            raise SystemExit(f"bad quality {quality}")
        key = (unit, int(year), ind)
        if key not in self.cands:
            self.order.append(key)
        self.cands[key].append(dict(value=float(value), source=source, quality=quality, note=note))

    def resolve(self, sources: Sources) -> list[list]:
        rows = []
        for key in self.order:
            cs = sorted(self.cands[key], key=lambda c: QUALITY_RANK[c["quality"]])  # stable
            best = cs[0]
            note = best["note"]
            others = []
            for c in cs[1:]:
                if c["source"] == best["source"] and c["value"] == best["value"]:
                    continue
                if abs(c["value"] - best["value"]) > 1e-9 * max(1.0, abs(best["value"])):
                    if QUALITY_RANK[c["quality"]] == QUALITY_RANK[best["quality"]]:
                        raise SystemExit(f"conflicting values for {key}: {best} vs {c}")
                    self.log.append(f"{key}: kept {best['quality']} {fmt(best['value'])} ({best['source']}), "
                                    f"dropped {c['quality']} {fmt(c['value'])} ({c['source']})")
                    others.append(f"{c['source']} gives {fmt(c['value'])}")
                else:
                    others.append(f"corroborated by {c['source']}")
                    self.log.append(f"{key}: duplicate of {best['source']} from {c['source']} (same value)")
            if others:
                note = "; ".join([n for n in [note] if n] + sorted(set(others)))
            sources.used.add(best["source"])
            for c in cs[1:]:
                if f"{c['source']}" in note:
                    sources.used.add(c["source"])
            rows.append([key[0], key[1], key[2], fmt(best["value"]), best["source"], best["quality"], note])
        rows.sort(key=lambda r: (r[2], r[0], r[1]))
        return rows


# --------------------------------------------------------------------------------------------
# Census
# --------------------------------------------------------------------------------------------

CENSUS_COUNTS = [("pop_total", "popu_"), ("pop_urban", "popu_urban_"), ("pop_rural", "popu_rural_")]
CENSUS_SHARES = [("age_0_14", "age_0_14_"), ("age_15_59", "age_15_59_"), ("age_60p", "age_60_"), ("age_65p", "age_65_")]
CENSUS_OTHER = [("hh_size", "household_"), ("sex_ratio", "male_female_")]
YEARS = (2010, 2020)


def census_source(src: Sources, extra: str = "") -> str:
    return src.add(
        "census_dong2022",
        citation="Lei Dong, Rui Du, Yu Liu (2022). Mapping Evolving Population Geography in China. Data: census_city_2010-2020_v1.csv (2010 and 2020 population census indicators for 369 prefecture-level units)",
        publisher="Lei Dong, Rui Du, Yu Liu (from National Bureau of Statistics of China census bulletins)",
        year="2022",
        url="https://github.com/leiii/census",
        repository="leiii/census",
        path="data/census/census_city_2010-2020_v1.csv",
        commit="6951cc46e58bad3e1f50bc1b73a838aefcd1d437",
        licence="MIT (Copyright (c) 2022 Lei Dong); notice kept in data/china_census/LICENSE-census.txt",
        notes="V1 release. 2020 figures from the 7th-census local bulletins; 2010 figures on 2020 boundaries. "
              "Flagged official (census figures). The Da Hinggan Ling unit includes Jiagedaqi and Songling." + extra,
    )


def derived_source(src: Sources) -> str:
    return src.add(
        "govgap_derived",
        citation="Computed by the govgap project from census_dong2022 values (see each value's note)",
        publisher="govgap project",
        licence="MIT notice of census_dong2022 applies to the inputs",
        notes="Formulas: pop_urban_share = 100 * pop_urban / pop_total (per unit; for a province "
              "100 * sum(pop_urban) / sum(pop_total) over its prefectures); province pop_total, pop_urban, "
              "pop_rural = sum over its prefecture-level units; province age shares = sum(pop_total_i * share_i) / "
              "sum(pop_total_i), exact up to the rounding of the published shares because the shares are of "
              "the same resident population. hh_size and sex_ratio are not derived for provinces (household "
              "and male/female counts are not in the source). A province value is derived only when every "
              "one of its prefectures has the inputs.",
    )


def census_unit_values(vals: Values, unit: str, r: dict, src_c: str, src_d: str, note_extra: str = "") -> None:
    for y in YEARS:
        pop = num(r[f"popu_{y}"])
        for ind, col in CENSUS_COUNTS + CENSUS_SHARES + CENSUS_OTHER:
            v = num(r[f"{col}{y}"])
            note = note_extra
            if ind in ("pop_urban", "pop_rural") and v is not None and v != int(v):
                note = "; ".join(x for x in [note_extra, "non-integer in the source"] if x)
            vals.add(unit, y, ind, v, src_c, "official", note)
        urb = num(r[f"popu_urban_{y}"])
        if pop and urb is not None:
            vals.add(unit, y, "pop_urban_share", round(100.0 * urb / pop, 4), src_d, "derived",
                     "100 * pop_urban / pop_total (census counts), rounded to 4 decimals")


def census_province_values(vals: Values, unit: str, rows: list[dict], src_d: str, name: str) -> None:
    n = len(rows)
    for y in YEARS:
        def col(c):
            xs = [num(r[f"{c}{y}"]) for r in rows]
            return None if any(x is None for x in xs) else xs
        pops = col("popu_")
        for ind, c in CENSUS_COUNTS:
            xs = col(c)
            if xs is not None:
                vals.add(unit, y, ind, round(sum(xs), 3), src_d, "derived",
                         f"sum of {ind} over the {n} prefecture-level units of {name} (census)")
        urb = col("popu_urban_")
        if pops and urb:
            vals.add(unit, y, "pop_urban_share", round(100.0 * sum(urb) / sum(pops), 4), src_d, "derived",
                     f"100 * sum(pop_urban) / sum(pop_total) over the {n} prefecture-level units of {name}, rounded to 4 decimals")
        for ind, c in CENSUS_SHARES:
            xs = col(c)
            if pops and xs:
                v = sum(p * s for p, s in zip(pops, xs)) / sum(pops)
                vals.add(unit, y, ind, round(v, 4), src_d, "derived",
                         f"population-weighted mean of the {n} prefecture shares: sum(pop_total_i * {ind}_i) / sum(pop_total_i), rounded to 4 decimals")


# --------------------------------------------------------------------------------------------
# Heilongjiang dataset
# --------------------------------------------------------------------------------------------

# benchmarks/figures.csv: indicator label -> (our code, extra note). Anything not here must be in SKIP.
FIG_MAP = {
    "LOSI 2018 rank (40 cities)": ("losi2018_rank", ""),
    "LOSI 2018 rank (40 cities, tied)": ("losi2018_rank", "tied rank"),
    "LOSI rank (Korean press corroboration)": ("losi2018_rank", ""),
    "LOSI 2018 total (indicators met, of 60)": ("losi2018_count60", ""),
    "LOSI 2018 technology": ("losi2018_tech", ""),
    "LOSI 2018 content": ("losi2018_content", ""),
    "LOSI 2018 services": ("losi2018_services", ""),
    "LOSI 2018 participation/engagement": ("losi2018_pe", ""),
    "LOSI 2018 participation/engagement (corroboration)": ("losi2018_pe", ""),
    "LOSI 2020 rank (100 cities)": ("losi2020_rank", ""),
    "LOSI 2020 rank": ("losi2020_rank", ""),
    "LOSI 2022 value": ("losi2022_share", ""),
    "LOSI 2022 rank (tied with Tel Aviv, Toronto, Warsaw)": ("losi2022_rank", "tied rank (with three other cities)"),
    "LOSI 2022 rank": ("losi2022_rank", ""),
    "LOSI 2022 rank (corroboration)": ("losi2022_rank", ""),
    "LOSI 2022 services provision sub-score": ("losi2022_sp_share", ""),
    "LOSI 2022 institutional framework rank": ("losi2022_if_rank", ""),
    "LOSI 2022 content provision rank": ("losi2022_cp_rank", ""),
    "LOSI 2022 services provision rank": ("losi2022_sp_rank", ""),
    "LOSI 2022 participation & engagement rank": ("losi2022_pe_rank", ""),
    "LOSI 2022 technology rank": ("losi2022_tech_rank", ""),
    "LOSI 2024 top-10 membership (exact rank not stated)": ("losi2024_top10", "listed among the top ten; exact rank and value not stated"),
    "Rutgers/SKKU Digital Governance in Municipalities Worldwide score": ("rutgers_dgm_score", ""),
    "UNPAN-published 2005 world government website evaluation rank (81 cities)": ("unpan2005_web_rank", ""),
    "UN EGDI": ("egdi", ""),
    "UN EGDI rank": ("egdi_rank", ""),
    "UN OSI (online service index)": ("egdi_osi", ""),
    "UN OSI rank": ("egdi_osi_rank", ""),
    "online government service capability overall index (CPS e-gov centre, 2020 report)": ("svc_capability_cps", "provincial assessment, 2020 report on 2019 data"),
    "key-city online government service capability overall index": ("svc_capability_cps", "key-city assessment of the same report (32 key cities), 2019 data"),
    "online government service capability rank (as listed)": ("cps_rank_province", "rank as printed in the mirrored table"),
    "provincial online government service capability rank (2017 blue book)": ("cps_rank_province", "2017 blue book, 2016 data"),
    "key-city online government service capability rank (32 key cities)": ("cps_rank_keycity", ""),
    "key-city integrated online government service capability rank": ("cps_rank_keycity", ""),
    "share of listed service items available online": ("svc_online_avail", ""),
    "share of service items available online": ("svc_online_avail", ""),
    "service items handled online (city/county/township/village)": ("svc_items_online", "all levels from city to village"),
    "registered enterprise users of city platform": ("part_users_enterprise", ""),
    "registered individual users of city platform": ("part_users_individual", ""),
    "registered users of government service platform": ("part_users_registered", ""),
    "monthly active users of government service platform": ("part_users_monthly_active", ""),
    "open data platform composite rank among prefecture-level cities (Fudan 2018 report)": ("odi_rank_prefcity", "Fudan 2018 report; prefecture-level cities incl. sub-provincial"),
    "open data catalogues published": ("od_catalogues", ""),
    "departments publishing open data": ("od_departments", ""),
    "open data records": ("od_records", ""),
    "China Open Data Index provincial rank": ("odi_rank_province", ""),
    "China Open Data Index rank among sub-provincial cities": ("odi_rank_subprov", ""),
    "Tsinghua digital government development index rank": ("dgdi_rank_province", ""),
    "Tsinghua DGDI 'organisation' sub-score (tied 1st)": ("dgdi_organisation", "tied first place"),
    "Tsinghua DGDI 'organisation' sub-score": ("dgdi_organisation", ""),
    "Tsinghua DGDI 'institutional system' sub-score": ("dgdi_institutions", ""),
    "government website performance rank among 333 prefecture-level sites": ("govweb_rank_prefcity", ""),
    "user satisfaction rate of Government Online-Offline Shanghai": ("svc_user_satisfaction", "Government Online-Offline Shanghai platform"),
    "share of government services processed through the platform": ("svc_platform_share", "Government Online-Offline Shanghai platform"),
    "5G base stations built in year": ("ctx_5g_built", ""),
    "5G base stations": ("ctx_5g_stations", ""),
    "5G base stations in commercial use (Sep 2022)": ("ctx_5g_stations", "in commercial use, as of September 2022"),
    "5G base stations (as of ~May 2022)": ("ctx_5g_stations", "as of about May 2022"),
    "5G base stations per 10,000 people": ("inf_5g_per10k", "as reported by the city, not computed here"),
    "total network exit bandwidth": ("ctx_exit_bandwidth", ""),
    "share of items fully handled online": ("svc_full_online_avail", "share of items that can be handled fully online"),
    "full-process online availability rate of services (H1 2020)": ("svc_full_online_avail", "first half of 2020"),
    "full-process online actual-handling rate (H1 2020)": ("svc_full_online_actual", "first half of 2020"),
    "records in government big-data platform": ("dat_platform_records", ""),
    "5G terminal users": ("ctx_5g_users", ""),
    "average score of 72 government websites (city evaluation)": ("govweb_avg_score", "mean over the city's 72 government websites"),
    "internet users": ("ctx_internet_users", ""),
    "internet penetration": ("inf_internet_pen", "from an English machine translation of a provincial report"),
    "websites": ("ctx_websites", ""),
    "mobile base stations (Jun 2017)": ("ctx_mobile_base_stations", "as of June 2017"),
    "internet broadband ports (Jun 2017)": ("ctx_broadband_ports", "as of June 2017"),
    "administrative villages with fibre": ("inf_village_fibre", ""),
}

# Rows deliberately not carried, by indicator label -> reason (documented in data/README.md).
FIG_SKIP = {
    "LOSI 2020 level": "category, not a number",
    "first LOSI edition in which assessed": "not a measurement",
    "key-city integrated online government service capability group": "category, not a number",
    "China Open Data Index: leading city of Northeast region": "category, not a number",
    "SASS Open Data Index of Important Global Cities score (3rd edition; year not in excerpt)": "year not stated",
    "Tsinghua DGDI tier": "category, not a number",
    "CSTC digital government service capability stage": "category, not a number",
    "city EGDI rank among 36 major cities (NAGA China city e-gov survey; edition inferred ~2014)": "year not stated (only inferred)",
    "5G base stations planned for year": "plan, not a measurement",
    "5G base stations target (14th FYP ICT plan)": "target, not a measurement",
    "5G user penetration target": "target, not a measurement",
    "gigabit broadband household penetration target": "target, not a measurement",
}

# Lower-bound figures whose value column has no '+' but whose source says "over".
LOWER_BOUND = {("Shanghai", "share of government services processed through the platform")}


def build_figures(vals: Values, src: Sources, sources_dir: Path, skipped: list) -> None:
    rows = read_csv(sources_dir / "benchmarks" / "figures.csv")
    for r in rows:
        ent, label, raw = r["entity"].strip(), r["indicator"].strip(), r["value"].strip()
        if label in FIG_SKIP:
            skipped.append(("figures.csv", ent, r["year"], label, FIG_SKIP[label]))
            continue
        if ent not in ENTITY:
            skipped.append(("figures.csv", ent, r["year"], label, "entity is not a unit of the dataset"))
            continue
        if label not in FIG_MAP:
            raise SystemExit(f"figures.csv: unmapped indicator {label!r} for {ent}: add it to FIG_MAP or FIG_SKIP")
        ind, note = FIG_MAP[label]
        if not r["year"].strip():
            skipped.append(("figures.csv", ent, "", label, "year not stated"))
            continue
        notes = [note] if note else []
        if ind == "losi2024_top10":
            if raw != "top 10":
                raise SystemExit(f"unexpected top-10 value {raw!r}")
            v = 1.0
        else:
            t = raw
            if t.endswith("+"):
                t = t[:-1]
                notes.append("lower bound: the source says 'more than'")
            elif (ent, label) in LOWER_BOUND:
                notes.append("lower bound: the source says 'over'")
            v = float(t)
        sid = src.web(r["source"].strip())
        vals.add(ENTITY[ent], int(r["year"]), ind, v, sid, "secondary", "; ".join(notes))


BULLETIN_IND = {
    "gdp": "gdp", "gdp_growth": "gdp_growth", "gdp_per_capita": "gdp_per_capita",
    "gdp_per_capita_hukou": "gdp_per_capita_hukou", "va_primary": "va_primary",
    "va_secondary": "va_secondary", "va_tertiary": "va_tertiary",
    "resident_pop_yearend": "pop_resident", "hukou_pop_yearend": "pop_hukou",
}
BULLETIN_UNITS = {"亿元": "100 million CNY", "%": "%", "元": "CNY", "万人": "10,000 persons"}


def build_bulletins(vals: Values, src: Sources, sources_dir: Path, skipped: list) -> None:
    """bulletins/bulletin_figures.csv only (bulletin text). secondary_figures.csv is not used."""
    for r in read_csv(sources_dir / "bulletins" / "bulletin_figures.csv"):
        ind = BULLETIN_IND.get(r["indicator"])
        if ind is None:
            raise SystemExit(f"bulletin indicator {r['indicator']!r} not mapped")
        if r["unit"] not in BULLETIN_UNITS:
            raise SystemExit(f"bulletin unit {r['unit']!r} not known")
        unit = r["admin_code"].strip()
        url = r["source_url"].strip()
        host = urlparse(url).hostname or ""
        # official only where the page is the publishing government's own site; mirrors/reprints secondary
        quality = "official" if host.endswith(".gov.cn") or host == "hlj.gov.cn" else "secondary"
        notes = []
        pre = r["preliminary"].strip()
        if pre == "yes":
            notes.append("preliminary figure")
        elif pre == "unclear":
            notes.append("whether preliminary is not stated")
        if ind == "pop_resident":
            notes.append("year-end")
        notes.append(f"bulletin of data year {r['data_year']}")
        sid = src.web(url, notes="official bulletin page" if quality == "official" else
                      "mirror or reprint of the official bulletin: flagged secondary")
        vals.add(unit, int(r["data_year"]), ind, num(r["value"]), sid, quality, "; ".join(notes))
    skipped.append(("secondary_figures.csv", "*", "*", "*", "not used: encyclopedia/news leads, not bulletin text"))


INF_DIMS = [
    ("inf17_network", "network_infrastructure_readiness", "网络基础设施就绪度"),
    ("inf17_environment", "info_dev_environment", "信息化发展环境"),
    ("inf17_application", "application_benefit", "应用效益"),
    ("inf17_industry", "industry_informatization", "产业信息化"),
    ("inf17_composite", "development_index", "发展指数"),
]

# Harbin detail workbook: sheet -> {column header: (indicator, note)}
HARBIN_SHEETS = {
    "第一部分2": {
        "固定宽带普及率（%）": ("inf_fixed_bb_pen", ""),
        "移动宽带普及率（%）": ("inf_mobile_bb_pen", ""),
        "行政村光纤通达率（%）": ("inf_village_fibre", ""),
        "4G网络乡村覆盖率（%）": ("inf_rural_4g", ""),
        "县以上主城区免费WiFi基本覆盖率（%）": ("inf_free_wifi", ""),
    },
    "第三部分1": {"政务服务": ("svc_gov_service_subindex", "")},
    "第三部分3": {
        "社会保障卡普及率（%）": ("svc_social_security_card", ""),
        "电子健康档案城乡居民覆盖率（%）": ("svc_ehealth_records", ""),
    },
    "2015年-2017年哈尔滨市政务服务指数情况表": {
        "基本公共服务事项网上办理率（%）": ("svc_basic_online_rate", ""),
        "政府信息公开上网率（%）": ("od_disclosure_online", ""),
    },
    "2015年-2017年哈尔滨市便民服务指标数据年度 社会保障卡": {
        "当地常住人口数（万人）": ("pop_resident", "as given in the assessment's convenience-services table (denominator of its coverage rates)"),
    },
}


def inf_sources(src: Sources) -> tuple[str, str]:
    common = dict(
        publisher="Unidentified provincial informatization assessment report, as republished in a public data-visualisation repository",
        year="",
        url="https://github.com/Caro-zll/lsdvwiki-Datav",
        repository="Caro-zll/lsdvwiki-Datav",
        commit="579933d488dd74bfd55dc901b405799f6c8b100e",
        licence="none stated",
    )
    a = src.add(
        "hlj_inf2017",
        citation="Heilongjiang city informatization development index 2017: four dimension scores, composite and growth versus 2015 for the 13 prefecture-level cities, with city groups (central / coal / ecological)",
        path="public/data/ (sheet/province.json and data.xlsx; tidied in the source library)",
        notes="Two versions of the environment, application-benefit and composite scores exist in the source "
              "(A: sheet/province.json, B: data.xlsx). Version A is used because it agrees with the Harbin "
              "detail tables (2017 column of Harbin's five-part summary); B is not shipped. The underlying "
              "report is not identified and no licence is stated, so every value is flagged secondary. "
              "Scores are on the report's own scale (can exceed 100).",
        **common,
    )
    b = src.add(
        "hlj_inf2017_harbin",
        citation="Harbin detail tables of the Heilongjiang city informatization assessment, 2015-2017 (dimension scores, government-service sub-index, broadband, connectivity, service coverage, population; 2017 telecom users)",
        path="public/data/ (harbin workbook and sheet/*.json)",
        notes="Carried: the five-part summary (dimension scores 2015-2016; 2017 checked against hlj_inf2017), "
              "fixed and mobile broadband penetration, village fibre, rural 4G, free Wi-Fi, the government-service "
              "sub-index, basic public service items handled online (2017 only; '-' for 2015-2016 stays missing), "
              "information disclosure online rate, social-security card and e-health record coverage, resident "
              "population, Harbin's 2017 mobile and broadband users. Not carried: index-value (指数值) items on "
              "the report's internal scale, commerce, agriculture and network-security items (outside the "
              "framework), and the unlabelled province-level tables whose unit is not stated. Flagged secondary.",
        **common,
    )
    return a, b


def build_informatization(vals: Values, src: Sources, sources_dir: Path, groups: dict) -> None:
    sa, sb = inf_sources(src)
    base = sources_dir / "informatization_2017"
    tidy = read_csv(base / "hlj_city_informatization_index_2017_tidy.csv")
    a2017 = {}
    for r in tidy:
        code = r["city_code"].strip()
        groups[code] = r["report_group"].split()[-1].strip().lower()
        y = int(r["year"])
        for ind, col, _ in INF_DIMS:
            v = num(r["A_" + col])
            a2017[(code, ind)] = v
            vals.add(code, y, ind, v, sa, "secondary", "version A")
        vals.add(code, y, "inf17_growth", num(r["A_growth_pct_vs_2015"]), sa, "secondary", "version A")
    if len(groups) != 13:
        raise SystemExit("expected 13 cities in the informatization table")

    wb = read_xlsx(base / "raw" / "harbin_哈尔滨.xlsx")
    hb = "230100"

    def year_of(cell) -> int:
        return int(re.match(r"\d{4}", str(cell)).group())

    # five-part summary: dimension scores by year (2015-2016 carried; 2017 must equal version A)
    rows = wb["第五部分"]
    head = rows[0]
    for row in rows[1:]:
        y = year_of(row[0])
        for ind, _, zh in INF_DIMS:
            v = num(row[head.index(zh)])
            if y == 2017:
                if abs(v - a2017[(hb, ind)]) > 1e-9:
                    raise SystemExit(f"Harbin 2017 {ind}: detail {v} differs from version A {a2017[(hb, ind)]}")
                continue
            vals.add(hb, y, ind, v, sb, "secondary", "Harbin five-part summary table")
    for sheet, cols in HARBIN_SHEETS.items():
        rows = wb[sheet]
        head = rows[0]
        for row in rows[1:]:
            if not row or row[0] is None or not re.match(r"\d{4}", str(row[0])):
                continue
            y = year_of(row[0])
            for zh, (ind, note) in cols.items():
                vals.add(hb, y, ind, num(row[head.index(zh)]), sb, "secondary", note)
    # cross-check against the JSON copies of the same tables
    js = json.loads((base / "raw" / "sheet" / "2015年_2017年哈尔滨市政务服务指数情况表.json").read_text("utf-8"))
    disclosure = {int(k[:4]): num(v) for k, v in js[1].items() if k[:4].isdigit()}
    for y, v in disclosure.items():
        got = [c for c in vals.cands[(hb, y, "od_disclosure_online")] if c["source"] == sb]
        if not got or got[0]["value"] != v:
            raise SystemExit(f"Harbin disclosure rate {y}: workbook and JSON disagree")
    # 2017 telecom users of the four north-east sub-provincial cities: Harbin only (others are not units)
    rows = wb["2015年-2017年东北四个副省级城市通信业情况"]
    head = rows[0]
    for row in rows[1:]:
        if row[0] == "哈尔滨":
            vals.add(hb, 2017, "ctx_mobile_users", num(row[head.index("2017年移动用户总量（万）")]), sb, "secondary", "")
            vals.add(hb, 2017, "ctx_broadband_users", num(row[head.index("2017年宽带用户总量（万）")]), sb, "secondary", "")


EGDI_FILES = [
    # (file, year, country column, columns: egdi, rank, epi, osi, hci, tii, source id)
    ("unu_egov_egdi-2010.csv", 2010), ("unu_egov_egdi-2012.csv", 2012), ("unu_egov_egdi-2014.csv", 2014),
    ("unu_egov_egdi-2016.csv", 2016), ("unu_egov_egdi-2018.csv", 2018),
]


def egdi_sources(src: Sources) -> dict:
    common_notes = ("Attribute UN DESA (UN E-Government Knowledgebase). Editions are not strictly comparable "
                    "(method changes in 2014 and 2020). The 2020 edition is not in the source library and stays "
                    "missing except China's EGDI, OSI and rank from a press report (flagged secondary).")
    return {
        "unu": src.add("un_egdi_2010_2018",
                       citation="United Nations E-Government Survey data 2010-2018 (EGDI, OSI, HCI, TII, E-Participation Index, rank), as packaged by UNU-EGOV",
                       publisher="UN DESA; packaged by UNU-EGOV", year="2018",
                       url="https://publicadministration.un.org/egovkb/en-us/Data-Center",
                       repository="UNU-EGOV/datasets", path="unu_egov_egdi-YYYY.csv (2010, 2012, 2014, 2016, 2018)",
                       commit="cf03dd5f47bede65558498798f2a9a07f29ee090",
                       licence="UN data, terms of the UN E-Government Knowledgebase; repository licence not stated",
                       notes=common_notes),
        "2022": src.add("un_egdi_2022",
                        citation="United Nations E-Government Survey 2022 data (EGDI and components), as republished by the Plurality book project",
                        publisher="UN DESA; republished by pluralitybook/plurality", year="2022",
                        url="https://publicadministration.un.org/egovkb/en-us/Data-Center",
                        repository="pluralitybook/plurality", path="EGOV_DATA_2022.csv",
                        commit="0d1e3fc3dfb56f635bad098c906289bfbe3115b7", licence="CC0 (repository); UN data",
                        notes=common_notes + " Country names carry trailing spaces in the file."),
        "2024": src.add("un_egdi_2024",
                        citation="United Nations E-Government Survey 2024 data (EGDI and components), as republished in a course repository (Region column added by that author, not used)",
                        publisher="UN DESA; republished by MaryliaCruzS/Estadistica1CienciaPolitica", year="2024",
                        url="https://publicadministration.un.org/egovkb/en-us/Data-Center",
                        repository="MaryliaCruzS/Estadistica1CienciaPolitica", path="EGOV_DATA_2024_with_region.csv",
                        commit="c22aa0b17306eb90c2513ac2c3ca36d0e37fa376", licence="not stated (repository); UN data",
                        notes=common_notes + " Country names carry trailing spaces in the file."),
    }


def build_egdi(vals: Values, src: Sources, sources_dir: Path) -> None:
    s = egdi_sources(src)
    d = sources_dir / "egdi"
    for fn, year in EGDI_FILES:
        for r in read_csv(d / fn):
            code = r["country-code"].strip()
            if code not in ISO3.values():
                continue
            for ind, col in [("egdi", "e-gov-index"), ("egdi_rank", "e-gov-rank"), ("egdi_epi", "e-pat-index"),
                             ("egdi_osi", "osi"), ("egdi_hci", "hci"), ("egdi_tii", "tii")]:
                v = num(r[col])
                if v is not None and ind != "egdi_rank":
                    v = round(v, 6)  # strip float artefacts of the packaging (published to 4-5 decimals)
                vals.add(code, year, ind, v, s["unu"], "official")
    for fn, year, key, cols in [
        ("plurality_EGOV_DATA_2022.csv", 2022, "2022",
         [("egdi", "E-Government Index"), ("egdi_rank", "E-Government Rank"), ("egdi_epi", "E-Participation Index"),
          ("egdi_osi", "Online Service Index"), ("egdi_hci", "Human Capital Index"),
          ("egdi_tii", "Telecommunication Infrastructure Index")]),
        ("EGOV_DATA_2024_with_region.csv", 2024, "2024",
         [("egdi", "E_Index"), ("egdi_rank", "Rank"), ("egdi_epi", "E_Participation"), ("egdi_osi", "Online_Service"),
          ("egdi_hci", "Human_Capital"), ("egdi_tii", "Tele_Infra")]),
    ]:
        for r in read_csv(d / fn):
            name = (r.get("Country Name") or r.get("Country") or "").strip()
            if name not in ISO3:
                continue
            if int(r["Survey Year"]) != year:
                raise SystemExit(f"{fn}: unexpected survey year")
            for ind, col in cols:
                vals.add(ISO3[name], year, ind, num(r[col]), s[key], "official")


def _folds_back(a, b, c, d) -> bool:
    """Two segments sharing one endpoint overlap if they are collinear and leave it in the same direction."""
    s = ({a, b} & {c, d}).pop()
    p = b if a == s else a
    q = d if c == s else c
    cross = (p[0] - s[0]) * (q[1] - s[1]) - (p[1] - s[1]) * (q[0] - s[0])
    dot = (p[0] - s[0]) * (q[0] - s[0]) + (p[1] - s[1]) * (q[1] - s[1])
    return abs(cross) <= 1e-15 and dot > 0


def _crossing_segments(rings: list[list[tuple]]) -> list[tuple]:
    """Segments that properly cross another segment (touching at shared vertices is allowed)."""
    segs = [(a, b) for ring in rings for a, b in zip(ring, ring[1:]) if a != b]
    cell = 0.05
    grid = defaultdict(list)
    for i, (a, b) in enumerate(segs):
        for gx in range(int(math.floor(min(a[0], b[0]) / cell)), int(math.floor(max(a[0], b[0]) / cell)) + 1):
            for gy in range(int(math.floor(min(a[1], b[1]) / cell)), int(math.floor(max(a[1], b[1]) / cell)) + 1):
                grid[(gx, gy)].append(i)

    def orient(p, q, r):
        v = (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
        return (v > 1e-15) - (v < -1e-15)

    bad, seen = set(), set()
    for ids in grid.values():
        for x in range(len(ids)):
            for y in range(x + 1, len(ids)):
                i, j = ids[x], ids[y]
                if (i, j) in seen:
                    continue
                seen.add((i, j))
                (a, b), (c, d) = segs[i], segs[j]
                if {a, b} & {c, d}:
                    if {a, b} != {c, d} and _folds_back(a, b, c, d):
                        bad.update([segs[i], segs[j]])  # collinear overlap
                    continue
                if orient(a, b, c) * orient(a, b, d) < 0 and orient(c, d, a) * orient(c, d, b) < 0:
                    bad.update([segs[i], segs[j]])
    return sorted(bad)


def build_geojson(sources_dir: Path, out: Path) -> dict:
    """Topology-preserving simplification of the 13 prefecture boundaries.

    Shared borders in the source use identical vertices. Every vertex where the set of polygons owning
    it changes (a junction, or the end of a shared border) is fixed; each run between fixed vertices is
    simplified with Douglas-Peucker in a canonical direction, so both neighbours get the same result;
    then coordinates are rounded to 4 decimals and consecutive duplicates dropped (identically on both
    sides). Returns statistics for the report.
    """
    g = json.loads((sources_dir / "geometry" / "heilongjiang_prefectures.geojson").read_text("utf-8"))
    TOL = 0.01  # degrees (~1 km): plenty for a choropleth of prefectures
    feats = []
    rings = []  # (feature index, polygon index, ring index, points without closing point)
    for fi, f in enumerate(g["features"]):
        geom = f["geometry"]
        polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        feats.append((f["properties"], geom["type"], len(polys), [len(p) for p in polys]))
        for pi, p in enumerate(polys):
            for ri, ring in enumerate(p):
                pts = [tuple(c) for c in ring]
                if pts[0] == pts[-1]:
                    pts = pts[:-1]
                rings.append((fi, pi, ri, pts))
    owners = defaultdict(set)
    for k, (fi, _, _, pts) in enumerate(rings):
        for p in pts:
            owners[p].add(k)
    fixed = set()
    for k, (_, _, _, pts) in enumerate(rings):
        n = len(pts)
        for i, p in enumerate(pts):
            o = owners[p]
            if len(o) >= 3 or o != owners[pts[i - 1]] or o != owners[pts[(i + 1) % n]]:
                fixed.add(p)

    def dp(line, tol):
        if len(line) <= 2:
            return list(line)
        (x1, y1), (x2, y2) = line[0], line[-1]
        dx, dy = x2 - x1, y2 - y1
        L = math.hypot(dx, dy)
        best, bi = -1.0, 0
        for i in range(1, len(line) - 1):
            px, py = line[i]
            d = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / L if L > 0 else math.hypot(px - x1, py - y1)
            if d > best:
                best, bi = d, i
        if best <= tol:
            return [line[0], line[-1]]
        return dp(line[: bi + 1], tol)[:-1] + dp(line[bi:], tol)

    def canon(run):
        return tuple(run if run[0] <= run[-1] else run[::-1])

    def simplify_run(run, tol):
        c = canon(run)
        if c[0] == c[-1]:  # a closed run: keep orientation
            return dp(run, tol)
        s = dp(list(c), tol)
        return s if list(c) == run else s[::-1]

    # split every ring into runs between fixed vertices (identical runs on both sides of a border)
    ring_runs = {}
    for k, (fi, pi, ri, pts) in enumerate(rings):
        n = len(pts)
        idx = [i for i, p in enumerate(pts) if p in fixed]
        if len(idx) < 2:  # an island or a ring without junctions: fix the first and the farthest point
            far = max(range(n), key=lambda i: (pts[i][0] - pts[0][0]) ** 2 + (pts[i][1] - pts[0][1]) ** 2)
            idx = sorted({0, far})
        ring_runs[k] = [[pts[i % n] for i in range(a, b + 1)] for a, b in zip(idx, idx[1:] + [idx[0] + n])]

    tol = defaultdict(lambda: TOL)  # per canonical run; halved where simplification made segments cross
    for attempt in range(12):
        out_rings, seg_run = {}, {}
        for k, (fi, pi, ri, pts) in enumerate(rings):
            res, owner = [], []
            for run in ring_runs[k]:
                part = simplify_run(run, tol[canon(run)])[:-1]
                res.extend(part)
                owner.extend([canon(run)] * len(part))
            pairs = [((round(x, 4), round(y, 4)), o) for (x, y), o in zip(res, owner)]
            ded = [pr for i, pr in enumerate(pairs) if pr[0] != pairs[i - 1][0]] if len(pairs) > 1 else pairs
            if len(ded) < 3:
                raise SystemExit(f"ring {k} collapsed during simplification")
            ring = [p for p, _ in ded] + [ded[0][0]]
            for i in range(len(ded)):
                seg_run[frozenset((ring[i], ring[i + 1]))] = ded[i][1]
            out_rings[(fi, pi, ri)] = ring
        bad = _crossing_segments(list(out_rings.values()))
        if not bad:
            break
        for seg in bad:
            run = seg_run.get(frozenset(seg))
            if run is not None:
                tol[run] = tol[run] / 2
    else:
        raise SystemExit("could not simplify the boundaries without crossing segments")

    features = []
    for fi, (props, gtype, npoly, nrings) in enumerate(feats):
        polys = [[[list(p) for p in out_rings[(fi, pi, ri)]] for ri in range(nrings[pi])] for pi in range(npoly)]
        geom = {"type": "MultiPolygon", "coordinates": polys} if gtype == "MultiPolygon" else \
               {"type": "Polygon", "coordinates": polys[0]}
        features.append({"type": "Feature",
                         "properties": {"code": props["city_code"], "name_zh": props["name_zh"], "name_en": props["name_en"]},
                         "geometry": geom})
    fc = {"type": "FeatureCollection",
          "name": "heilongjiang_prefectures",
          "description": "13 prefecture-level units of Heilongjiang, simplified for display with shared borders kept "
                         "(Douglas-Peucker 0.01 deg on shared arcs, coordinates rounded to 4 decimals). "
                         "From Dong, Du & Liu (2022), leiii/census, MIT licence. Datum not stated (WGS84-like). "
                         "Da Hinggan Ling includes Jiagedaqi and Songling.",
          "features": features}
    text = json.dumps(fc, ensure_ascii=False, separators=(",", ":"))
    out.write_text(text + "\n", encoding="utf-8")
    before = sum(len(r[3]) for r in rings)
    after = sum(len(v) - 1 for v in out_rings.values())
    return {"vertices_before": before, "vertices_after": after, "bytes": len(text.encode("utf-8")) + 1,
            "runs_with_reduced_tolerance": sum(1 for v in tol.values() if v < TOL), "passes": attempt + 1}


def build_heilongjiang(sources_dir: Path) -> dict:
    out = DATA / "heilongjiang"
    fw = tomllib.loads((out / "framework.toml").read_text("utf-8"))
    nodes = {n["code"]: n for n in fw["node"]}
    src, vals, skipped, groups = Sources(), Values(), [], {}

    # census: 13 prefectures, Shanghai (310100 -> 310000), and derived province totals
    s_c = census_source(src, " Shanghai appears as city code 310100 and is stored under the province-level code 310000.")
    s_d = derived_source(src)
    census = read_csv(sources_dir / "census" / "census_city_2010-2020_v1.csv")
    by_code = {r["city_code"]: r for r in census}
    by_prov = defaultdict(list)
    for r in census:
        by_prov[r["province_code"]].append(r)
    for code in PREFECTURE_CODES:
        census_unit_values(vals, code, by_code[code], s_c, s_d)
    census_unit_values(vals, "310000", by_code["310100"], s_c, s_d, "census unit 310100 (Shanghai)")
    for pcode, name in [("230000", "Heilongjiang"), ("330000", "Zhejiang"), ("440000", "Guangdong")]:
        census_province_values(vals, pcode, by_prov[pcode], s_d, name)
    if len(by_prov["230000"]) != 13:
        raise SystemExit("Heilongjiang should have 13 census units")

    build_informatization(vals, src, sources_dir, groups)
    build_figures(vals, src, sources_dir, skipped)
    build_bulletins(vals, src, sources_dir, skipped)
    build_egdi(vals, src, sources_dir)

    rows = vals.resolve(src)

    # units
    names = {}
    for r in read_csv(sources_dir / "informatization_2017" / "hlj_city_informatization_index_2017_tidy.csv"):
        names[r["city_code"]] = r["city_en"]
    unit_rows = []
    for code in PREFECTURE_CODES:
        unit_rows.append([code, names[code], by_code[code]["city"], "prefecture", "false", groups[code], "CHN"])
    for code, en, zh, kind, bench, country in OTHER_UNITS:
        unit_rows.append([code, en, zh, kind, "true" if bench else "false", "", country])
    write_csv(out / "units.csv", ["code", "name_en", "name_zh", "kind", "benchmark", "group", "country"], unit_rows)

    # consistency with the framework
    unit_codes = {u[0] for u in unit_rows}
    used_inds = {r[2] for r in rows}
    unknown = used_inds - set(nodes)
    if unknown:
        raise SystemExit(f"indicators not in framework.toml: {sorted(unknown)}")
    empty = [c for c, n in nodes.items() if n.get("role", "indicator") != "aggregate" and c not in used_inds]
    if empty:
        raise SystemExit(f"framework nodes without any value: {empty}")
    bad_units = {r[0] for r in rows} - unit_codes
    if bad_units:
        raise SystemExit(f"values for unknown units: {bad_units}")

    write_csv(out / "values.csv", ["unit", "year", "indicator", "value", "source", "quality", "note"], rows)
    write_csv(out / "sources.csv", SOURCE_COLUMNS, src.table())
    geo = build_geojson(sources_dir, out / "prefectures.geojson")
    return {"values": rows, "units": unit_rows, "skipped": skipped, "log": vals.log, "geo": geo, "nodes": nodes}


# --------------------------------------------------------------------------------------------
# China census dataset (369 units)
# --------------------------------------------------------------------------------------------


def build_china_census(sources_dir: Path) -> dict:
    out = DATA / "china_census"
    fw = tomllib.loads((out / "framework.toml").read_text("utf-8"))
    nodes = {n["code"] for n in fw["node"]}
    src, vals = Sources(), Values()
    s_c = census_source(src)
    s_d = src.add(
        "govgap_derived",
        citation="Computed by the govgap project from census_dong2022 values (see each value's note)",
        publisher="govgap project",
        licence="MIT notice of census_dong2022 applies to the inputs",
        notes="Formula: pop_urban_share = 100 * pop_urban / pop_total for the same unit and census year.",
    )
    census = read_csv(sources_dir / "census" / "census_city_2010-2020_v1.csv")
    names_en = {}
    geo = json.loads((sources_dir / "geometry" / "heilongjiang_prefectures.geojson").read_text("utf-8"))
    for f in geo["features"]:
        names_en[f["properties"]["city_code"]] = f["properties"]["name_en"]
    unit_rows = []
    for r in census:
        code = r["city_code"].strip()
        unit_rows.append([code, names_en.get(code, ""), r["city"].strip(), "prefecture", "false", r["province"].strip()])
        census_unit_values(vals, code, r, s_c, s_d)
    if len(unit_rows) != 369 or len({u[0] for u in unit_rows}) != 369:
        raise SystemExit("expected 369 distinct census units")
    rows = vals.resolve(src)
    used = {r[2] for r in rows}
    if used - nodes:
        raise SystemExit(f"china_census: indicators not in framework: {sorted(used - nodes)}")
    write_csv(out / "units.csv", ["code", "name_en", "name_zh", "kind", "benchmark", "province"], unit_rows)
    write_csv(out / "values.csv", ["unit", "year", "indicator", "value", "source", "quality", "note"], rows)
    write_csv(out / "sources.csv", SOURCE_COLUMNS, src.table())
    shutil.copyfile(sources_dir / "census" / "LICENSE.txt", out / "LICENSE-census.txt")
    return {"values": rows, "units": unit_rows}


# --------------------------------------------------------------------------------------------
# LOSI 2024 instrument
# --------------------------------------------------------------------------------------------

CRITERIA = {
    "Institutional framework": ("IF", "Institutional framework", "制度框架"),
    "Content provision": ("CP", "Content provision", "内容提供"),
    "Services provision": ("SP", "Services provision", "服务提供"),
    "Participation and engagement": ("PE", "Participation and engagement", "参与和互动"),
    "E-government literacy": ("EL", "E-government literacy", "电子政务素养"),
    "Technology": ("TE", "Technology", "技术"),
}


def build_losi(sources_dir: Path) -> dict:
    out = DATA / "losi"
    text = {r["item"]: r for r in read_csv(DATA / "tools" / "losi_item_text.csv")}
    rows = []
    codes = Counter()
    for r in read_csv(sources_dir / "losi" / "losi_indicators_2024.csv"):
        if r["losi_edition"].strip() != "2024":
            raise SystemExit("unexpected LOSI edition")
        cc, en, zh = CRITERIA[r["criterion"].strip()]
        item = f"{cc}{int(r['indicator_number']):02d}"
        t = text.get(item)
        if t is None:
            raise SystemExit(f"no project text for LOSI item {item}")
        un = r["source_code"].strip()
        codes[un] += 1
        rows.append([item, cc, en, zh, un, t["short_name_en"], t["short_name_zh"], t["look_for"]])
    if len(rows) != 95 or len({r[0] for r in rows}) != 95 or set(text) != {r[0] for r in rows}:
        raise SystemExit("expected 95 LOSI items matching losi_item_text.csv")
    dups = {c for c, n in codes.items() if n > 1}
    for r in rows:
        r.append("UN code shared by two items in the source catalogue (IF05 and PE04); scored as two separate items"
                 if r[4] in dups else "")
    write_csv(out / "items.csv", ["item", "criterion", "criterion_en", "criterion_zh", "un_code", "short_name_en",
                                  "short_name_zh", "look_for", "note"], rows)
    a = out / "assessment.csv"
    header = "unit,year,item,met,evidence_url,assessor,date\n"
    if not a.exists() or a.read_text("utf-8").strip() == header.strip():
        a.write_text(header, encoding="utf-8")
    return {"items": len(rows), "duplicate_un_codes": sorted(dups)}


# --------------------------------------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sources", type=Path, default=DEFAULT_SOURCES, help="path of the source library")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()
    sources_dir = args.sources.resolve()
    if not (sources_dir / "README.md").exists():
        raise SystemExit(f"source library not found at {sources_dir}")

    hlj = build_heilongjiang(sources_dir)
    cn = build_china_census(sources_dir)
    losi = build_losi(sources_dir)

    if args.quiet:
        return
    q = Counter(r[5] for r in hlj["values"])
    print(f"heilongjiang: {len(hlj['values'])} values {dict(q)}; {len(hlj['units'])} units")
    print(f"  geojson: {hlj['geo']}")
    print(f"  duplicates resolved: {len(hlj['log'])}")
    for line in hlj["log"]:
        print("   ", line)
    print(f"  figures not carried: {len(hlj['skipped'])}")
    for s in hlj["skipped"]:
        print("   ", " | ".join(map(str, s)))
    print(f"china_census: {len(cn['values'])} values {dict(Counter(r[5] for r in cn['values']))}; {len(cn['units'])} units")
    print(f"losi: {losi}")


if __name__ == "__main__":
    main()
