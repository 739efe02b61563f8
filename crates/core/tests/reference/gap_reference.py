"""Reference values for govgap::gap (crates/core/src/gap/mod.rs tests).

Run: /work/main/.venv-bench/bin/python crates/core/tests/reference/gap_reference.py
Sources: PySAL `inequality` (Gini, Theil, TheilD, atkinson) and brute-force numpy/loops written
from the papers' formulas (weighted measures, GE(alpha), Theil L decomposition, Dagum 1997).
"""
import itertools
import math

import numpy as np
from inequality.atkinson import atkinson
from inequality.gini import Gini
from inequality.theil import Theil, TheilD

# 13 illustrative prefecture scores, zones (0 core, 1 west, 2 east) and populations (millions)
V13 = np.array([62.4, 48.1, 35.7, 41.2, 29.8, 33.5, 38.9, 27.6, 44.3, 31.2, 25.4, 36.8, 22.9])
G13 = np.array([0, 1, 2, 2, 2, 1, 2, 2, 2, 2, 1, 1, 1])
P13 = np.array([10.01, 4.07, 1.50, 0.89, 1.21, 2.78, 0.88, 2.16, 0.62, 2.29, 1.29, 3.76, 0.33])
# a vector with zeros
VZ = np.array([0.0, 3.0, 5.0, 0.0, 10.0, 2.0, 7.0])
GZ = np.array([0, 0, 1, 1, 2, 2, 2])


def out(name, x):
    print(f"{name} = {float(x)!r}")


def wgini(y, p):
    p = p / p.sum()
    mu = (p * y).sum()
    return sum(p[i] * p[j] * abs(y[i] - y[j]) for i in range(len(y)) for j in range(len(y))) / (2 * mu)


def ge(y, p, a):
    p = p / p.sum()
    mu = (p * y).sum()
    if a == 0:
        return (p * np.log(mu / y)).sum()
    if a == 1:
        m = y > 0
        return (p[m] * (y[m] / mu) * np.log(y[m] / mu)).sum()
    return ((p * (y / mu) ** a).sum() - 1) / (a * (a - 1))


def theil_dec(y, g, p, a):
    """Between and within parts of GE(a), a in {0, 1}, from the group formulas."""
    p = p / p.sum()
    mu = (p * y).sum()
    between = within = 0.0
    for k in np.unique(g):
        m = g == k
        pg = p[m].sum()
        mug = (p[m] * y[m]).sum() / pg
        sg = pg * mug / mu
        tg = ge(y[m], p[m], a)
        if a == 1:
            between += sg * math.log(sg / pg)
            within += sg * tg
        else:
            between += pg * math.log(pg / sg)
            within += pg * tg
    return between, within


def dagum(y, g, q):
    """Dagum (1997) by brute force over all pairs of units; q are unit weights."""
    groups = sorted(np.unique(g))
    Q = q.sum()
    mu = (q * y).sum() / Q
    members = {k: [(y[i], q[i]) for i in range(len(y)) if g[i] == k] for k in groups}
    qg = {k: sum(w for _, w in members[k]) for k in groups}
    mug = {k: sum(v * w for v, w in members[k]) / qg[k] for k in groups}
    pj = {k: qg[k] / Q for k in groups}
    sj = {k: pj[k] * mug[k] / mu for k in groups}
    gjj = {}
    gw = 0.0
    for k in groups:
        sad = sum(wa * wb * abs(a - b) for a, wa in members[k] for b, wb in members[k])
        gjj[k] = sad / (2 * qg[k] ** 2 * mug[k])
        gw += gjj[k] * pj[k] * sj[k]
    gnb = gt = 0.0
    pairs = []
    for j, h in itertools.combinations(groups, 2):
        rich, poor = (j, h) if mug[j] >= mug[h] else (h, j)
        d = sum(wa * wb * max(a - b, 0) for a, wa in members[rich] for b, wb in members[poor]) / (qg[j] * qg[h])
        pp = sum(wa * wb * max(b - a, 0) for a, wa in members[rich] for b, wb in members[poor]) / (qg[j] * qg[h])
        sad = sum(wa * wb * abs(a - b) for a, wa in members[j] for b, wb in members[h])
        gjh = sad / (qg[j] * qg[h] * (mug[j] + mug[h]))
        D = (d - pp) / (d + pp)
        wt = pj[j] * sj[h] + pj[h] * sj[j]
        gnb += gjh * wt * D
        gt += gjh * wt * (1 - D)
        pairs.append((j, h, gjh, D))
    total = sum(q[i] * q[k] * abs(y[i] - y[k]) for i in range(len(y)) for k in range(len(y))) / (2 * Q * Q * mu)
    return total, gw, gnb, gt, gjj, pairs


ones13 = np.ones(13)
print("# PySAL inequality", __import__("inequality").__version__)
out("GINI_V13", Gini(V13).g)
out("THEIL_V13", Theil(V13).T)
td = TheilD(V13, G13)
out("THEIL_BG_V13", td.bg[0])
out("THEIL_WG_V13", td.wg[0])
out("GINI_VZ", Gini(VZ).g)
out("THEIL_VZ", Theil(VZ).T)
tdz = TheilD(VZ, GZ)
out("THEIL_BG_VZ", tdz.bg[0])
out("THEIL_WG_VZ", tdz.wg[0])
out("ATKINSON_05_V13", atkinson(V13, 0.5))
out("ATKINSON_1_V13", atkinson(V13, 1))
out("ATKINSON_2_V13", atkinson(V13, 2))
out("GE0_V13", ge(V13, ones13, 0))
out("GE2_V13", ge(V13, ones13, 2))
out("GE05_V13", ge(V13, ones13, 0.5))
out("SD_POP_V13", V13.std(ddof=0))
out("SD_SAMPLE_V13", V13.std(ddof=1))
out("CV_POP_V13", V13.std(ddof=0) / V13.mean())
out("CV_SAMPLE_V13", V13.std(ddof=1) / V13.mean())
b, w = theil_dec(V13, G13, ones13, 0)
out("THEIL_L_BG_V13", b)
out("THEIL_L_WG_V13", w)
# population-weighted
out("WGINI_V13", wgini(V13, P13))
out("WTHEIL_T_V13", ge(V13, P13, 1))
out("WTHEIL_L_V13", ge(V13, P13, 0))
out("WGE2_V13", ge(V13, P13, 2))
pn = P13 / P13.sum()
wmu = (pn * V13).sum()
out("WCV_POP_V13", math.sqrt((pn * (V13 - wmu) ** 2).sum()) / wmu)
out("WATKINSON_05_V13", 1 - (pn * V13 ** 0.5).sum() ** 2 / wmu)
b, w = theil_dec(V13, G13, P13, 1)
out("WTHEIL_T_BG_V13", b)
out("WTHEIL_T_WG_V13", w)
b, w = theil_dec(V13, G13, P13, 0)
out("WTHEIL_L_BG_V13", b)
out("WTHEIL_L_WG_V13", w)
# Dagum, unweighted and weighted
for tag, q in (("DAGUM", ones13), ("WDAGUM", P13)):
    total, gw, gnb, gt, gjj, pairs = dagum(V13, G13, q)
    out(f"{tag}_G", total)
    out(f"{tag}_GW", gw)
    out(f"{tag}_GNB", gnb)
    out(f"{tag}_GT", gt)
    print(f"{tag}_GJJ = {[float(gjj[k]) for k in sorted(gjj)]!r}")
    print(f"{tag}_GJH = {[float(p[2]) for p in pairs]!r}")
    print(f"{tag}_DJH = {[float(p[3]) for p in pairs]!r}")
total, gw, gnb, gt, gjj, pairs = dagum(VZ, GZ, np.ones(7))
out("DAGUM_VZ_G", total)
out("DAGUM_VZ_GW", gw)
out("DAGUM_VZ_GNB", gnb)
out("DAGUM_VZ_GT", gt)
