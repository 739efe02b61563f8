"""Reference values for govgap::spatial (crates/core/src/spatial/mod.rs tests).

Run: /work/main/.venv-bench/bin/python crates/core/tests/reference/spatial_reference.py
Sources: PySAL esda 2.9.0 and 2.8.2, identical output (Moran, Moran_Local) and inequality 1.1.2 (Gini_Spatial), libpysal W with
row standardisation ("r") for Moran and binary links for the spatial Gini. The statistics printed
are the deterministic ones (permutation p-values depend on the random generator and are not pinned).
"""
import esda
import libpysal
import numpy as np
from inequality.gini import Gini_Spatial

# illustrative contiguity of Heilongjiang's 13 prefectures (0 Harbin, 1 Qiqihar, 2 Jixi, 3 Hegang,
# 4 Shuangyashan, 5 Daqing, 6 Yichun, 7 Jiamusi, 8 Qitaihe, 9 Mudanjiang, 10 Heihe, 11 Suihua,
# 12 Daxing'anling)
NB = {
    0: [6, 7, 8, 9, 11], 1: [5, 10, 11], 2: [4, 8, 9], 3: [6, 7], 4: [2, 7, 8], 5: [1, 11],
    6: [0, 3, 7, 10, 11], 7: [0, 3, 4, 6, 8], 8: [0, 2, 4, 7, 9], 9: [0, 2, 8], 10: [1, 6, 11, 12],
    11: [0, 1, 5, 6, 10], 12: [10],
}
V13 = np.array([62.4, 48.1, 35.7, 41.2, 29.8, 33.5, 38.9, 27.6, 44.3, 31.2, 25.4, 36.8, 22.9])


def out(name, x):
    print(f"{name} = {float(x)!r}")


w = libpysal.weights.W(NB, silence_warnings=True)
w.transform = "r"
print("# esda", esda.__version__)
out("S0", w.s0)
out("S1", w.s1)
out("S2", w.s2)
m = esda.Moran(V13, w, permutations=0)
out("MORAN_I", m.I)
out("MORAN_EI", m.EI)
out("MORAN_VI_NORM", m.VI_norm)
out("MORAN_Z_NORM", m.z_norm)
out("MORAN_P_NORM", m.p_norm)
out("MORAN_VI_RAND", m.VI_rand)
out("MORAN_Z_RAND", m.z_rand)
out("MORAN_P_RAND", m.p_rand)
lm = esda.Moran_Local(V13, w, permutations=0)
print(f"LISA_IS = {[float(x) for x in lm.Is]!r}")
print(f"LISA_Q = {[int(x) for x in lm.q]!r}")
# a second, positively autocorrelated series: east high, west low
Y2 = np.array([50.0, 20.0, 60.0, 55.0, 58.0, 22.0, 45.0, 57.0, 59.0, 61.0, 18.0, 25.0, 15.0])
m2 = esda.Moran(Y2, w, permutations=0)
out("MORAN2_I", m2.I)
out("MORAN2_Z_NORM", m2.z_norm)
out("MORAN2_Z_RAND", m2.z_rand)
wb = libpysal.weights.W(NB, silence_warnings=True)  # binary
gs = Gini_Spatial(V13, wb, permutations=0)
out("SGINI_G", gs.g)
out("SGINI_WG", gs.wg)
out("SGINI_WCG", gs.wcg)
out("SGINI_WCG_SHARE", gs.wcg_share)
out("SGINI_POLARIZATION", gs.polarization)
np.random.seed(12345)
gs999 = Gini_Spatial(Y2, wb, permutations=999)
out("SGINI2_WCG", gs999.wcg)
out("SGINI2_P_SIM_numpy_seed12345", gs999.p_sim)
np.random.seed(12345)
m2p = esda.Moran(Y2, w, permutations=999)
out("MORAN2_P_SIM_numpy_seed12345", m2p.p_sim)
