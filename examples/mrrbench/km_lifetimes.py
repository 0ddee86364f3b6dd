"""Each customer's lifetime to first churn from gen_mrr.py's rows, for
R's survfit to time and check mrrbench -km against, on the same data.

    python3 km_lifetimes.py /tmp/mrr.bin /tmp/lifetimes.csv
    Rscript km_survfit.R /tmp/lifetimes.csv
    go run ./examples/mrrbench -in /tmp/mrr.bin -km first

A customer's lifetime starts in the first month they pay; it ends by a
churn in the first month after it in which they pay nothing (duration:
the months paid), or is censored at their age in the last month (23)
if they still pay then: MRRHistory.Lifetimes(FirstSpell), written out
independently with numpy.
"""
import sys

import numpy as np

rows = np.fromfile(sys.argv[1], dtype="<i8").reshape(-1, 3)
cust, month = rows[:, 0], rows[:, 1]
last = month.max()
order = np.lexsort((month, cust))
cust, month = cust[order], month[order]
# A run is consecutive months of one customer; the first run of each
# customer is their first spell.
brk = np.ones(len(cust), dtype=bool)
brk[1:] = (cust[1:] != cust[:-1]) | (month[1:] != month[:-1] + 1)
run = np.cumsum(brk) - 1
run_len = np.bincount(run)
first_row = np.ones(len(cust), dtype=bool)
first_row[1:] = cust[1:] != cust[:-1]
start = month[first_row]
length = run_len[run[first_row]]
censored = start + length - 1 == last
time = np.where(censored, last - start, length)
status = (~censored).astype(int)
np.savetxt(sys.argv[2], np.stack([time, status], axis=1), fmt="%d", delimiter=",", header="time,status", comments="")
print(f"{len(time)} lifetimes, {status.sum()} churned, written to {sys.argv[2]}")
