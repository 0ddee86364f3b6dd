"""Compares btydbench's predictions (-dump) with lifetimes' at the same
BG/NBD parameters, customer by customer, and prints the largest relative
differences of P(alive) and of the expected purchases in the next 52 weeks.

    PYTHONPATH=$L:$AG:$DILL /usr/bin/python3 lifetimes_compare.py CUSTOMERS.csv GO_DUMP.csv r,alpha,a,b

CUSTOMERS.csv is gen_btyd.py's file, GO_DUMP.csv btydbench's -dump file
(id,alive,expected) at the same -params; lifetimes goes on PYTHONPATH as
the header of ../shared/bench/lifetimes_fit.py says.
"""
import sys
import warnings

import numpy as np
import pandas as pd

warnings.simplefilter("ignore")
import lifetimes  # noqa: E402


def main():
    d = pd.read_csv(sys.argv[1])
    g = pd.read_csv(sys.argv[2])
    r, alpha, a, b = (float(v) for v in sys.argv[3].split(","))
    if not (g["id"].to_numpy() == d["id"].to_numpy()).all():
        sys.exit("the two files do not list the same customers in the same order")
    bg = lifetimes.BetaGeoFitter()
    bg.params_ = pd.Series({"r": r, "alpha": alpha, "a": a, "b": b})
    alive = bg.conditional_probability_alive(d["frequency"], d["recency"], d["T"])
    exp52 = bg.conditional_expected_number_of_purchases_up_to_time(52, d["frequency"], d["recency"], d["T"])
    for name, theirs, ours in (("alive", np.asarray(alive), g["alive"].to_numpy()),
                               ("expected52", np.asarray(exp52), g["expected"].to_numpy())):
        bad = ~np.isfinite(theirs)
        ok = ~bad & (theirs != 0)
        rel = np.abs(ours[ok] - theirs[ok]) / np.abs(theirs[ok])
        print(f"{name}: customers={len(theirs)} lifetimes_not_finite={int(bad.sum())} "
              f"max_rel_diff={rel.max():.3g} median_rel_diff={np.median(rel):.3g}")


if __name__ == "__main__":
    main()
