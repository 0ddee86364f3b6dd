"""Derives the BTYD test fixtures from the public data sets in ../shared/data,
independently of the library (see README.md):

    /usr/bin/python3 testdata/btyd/make_fixtures.py ../shared/data testdata/btyd
"""
import collections
import datetime
import sys

src, out = sys.argv[1], sys.argv[2]
end = datetime.date(1997, 9, 30)  # the 39-week calibration period's last day
holdout_end = datetime.date(1998, 6, 30)
days = collections.defaultdict(lambda: collections.defaultdict(float))
for line in open(f"{src}/CDNOW_sample.txt"):
    _, cid, date, _, dollars = line.split()
    d = datetime.datetime.strptime(date, "%Y%m%d").date()
    days[int(cid)][d] += float(dollars)  # purchases of one day are one transaction

with open(f"{out}/cdnow_rfm.csv", "w") as f:
    f.write("id,frequency,recency,T,monetary,holdout_frequency\n")
    for cid in sorted(days):
        cal = sorted(d for d in days[cid] if d <= end)
        first = cal[0]
        x = len(cal) - 1
        tx = (cal[-1] - first).days / 7
        T = (end - first).days / 7
        m = sum(days[cid][d] for d in cal[1:]) / x if x else 0
        hold = sum(1 for d in days[cid] if end < d <= holdout_end)
        f.write(f"{cid},{x},{tx!r},{T!r},{m!r},{hold}\n")
