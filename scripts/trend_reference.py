# Independent WLS trend, numpy only: weights 1/var, z test on the slope.
import numpy as np
from scipy.stats import norm
def wls(y, se, conf=0.95):
    t = np.arange(1, len(y) + 1.0)
    w = 1 / np.asarray(se) ** 2
    X = np.column_stack([np.ones_like(t), t])
    XtWX = X.T @ (w[:, None] * X)
    beta = np.linalg.solve(XtWX, X.T @ (w * y))
    cov = np.linalg.inv(XtWX)
    b, s = beta[1], np.sqrt(cov[1, 1])
    z = b / s
    q = norm.ppf((1 + conf) / 2)
    return b, s, z, 2 * norm.sf(abs(z)), b - q * s, b + q * s
def aw(p, a, d):
    n = p + a + d + 3; pp = (p + .75) / n; dd = (d + .75) / n
    return 100 * (pp - dd), 100 * np.sqrt((pp + dd - (pp - dd) ** 2) / n)
nps = [(50, 30, 20), (48, 30, 22), (45, 30, 25), (44, 28, 28), (40, 30, 30), (38, 30, 32)]
y, se = zip(*[aw(*c) for c in nps])
print("NPS", ["%.17g" % v for v in wls(np.array(y), np.array(se))])
y2, se2 = zip(*[aw(*c) for c in [(40, 30, 30), (50, 30, 20)]])
print("NPS2", ["%.17g" % v for v in wls(np.array(y2), np.array(se2))])
# CES periods: mean, sd, n
ces = [(5.2, 1.4, 120), (5.0, 1.5, 100), (5.1, 1.3, 140), (4.8, 1.6, 90), (4.7, 1.5, 110)]
m = np.array([c[0] for c in ces]); s = np.array([c[1] / np.sqrt(c[2]) for c in ces])
print("CES", ["%.17g" % v for v in wls(m, s, 0.9)])
