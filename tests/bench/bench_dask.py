"""The Dask figure of `make bench`: thidua.stability(..., client=) on a LocalCluster of worker processes, one thread
each, the tables checked equal to the local run's byte for byte. Prints one line; exits 1 when the target is missed.

    dask_100k   100 000 draws of Thanh Xuân (27 units, weight jitter 0.1, value noise 0.05):
                2 workers vs 1 worker                                                        target ≥ 1.5×

Each cluster is started, and its workers import thidua (a first short run), before the timing: the figure is the
analysis, each worker scoring the report again from its documents and sending its counts back, not the start-up.
"""

import os
import sys

from distributed import Client, LocalCluster

import thidua
from bench import best_of, figure

EXAMPLE = os.path.join(os.path.dirname(__file__), "..", "..", "docs", "examples", "thanh-xuan-2023")
OPTIONS = dict(draws=100_000, weight_jitter=0.1, value_noise=0.05, seed=1, progress=False, margins=False)


def on_workers(report, workers):
    """The best of three runs on a new cluster of `workers` processes, and its table."""
    with LocalCluster(n_workers=workers, processes=True, threads_per_worker=1, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        client.wait_for_workers(workers)
        thidua.stability(report, **{**OPTIONS, "draws": 10}, client=client)
        return best_of(3, lambda: thidua.stability(report, **OPTIONS, client=client))


def dask_100k():
    report = thidua.load_campaign(os.path.join(EXAMPLE, "campaign.json")).score(os.path.join(EXAMPLE, "results.json"))
    here = thidua.stability(report, **OPTIONS).to_csv()
    one, table_one = on_workers(report, 1)
    two, table_two = on_workers(report, 2)
    assert table_one.to_csv() == here and table_two.to_csv() == here
    figure("dask_100k", "100 000 draws on 2 workers (Thanh Xuân)", two, one / two, f"1 worker ({one:.3f} s)", 1.5)
    # What the machine gives two threads of one process meanwhile: the ceiling of the figure while others run.
    one_thread, _ = best_of(3, lambda: thidua.stability(report, **OPTIONS, threads=1))
    two_threads, _ = best_of(3, lambda: thidua.stability(report, **OPTIONS, threads=2))
    print(f"{'':<14} meanwhile 2 threads here: {one_thread / two_threads:.2f} × 1 thread ({one_thread:.3f} s); load "
          f"average {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")


if __name__ == "__main__":
    import bench

    dask_100k()
    sys.exit(1 if bench.missed else 0)
