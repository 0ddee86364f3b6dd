"""Prints the whole movement table and logo cohort table of
pandas_movements.py, in the columns of `mrrbench -last 0 -cohorts`, so the
two can be compared line by line (not timed).

Usage: pandas_full.py BENCH_DIR [customers] [months], BENCH_DIR holding
gen_mrr.py and pandas_movements.py.
"""
import sys

sys.path.insert(0, sys.argv[1])
import pandas as pd  # noqa: E402

from gen_mrr import generate  # noqa: E402
from pandas_movements import cohorts, movements  # noqa: E402

customers = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
months = int(sys.argv[3]) if len(sys.argv) > 3 else 24
ids, mon, val = generate(customers, months)
df = pd.DataFrame({"customer": ids, "month": mon, "mrr": val})
mv = movements(df, months)
for m, r in mv.iterrows():
    print(m, r["start"], r["new"], r["reactivation"], r["expansion"], r["contraction"], r["churned"], r["end"])
ct = cohorts(df)
for c in ct.index:
    print("cohort", c, " ".join(str(ct.loc[c, a]) for a in ct.columns if c + a < months))
