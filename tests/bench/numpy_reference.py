"""The bulk benchmark's scoring written in vectorised numpy, as an analyst would: the baseline thidua must beat.

It covers what tests/bench/bulk.json uses (one phase; ratio with linear credit, exceed bonus and all-or-nothing
credit; bands; boolean; manual; classes by score; competition ranks per cluster), in exact integer micros with the
campaign's rounding (half up), so that its results can be compared with thidua's exactly.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
MICRO = 1_000_000


def bulk_rules():
    with open(HERE / "bulk.json", encoding="utf-8") as handle:
        return json.load(handle)


def bulk_campaign(clusters: int, criteria: int) -> dict:
    """The campaign document of the bulk benchmark (the population replaces its placeholder unit)."""
    doc = bulk_rules()
    rules = doc.pop("rules")
    doc.pop("criteria_pattern")
    doc["clusters"] = [{"id": f"c{g}"} for g in range(clusters)]
    doc["criteria"] = [{"id": f"k{k}", "max_points": 10, "rule": rules[k % len(rules)]} for k in range(criteria)]
    doc["units"] = [{"id": "placeholder", "kind": "commune", "cluster": "c0"}]
    return doc


def bulk_values(units: int, criteria: int, seed: int = 2024) -> np.ndarray:
    """Values in micros suited to each criterion's rule (the same distributions as tests/bench/synthetic.hpp)."""
    rng = np.random.default_rng(seed)
    values = np.empty((units, criteria), dtype=np.int64)
    for k in range(criteria):
        kind = k % 6
        if kind == 0:
            values[:, k] = rng.integers(0, 13, units) * MICRO
        elif kind == 1:
            values[:, k] = rng.integers(0, 12, units) * MICRO
        elif kind == 2:
            values[:, k] = rng.integers(0, 8, units) * MICRO
        elif kind == 3:
            values[:, k] = rng.integers(0, 11, units) * MICRO
        elif kind == 4:
            values[:, k] = (rng.integers(0, 4, units) > 0) * MICRO
        else:
            values[:, k] = rng.integers(0, 1001, units) * 10_000
    return values


def _round_div(num: np.ndarray, den, step: int) -> np.ndarray:
    """round(num / den) half up to a multiple of `step` micros (num ≥ 0)."""
    d = np.asarray(den, dtype=np.int64) * step
    q, r = np.divmod(num, d)
    return (q + (2 * r >= d)) * step


def criterion_points(values: np.ndarray, campaign: dict):
    """Points (micros) of every unit on every criterion, and every unit's exceed bonus."""
    precision = campaign.get("precision", 2)
    step = 10 ** (6 - precision)
    points = np.zeros(values.shape, dtype=np.int64)
    exceed = np.zeros(values.shape[0], dtype=np.int64)
    for k, criterion in enumerate(campaign["criteria"]):
        rule = criterion["rule"]
        m = int(criterion["max_points"]) * MICRO
        v = values[:, k]
        if rule["kind"] == "ratio":
            t = int(rule["target"]) * MICRO
            if rule.get("credit") == "all_or_nothing":
                p = np.where(v >= t, m, 0)
            else:
                p = np.where(v >= t, m, _round_div(m * v, t, step))
            if "exceed" in rule:
                e = rule["exceed"]
                steps = np.where(v > t, (v - t) * 100 // (t * int(e["step_percent"])), 0)
                bonus = steps * int(round(float(e["points_per_step"]) * MICRO))
                exceed += np.minimum(bonus, int(round(float(e["cap"]) * MICRO)))
        elif rule["kind"] == "bands":
            p = np.zeros_like(v)
            for band in reversed(rule["bands"]):  # worst first, better bands overwrite
                p = np.where(v >= int(band["at_least"]) * MICRO, int(band["points"]) * MICRO, p)
        elif rule["kind"] == "boolean":
            p = np.where(v != 0, m, 0)
        else:  # manual, already at the precision
            p = _round_div(v, 1, step)
        points[:, k] = p
    return points, exceed


def cluster_ranks(total: np.ndarray, clusters: np.ndarray) -> np.ndarray:
    """Competition ranks inside each cluster: 1 + the number of units of the cluster with a higher total."""
    order = np.lexsort((-total, clusters))
    sorted_clusters, sorted_totals = clusters[order], total[order]
    first_of_cluster = np.searchsorted(sorted_clusters, sorted_clusters, side="left")
    new_total = np.r_[True, (sorted_totals[1:] != sorted_totals[:-1]) | (sorted_clusters[1:] != sorted_clusters[:-1])]
    run_start = np.maximum.accumulate(np.where(new_total, np.arange(len(order)), 0))
    ranks = np.empty_like(order)
    ranks[order] = run_start - first_of_cluster + 1
    return ranks


def classes(total: np.ndarray, campaign: dict) -> np.ndarray:
    """Class indices by min_score (the bulk campaign has no other condition)."""
    thresholds = [int(c["min_score"]) * MICRO for c in campaign["classes"] if "min_score" in c]
    cls = np.full(total.shape, len(campaign["classes"]) - 1)
    for i, threshold in reversed(list(enumerate(thresholds))):
        cls = np.where(total >= threshold, i, cls)
    return cls


def score(values: np.ndarray, clusters: np.ndarray, campaign: dict):
    """Totals (micros), class indices and cluster ranks of every unit."""
    step = 10 ** (6 - campaign.get("precision", 2))
    points, exceed = criterion_points(values, campaign)
    max_sum = sum(int(c["max_points"]) * MICRO for c in campaign["criteria"])
    scale = int(campaign.get("scale", 100)) * MICRO
    base = _round_div(scale * points.sum(axis=1), max_sum, step)
    total = base + np.minimum(exceed, int(campaign["bonus_cap"]) * MICRO)
    return total, classes(total, campaign), cluster_ranks(total, clusters)


def stability_draw(points: np.ndarray, max_points: np.ndarray, bonus: np.ndarray, factors: np.ndarray,
                   clusters: np.ndarray, campaign: dict):
    """One stability draw as an analyst would vectorise it: jittered totals, then classes and cluster ranks."""
    scale = float(campaign.get("scale", 100))
    total = np.round((scale * (points @ factors) / (max_points @ factors) + bonus) * MICRO).astype(np.int64)
    return classes(total, campaign), cluster_ranks(total, clusters)
