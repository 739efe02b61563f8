"""Reference values for govgap::dynamics (crates/core/src/dynamics/mod.rs tests).

Run: /work/main/.venv-bench/bin/python crates/core/tests/reference/dynamics_reference.py
Sources: scipy.stats (linregress, t, norm), statsmodels OLS (intercept standard error), numpy
(quantiles, Silverman bandwidth, Gaussian KDE written out), PySAL inequality (Gini) and giddy
(Markov transitions, probabilities, steady state).
"""
import numpy as np
import scipy
import statsmodels.api as sm
from giddy.markov import Markov
from inequality.gini import Gini
from scipy import stats

V13 = np.array([62.4, 48.1, 35.7, 41.2, 29.8, 33.5, 38.9, 27.6, 44.3, 31.2, 25.4, 36.8, 22.9])
RATE = np.array([0.02, 0.03, 0.05, 0.04, 0.06, 0.045, 0.035, 0.07, 0.03, 0.055, 0.065, 0.04, 0.08])
YEARS = [2019, 2020, 2021, 2022, 2023]
PANEL = np.array([np.round(V13 * (1 + RATE) ** t + 1.5 * np.sin(np.arange(13) + t), 2) for t in range(5)])


def out(name, x):
    print(f"{name} = {float(x)!r}")


print("# scipy", scipy.__version__, "statsmodels", sm.__version__ if hasattr(sm, "__version__") else "")
print("PANEL = [")
for row in PANEL:
    print("    [" + ", ".join(f"{x!r}" for x in row.tolist()) + "],")
print("]")

# beta convergence 2019 -> 2023 (T = 4)
T = 4.0
x = np.log(PANEL[0])
g = np.log(PANEL[4] / PANEL[0]) / T
r = stats.linregress(x, g)
out("BETA", r.slope)
out("BETA_SE", r.stderr)
out("BETA_P", r.pvalue)
out("BETA_R2", r.rvalue ** 2)
out("ALPHA", r.intercept)
out("ALPHA_SE", r.intercept_stderr)
ols = sm.OLS(g, sm.add_constant(x)).fit()
out("BETA_T_statsmodels", ols.tvalues[1])
out("BETA_P_statsmodels", ols.pvalues[1])
lam = -np.log(1 + r.slope * T) / T
out("LAMBDA", lam)
out("HALF_LIFE", np.log(2) / lam)

# sigma convergence
cv = [row.std() / row.mean() for row in PANEL]
sdl = [np.log(row).std() for row in PANEL]
gi = [Gini(row).g for row in PANEL]
print(f"CV = {[float(v) for v in cv]!r}")
print(f"SD_LOG = {[float(v) for v in sdl]!r}")
print(f"GINI = {[float(v) for v in gi]!r}")
for name, series in (("CV", cv), ("SD_LOG", sdl), ("GINI", gi)):
    lr = stats.linregress(YEARS, series)
    out(f"{name}_SLOPE", lr.slope)
    out(f"{name}_SLOPE_P", lr.pvalue)

# Silverman bandwidth and density of 2019 on a 9-point common grid
def silverman(v):
    sd = v.std(ddof=1)
    iqr = np.quantile(v, 0.75) - np.quantile(v, 0.25)
    return 0.9 * min(sd, iqr / 1.34) * len(v) ** -0.2

hs = [silverman(row) for row in PANEL]
print(f"BANDWIDTHS = {[float(h) for h in hs]!r}")
lo, hi, hmax = PANEL.min(), PANEL.max(), max(hs)
grid = np.linspace(lo - 3 * hmax, hi + 3 * hmax, 9)
dens = [np.exp(-0.5 * ((xg - PANEL[0]) / hs[0]) ** 2).sum() / (13 * hs[0] * np.sqrt(2 * np.pi)) for xg in grid]
print(f"GRID = {[float(v) for v in grid]!r}")
print(f"DENSITY_2019 = {[float(v) for v in dens]!r}")
kde = stats.gaussian_kde(PANEL[0], bw_method=hs[0] / PANEL[0].std(ddof=1))
print(f"DENSITY_2019_scipy = {[float(v) for v in kde(grid)]!r}")

# Markov chain of pooled quartiles
cut = np.quantile(PANEL.ravel(), [0.25, 0.5, 0.75])
classes = np.searchsorted(cut, PANEL, side="left")
print(f"CUTOFFS = {[float(c) for c in cut]!r}")
m = Markov(classes.T)
print(f"COUNTS = {m.transitions.astype(int).tolist()!r}")
print(f"P = {m.p.tolist()!r}")
print(f"STEADY = {np.asarray(m.steady_state).ravel().tolist()!r}")

# t and normal distribution spot values
for t, df in [(0.5, 3), (2.0, 11), (4.5, 11), (12.0, 5), (0.01, 100), (-3.3, 20), (25.0, 11)]:
    print(f"T_P {t} {df} {float(2 * stats.t.sf(abs(t), df))!r}")
for z in [-8.0, -3.0, -1.0, -0.1, 0.0, 0.3, 1.5, 2.5, 6.0, -37.0]:
    print(f"NORM_CDF {z} {float(stats.norm.cdf(z))!r}")
