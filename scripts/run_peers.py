"""The side-by-side benchmark harness of ../shared/bench/run_peers.py, with
the jobs of this repository's own programs that it does not list, so that
every figure of the README's Performance section comes out of one run.

The shared harness does the work: it waits for an idle machine before each
run, times it under /usr/bin/time -v and summarises the rounds. This file
only adds jobs to its table. Binaries are taken from $PERF (default
/tmp/perf), built there from this repository:

    go build -o $PERF/mrrbench ./examples/mrrbench
    go build -o $PERF/tallybench_v1 ./examples/tallybench
    GOAMD64=v3 go build -o $PERF/tallybench_v3 ./examples/tallybench
    GOEXPERIMENT=simd go build -o $PERF/simdtally ./examples/simdtally

Usage, as the shared harness's:

    PERF=/tmp/perf python3 scripts/run_peers.py --rounds 2 mrr nps cx
"""
import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "shared", "bench", "run_peers.py")

spec = importlib.util.spec_from_file_location("shared_run_peers", SHARED)
peers = importlib.util.module_from_spec(spec)
spec.loader.exec_module(peers)
shared_jobs = peers.jobs


def jobs():
    t = shared_jobs()
    P, MRR, ANS = peers.P, peers.MRR, peers.ANS
    mrr = [f"{P}/mrrbench", "-in", MRR]
    cx = t["cx_period"][3]
    t.update({
        # MovementsConcurrent: the rows decoded into records before the clock.
        "cx_period_w2": (mrr + ["-workers", "2"], P, {}, cx),
        "cx_any_w2": (mrr + ["-workers", "2", "-order", "any"], P, {}, cx),
        "cx_any_w2_shuffled": (mrr + ["-workers", "2", "-order", "any", "-shuffle"], P, {}, cx),
        "cx_period_w1": (mrr + ["-workers", "1"], P, {}, cx),
        "cx_any_w1": (mrr + ["-workers", "1", "-order", "any"], P, {}, cx),
        "cx_any_w1_shuffled": (mrr + ["-workers", "1", "-order", "any", "-shuffle"], P, {}, cx),
        "cx_period_w2_cold": (mrr + ["-workers", "2", "-reps", "1"], P, {}, cx),
        # tallybench prints TallyConcurrent and the unrolled word read too.
        "tally_v1": (t["tally_v1"][0], P, {},
                     {"nps": r"tally_nps_seconds=([\d.]+)", "nps_w2": r"tally_concurrent_nps_seconds=([\d.]+)",
                      "read4_1core": r"word_read_seconds=([\d.]+)", "read4_2cores": r"word_read_split_seconds=([\d.]+)"}),
        "simd": ([f"{P}/simdtally", ANS], P, {},
                 {"nps": r"simd_planes_seconds=([\d.]+)", "nps_w2": r"simd_planes_two_cores_seconds=([\d.]+)"}),
    })
    return t


def main():
    # "cx" stands for this file's jobs, as "mrr" and "nps" do for the
    # shared ones.
    mine = ["cx_period_w2", "cx_any_w2", "cx_any_w2_shuffled", "cx_period_w1", "cx_any_w1",
            "cx_any_w1_shuffled", "cx_period_w2_cold", "simd"]
    args = []
    for a in sys.argv[1:]:
        args += mine if a == "cx" else [a]
    sys.argv[1:] = args
    peers.jobs = jobs
    peers.main()


if __name__ == "__main__":
    main()
