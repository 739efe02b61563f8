"""Reference values for govgap::diagnose (crates/core/src/diagnose/mod.rs tests).

Run: /work/main/.venv-bench/bin/python crates/core/tests/reference/diagnose_reference.py
Sources: numpy, written from the formulas: obstacle degree O_ij = F_j I_ij / sum_j F_j I_ij * 100
with I_ij = 1 - x'_ij; coupling coordination C = 2 sqrt(U1 U2)/(U1 + U2) (standard) and
C = sqrt((1 - |U2 - U1|) * min/max) (Wang et al. 2021), T = 0.5 U1 + 0.5 U2, D = sqrt(C T).
"""
import numpy as np

# raw indicator values of 13 units on 6 indicators (higher is better), min-max normalised
RAW = np.array([
    [92.0, 15.2, 0.81, 330.0, 12.0, 77.0],
    [71.0, 9.8, 0.66, 210.0, 7.5, 64.0],
    [55.0, 7.1, 0.58, 120.0, 6.1, 52.0],
    [60.0, 6.4, 0.61, 95.0, 5.2, 58.0],
    [48.0, 5.0, 0.49, 80.0, 4.0, 45.0],
    [66.0, 11.3, 0.70, 260.0, 9.0, 60.0],
    [52.0, 4.2, 0.52, 70.0, 3.8, 49.0],
    [58.0, 6.9, 0.57, 140.0, 5.9, 55.0],
    [50.0, 4.8, 0.55, 75.0, 4.4, 50.0],
    [63.0, 8.0, 0.63, 160.0, 6.8, 61.0],
    [45.0, 3.9, 0.47, 60.0, 3.1, 42.0],
    [57.0, 7.5, 0.60, 150.0, 6.3, 53.0],
    [40.0, 3.1, 0.44, 40.0, 2.7, 38.0],
])
W = np.array([0.12, 0.25, 0.08, 0.20, 0.15, 0.20])
X = (RAW - RAW.min(axis=0)) / (RAW.max(axis=0) - RAW.min(axis=0))

print("NORMALISED = [")
for row in X:
    print("    [" + ", ".join(f"{float(v)!r}" for v in row) + "],")
print("]")
dev = 1 - X
num = W * dev
O = num / num.sum(axis=1, keepdims=True) * 100
for i in (1, 4, 12):
    order = sorted(range(6), key=lambda j: (-O[i, j], j))
    print(f"OBSTACLE_UNIT{i} = {[float(v) for v in O[i]]!r}")
    print(f"OBSTACLE_ORDER_UNIT{i} = {order!r}")
dims = np.array([0, 0, 1, 1, 2, 2])
print(f"OBSTACLE_DIM_UNIT4 = {[float(O[4, dims == d].sum()) for d in range(3)]!r}")

U1 = X[:, :3] @ (W[:3] / W[:3].sum())
U2 = X[:, 3:] @ (W[3:] / W[3:].sum())
print(f"U1 = {[float(v) for v in U1]!r}")
print(f"U2 = {[float(v) for v in U2]!r}")
ok = (U1 > 0) | (U2 > 0)
C = 2 * np.sqrt(U1 * U2) / (U1 + U2)
CA = np.sqrt((1 - np.abs(U2 - U1)) * np.minimum(U1, U2) / np.maximum(U1, U2))
T = 0.5 * U1 + 0.5 * U2
print(f"C_STD = {[float(v) for v in C]!r}")
print(f"D_STD = {[float(v) for v in np.sqrt(C * T)]!r}")
print(f"C_ADJ = {[float(v) for v in CA]!r}")
print(f"D_ADJ = {[float(v) for v in np.sqrt(CA * T)]!r}")
