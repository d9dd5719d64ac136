"""An independent reference scorer (test oracle) for thidua, written from the specification only.

It follows docs/semantics.md §4, steps 1–10, as plainly as possible, so that the library can be compared with it
unit by unit.  It does not validate its input (give it valid documents) and it computes only what a golden case's
``expect.units`` entry carries:

    points, phases, base, bonus, penalty, total, class, cluster_rank, overall_rank, tie_broken_by, awards, award_cash

Earlier years (history gates, docs/semantics.md §17) come as saved report documents; the dated legal tables (base
salary, collective award multipliers by decree) are copied below from docs/legal.md, not taken from the library.

Arithmetic is exact: every number is a ``fractions.Fraction``; rounding happens exactly once at (a) a criterion's
points and its exceed bonus, (b) a phase score, (c) the base score, each computed from the rounded results before it.
Decimals are returned as strings at the campaign's precision.

Where docs/semantics.md could be read two ways, the oracle reads it as follows (the library agrees on each):
- "applicable" criterion-phase pairs (met share, exceeded share, all mandatory met) are those in the unit's scale:
  status reported or missing; exempt and not_applicable rows leave them out, as they leave the scale.
- a veto (`forces_class`) is a class condition: every class above the forced one fails for the unit, so the unit
  takes no quota place there and is not counted by a `share_of` base for those classes (golden case 15).
- `criterion` tie-break: the criterion's rounded points summed over the phases, 0 when it has none; exceed bonuses
  are bonus, not criterion points.  `earliest_submission` looks at rows whose status is `reported` only.
- `vote` tie-break: units without a vote last (golden case 11).
- an exceed bonus is computed and capped per criterion-phase pair; only r > 1 can earn one.
- event counts of one adjustment are summed over its rows before the adjustment's cap.
- `min_count` qualifies `max_share` only; `exclusive_with` looks at awards already given (listed earlier).
- "tied with the last admitted/receiver" means the same competition rank in the ranking that ordered the visit
  (cluster ranking for classes and cluster awards, overall ranking for overall awards); tied units must still pass
  the class conditions or the award gates; a quota of 0 admits nobody.

This is test code: it lives under tests/ and is never shipped in the package.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from fractions import Fraction

ROUNDING_MODES = ("half_up", "half_even", "down", "up")

# docs/legal.md: the base salary from each date on, and each decree's period and collective award multipliers.
BASE_SALARIES = [("2018-07-01", 1_390_000), ("2019-07-01", 1_490_000), ("2023-07-01", 1_800_000),
                 ("2024-07-01", 2_340_000)]
DECREES = [("2017-10-01", "2023-12-31", {"co-thi-dua-chinh-phu": 12, "co-thi-dua-tinh": 8,
                                         "tap-the-lao-dong-xuat-sac": Fraction(3, 2),
                                         "tap-the-lao-dong-tien-tien": Fraction(4, 5), "thon-van-hoa": Fraction(3, 2)}),
           ("2024-01-01", "2025-06-30", {"co-thi-dua-chinh-phu": 12, "co-thi-dua-tinh": 8,
                                         "tap-the-lao-dong-xuat-sac": Fraction(3, 2),
                                         "tap-the-lao-dong-tien-tien": Fraction(4, 5), "xa-phuong-tieu-bieu": 2,
                                         "thon-van-hoa": Fraction(3, 2)}),
           ("2025-07-01", "9999-12-31", {"co-thi-dua-chinh-phu": 12, "co-thi-dua-tinh": 8,
                                         "tap-the-lao-dong-xuat-sac": Fraction(3, 2),
                                         "tap-the-lao-dong-tien-tien": Fraction(4, 5), "xa-phuong-tieu-bieu": 2,
                                         "thon-van-hoa": Fraction(3, 2)})]


# --------------------------------------------------------------------------------------------------------------------
# Small exact helpers
# --------------------------------------------------------------------------------------------------------------------

def num(value) -> Fraction:
    """An input number (int, decimal string, Decimal) read exactly.  Floats are never expected."""
    if isinstance(value, bool):
        return Fraction(int(value))
    if isinstance(value, Fraction):
        return value
    if isinstance(value, float):  # only to be forgiving; the inputs of the tests never carry floats
        return Fraction(Decimal(repr(value)))
    return Fraction(Decimal(str(value)))


def round_to(x: Fraction, precision: int, mode: str) -> Fraction:
    """x rounded to `precision` fractional digits with one of the four modes of docs/semantics.md §3."""
    scaled = x * 10 ** precision
    sign = -1 if scaled < 0 else 1
    a = abs(scaled)
    whole, rest = divmod(a.numerator, a.denominator)
    rest = Fraction(rest, a.denominator)          # 0 <= rest < 1, the part being rounded away
    if mode == "down":                            # toward zero
        n = whole
    elif mode == "up":                            # away from zero
        n = whole + (1 if rest else 0)
    elif mode == "half_up":                       # away from zero at exactly .5
        n = whole + (1 if rest >= Fraction(1, 2) else 0)
    elif mode == "half_even":                     # to the even neighbour at exactly .5
        if rest > Fraction(1, 2) or (rest == Fraction(1, 2) and whole % 2 == 1):
            n = whole + 1
        else:
            n = whole
    else:
        raise ValueError(mode)
    return Fraction(sign * n, 10 ** precision)


def fmt(x: Fraction, precision: int) -> str:
    """An already rounded number as the report writes it: a decimal string with exactly `precision` digits."""
    scaled = x * 10 ** precision
    assert scaled.denominator == 1, f"{x} is not at precision {precision}"
    return format(Decimal(scaled.numerator).scaleb(-precision), "f")


def shortest(x: Fraction) -> str:
    """An exact amount in its shortest decimal form ("18720000", "2235000.5")."""
    text = format(Decimal(x.numerator) / Decimal(x.denominator), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def date(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def fnv1a_64(text: str) -> int:
    """FNV-1a, 64 bits, over the UTF-8 bytes of text (the `lot` tie-break)."""
    h = 0xCBF29CE484222325
    for byte in text.encode("utf-8"):
        h ^= byte
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def is_true(value) -> bool:
    """A boolean criterion's value: true or 1 gives max, false or 0 gives 0."""
    if isinstance(value, bool):
        return value
    return num(value) == 1


# --------------------------------------------------------------------------------------------------------------------
# The scorer
# --------------------------------------------------------------------------------------------------------------------

class Oracle:
    """Scores one campaign document against one results document (both plain dicts, already valid)."""

    def __init__(self, campaign: dict, results: dict, history=()):
        self.c = campaign
        self.r = results
        self.precision = int(campaign.get("precision", 2))
        self.mode = campaign.get("rounding", "half_up")
        self.scale = num(campaign.get("scale", 100))

        self.units = campaign["units"]
        self.unit = {u["id"]: u for u in self.units}
        self.criteria = {c["id"]: c for c in campaign["criteria"]}
        self.groups = {g["id"]: g for g in campaign.get("groups", [])}
        self.classes = campaign["classes"]
        self.class_index = {k["id"]: i for i, k in enumerate(self.classes)}
        self.tie_breaks = campaign.get("tie_breaks", [])

        # A campaign without phases has one implicit phase `main` from start to end using every criterion (§2).
        if "phases" in campaign:
            self.phases = campaign["phases"]
        else:
            self.phases = [{"id": "main", "start": campaign["start"], "end": campaign["end"], "weight": 1,
                            "criteria": [c["id"] for c in campaign["criteria"]]}]
        self.phase = {p["id"]: p for p in self.phases}

        # Registered targets: (unit, criterion, phase or None) -> value.
        self.targets = {(t["unit"], t["criterion"], t.get("phase")): num(t["value"])
                        for t in campaign.get("targets", [])}

        # Result rows by (unit, criterion, phase); each row's phase is resolved from `phase`, `date` or the only phase.
        self.rows = {}
        self.unit_rows = {u["id"]: [] for u in self.units}
        for row in results.get("results", []):
            ph = self.phase_of(row)
            self.rows[(row["unit"], row["criterion"], ph)] = row
            self.unit_rows[row["unit"]].append((ph, row))

        self.events = results.get("events", [])
        self.votes = {v["unit"]: Fraction(num(v["yes"])) / num(v["of"]) for v in results.get("votes", [])}

        # Earlier years: year -> the records of each unit of this campaign, (own record?, class, awards).
        self.history_given = bool(history)
        self.year = int(campaign["end"][:4])
        owner = {p: u["id"] for u in self.units for p in u.get("predecessors", [])}
        owner.update({u["id"]: u["id"] for u in self.units})
        self.past = {}
        for doc in history:
            year = int(doc["period"]["end"][:4])
            for past in doc["units"]:
                now = owner[past["id"]]
                record = (past["id"] == now, past["class"], past["awards"])
                self.past.setdefault(year, {}).setdefault(now, []).append(record)

    # -- helpers -------------------------------------------------------------------------------------------------------

    def rnd(self, x: Fraction) -> Fraction:
        return round_to(x, self.precision, self.mode)

    def phase_of(self, row) -> str:
        if "phase" in row:
            return row["phase"]
        if "date" in row:
            d = date(row["date"])
            for p in self.phases:
                if date(p["start"]) <= d <= date(p["end"]):
                    return p["id"]
            raise ValueError(f"date outside every phase: {row}")
        assert len(self.phases) == 1
        return self.phases[0]["id"]

    def applies(self, criterion: dict, unit: dict) -> bool:
        kinds = criterion.get("applies_to")
        return kinds is None or unit["kind"] in kinds

    def target_for(self, row, unit_id, crit_id, phase_id, rule) -> Fraction:
        """The row's target, else the unit's registered target for the phase, else for all phases, else the rule's."""
        if "target" in row:
            return num(row["target"])
        if (unit_id, crit_id, phase_id) in self.targets:
            return self.targets[(unit_id, crit_id, phase_id)]
        if (unit_id, crit_id, None) in self.targets:
            return self.targets[(unit_id, crit_id, None)]
        return num(rule["target"])

    # -- step 3: points of one reported row -------------------------------------------------------------------------

    def points(self, row, unit_id, crit, phase_id):
        """(points, met, ratio or None, exceed bonus) for a reported row; points and bonus rounded once."""
        mx = num(crit["max_points"])
        rule = crit["rule"]
        kind = rule["kind"]
        value = row["value"]
        if kind == "ratio":
            r = num(value) / self.target_for(row, unit_id, crit["id"], phase_id, rule)
            if r >= 1:
                pts = mx
            elif r < num(rule.get("min_ratio", 0)):
                pts = Fraction(0)
            elif rule.get("credit", "linear") == "all_or_nothing":
                pts = Fraction(0)
            else:
                pts = mx * r
            bonus = Fraction(0)
            exceed = rule.get("exceed")
            if exceed is not None and r > 1:
                steps = ((r - 1) * 100 / num(exceed["step_percent"])).__floor__()
                bonus = steps * num(exceed["points_per_step"])
                if "cap" in exceed:
                    bonus = min(bonus, num(exceed["cap"]))
            pts = self.rnd(pts)
            # For ratio a criterion is met when r >= 1, whatever the rounding.
            return pts, r >= 1, r, self.rnd(bonus)
        if kind == "bands":
            v = num(value)
            pts = Fraction(0)
            bands = rule["bands"]
            if "at_least" in bands[0]:
                # higher is better: the highest threshold <= value wins
                fitting = [b for b in bands if num(b["at_least"]) <= v]
                if fitting:
                    pts = num(max(fitting, key=lambda b: num(b["at_least"]))["points"])
            else:
                # lower is better: the lowest threshold >= value wins
                fitting = [b for b in bands if num(b["at_most"]) >= v]
                if fitting:
                    pts = num(min(fitting, key=lambda b: num(b["at_most"]))["points"])
        elif kind == "boolean":
            pts = mx if is_true(value) else Fraction(0)
        elif kind == "manual":
            pts = num(value)
        else:
            raise ValueError(kind)
        pts = self.rnd(pts)
        return pts, pts == mx, None, Fraction(0)

    # -- steps 1–7 for one unit -------------------------------------------------------------------------------------

    def score_unit(self, unit: dict) -> dict:
        uid = unit["id"]
        out = {
            "points": {},            # "phase/criterion" -> rounded points (reported and missing only)
            "phases": {},            # phase id -> rounded phase score (phases left in only)
            "crit_sum": {},          # criterion id -> Σ points over phases (for the `criterion` tie-break)
            "pairs": 0,              # applicable criterion-phase pairs
            "met": 0,                # of which met
            "mandatory_ok": True,    # every applicable mandatory criterion met in every phase
            "ratio_pairs": 0,        # applicable ratio pairs
            "exceeded": 0,           # of which r > 1
            "exceed_bonus": Fraction(0),
        }
        for phase in self.phases:
            pid = phase["id"]
            in_scale = []  # (criterion, points) of the criteria in this unit's scale in this phase
            for cid in phase["criteria"]:
                crit = self.criteria[cid]
                # Step 1: applicability by unit kind.
                if not self.applies(crit, unit):
                    continue
                # Step 2: status; no row counts as missing.
                row = self.rows.get((uid, cid, pid))
                status = row.get("status", "reported") if row is not None else "missing"
                if status in ("exempt", "not_applicable"):
                    continue  # out of the unit's scale
                if status == "missing":
                    pts, met, r, bonus = Fraction(0), False, None, Fraction(0)
                else:
                    pts, met, r, bonus = self.points(row, uid, crit, pid)
                in_scale.append((crit, pts))
                out["points"][f"{pid}/{cid}"] = pts
                out["crit_sum"][cid] = out["crit_sum"].get(cid, Fraction(0)) + pts
                out["exceed_bonus"] += bonus
                out["pairs"] += 1
                out["met"] += 1 if met else 0
                if crit.get("mandatory", False) and not met:
                    out["mandatory_ok"] = False
                if crit["rule"]["kind"] == "ratio":
                    out["ratio_pairs"] += 1
                    out["exceeded"] += 1 if (r is not None and r > 1) else 0
            # Step 4: phase score from rounded points; groups replace the sums by capped group sums.
            if not in_scale:
                continue  # nothing applies: the phase is left out
            if self.groups:
                got, of = Fraction(0), Fraction(0)
                for gid, group in self.groups.items():
                    members = [(c, p) for c, p in in_scale if c.get("group") == gid]
                    if not members:
                        continue
                    g_pts = sum((p for _, p in members), Fraction(0))
                    g_max = sum((num(c["max_points"]) for c, _ in members), Fraction(0))
                    if "max_points" in group:
                        g_pts = min(g_pts, num(group["max_points"]))
                        g_max = min(g_max, num(group["max_points"]))
                    got += g_pts
                    of += g_max
            else:
                got = sum((p for _, p in in_scale), Fraction(0))
                of = sum((num(c["max_points"]) for c, _ in in_scale), Fraction(0))
            out["phases"][pid] = self.rnd(self.scale * got / of)

        # Step 5: base = Σ weight × phase score / Σ weight over the phases left in.
        if out["phases"]:
            weights = {p["id"]: num(p.get("weight", 1)) for p in self.phases}
            w_sum = sum((weights[pid] for pid in out["phases"]), Fraction(0))
            w_score = sum((weights[pid] * s for pid, s in out["phases"].items()), Fraction(0))
            out["base"] = self.rnd(w_score / w_sum)
        else:
            out["base"] = Fraction(0)

        # Step 6: adjustments.
        bonuses = out["exceed_bonus"]
        penalties = Fraction(0)
        out["disqualified"] = False
        out["forced"] = []  # class ids forced by vetoes
        for adj in self.c.get("adjustments", []):
            mine = [e for e in self.events if e["unit"] == uid and e["adjustment"] == adj["id"]]
            if not mine:
                continue
            if adj["kind"] == "disqualify":
                out["disqualified"] = True
                if "forces_class" in adj:
                    out["forced"].append(adj["forces_class"])
                continue
            count = sum((num(e.get("count", 1)) for e in mine), Fraction(0))
            amount = count * num(adj["points_per_item"])
            if "cap" in adj:
                amount = min(amount, num(adj["cap"]))
            if adj["kind"] == "bonus":
                bonuses += amount
            else:
                penalties += amount
        late = self.c.get("late_penalty")
        if late is not None:
            late_phases = []  # one entry per late row: its phase
            for pid, row in self.unit_rows[uid]:
                due = self.phase[pid].get("report_due")
                if due is not None and "submitted" in row and date(row["submitted"]) > date(due):
                    late_phases.append(pid)  # whatever the row's status; on the due date is on time
            per = late.get("per", "row")
            n_late = (len(late_phases) if per == "row" else len(set(late_phases)) if per == "phase"
                      else min(len(late_phases), 1))
            if n_late:
                amount = n_late * num(late["per_report"])
                if "cap" in late:
                    amount = min(amount, num(late["cap"]))
                penalties += amount
        if "bonus_cap" in self.c:
            bonuses = min(bonuses, num(self.c["bonus_cap"]))
        if "penalty_cap" in self.c:
            penalties = min(penalties, num(self.c["penalty_cap"]))
        out["bonus"] = bonuses
        out["penalty"] = penalties
        # Step 7: total, not below zero.
        out["total"] = max(Fraction(0), out["base"] + bonuses - penalties)

        # For the earliest_submission tie-break: the latest `submitted` date among the unit's reported rows.
        dates = [date(row["submitted"]) for _, row in self.unit_rows[uid]
                 if row.get("status", "reported") == "reported" and "submitted" in row]
        out["latest_submission"] = max(dates) if dates else None
        return out

    # -- step 9: ranking -------------------------------------------------------------------------------------------

    def tie_key(self, rule: dict, uid: str):
        """A sort key for one tie-break rule: smaller sorts first; units lacking the figure sort last."""
        s = self.scored[uid]
        kind = rule["kind"]
        if kind == "criterion":
            return (0, -s["crit_sum"].get(rule["criterion"], Fraction(0)))
        if kind == "phase":
            score = s["phases"].get(rule["phase"])
            return (1, 0) if score is None else (0, -score)
        if kind == "bonus":
            return (0, -s["bonus"])
        if kind == "penalty":
            return (0, s["penalty"])
        if kind == "earliest_submission":
            d = s["latest_submission"]
            return (1, 0) if d is None else (0, d.toordinal())
        if kind == "vote":
            v = self.votes.get(uid)
            return (1, 0) if v is None else (0, -v)
        if kind == "attribute":
            raw = self.unit[uid].get("attributes", {}).get(rule["attribute"])
            try:
                v = None if raw is None or isinstance(raw, bool) else num(raw)
            except Exception:
                v = None  # a non-numeric attribute counts as absent
            if "at_least" in rule:  # a threshold: at or above it first, the rest (the unknown too) after
                return (0, 0) if v is not None and v >= num(rule["at_least"]) else (0, 1)
            if v is None:
                return (1, 0)
            return (0, v) if rule.get("order", "desc") == "asc" else (0, -v)
        if kind == "lot":
            return (0, fnv1a_64(f"{rule['seed']}:{uid}"))
        raise ValueError(kind)

    @staticmethod
    def label(rule: dict) -> str:
        """tie_broken_by: the title, else kind:argument for criterion/phase/attribute, else the bare kind."""
        if rule.get("title"):
            return rule["title"]
        for arg in ("criterion", "phase", "attribute"):
            if rule["kind"] == arg:
                written = format(Decimal(str(rule.get("at_least", 0))), "f")
                shortest = written.rstrip("0").rstrip(".") if "." in written else written
                threshold = f">={shortest}" if "at_least" in rule else ""
                return f"{arg}:{rule[arg]}{threshold}"
        return rule["kind"]

    def rank(self, uids):
        """Rank units by total, then the tie-breaks inside groups still tied.

        Returns (order, rank, broken_by): order is the final order (tied units adjacent), rank the competition rank,
        broken_by the tie_broken_by label (None when not tied on total, "unresolved" when no rule separated it).
        """
        broken_by = {}

        def split(group, i):
            """Final still-tied subgroups of `group`, in order, applying tie-breaks from index i on."""
            if len(group) == 1 or i == len(self.tie_breaks):
                return [group]
            rule = self.tie_breaks[i]
            keyed = sorted(group, key=lambda u: self.tie_key(rule, u))
            subgroups, last = [], object()
            for u in keyed:
                k = self.tie_key(rule, u)
                if subgroups and k == last:
                    subgroups[-1].append(u)
                else:
                    subgroups.append([u])
                last = k
            result = []
            for sub in subgroups:
                if len(sub) == 1 and len(group) > 1:
                    broken_by[sub[0]] = self.label(rule)  # this rule shrank its group to the unit alone
                result.extend(split(sub, i + 1))
            return result

        by_total = {}
        for u in uids:
            by_total.setdefault(self.scored[u]["total"], []).append(u)
        final = []
        for total in sorted(by_total, reverse=True):
            group = by_total[total]
            if len(group) == 1:
                broken_by[group[0]] = None  # not tied on total
                final.append(group)
            else:
                final.extend(split(group, 0))
        order, rank = [], {}
        for group in final:
            for u in group:
                rank[u] = len(order) + 1
                if len(group) > 1:
                    broken_by[u] = "unresolved"
            order.extend(group)
        return order, rank, broken_by

    # -- earlier years (§17) -------------------------------------------------------------------------------------

    def past_passes(self, uid: str, year: int, test) -> bool:
        """Whether unit uid's records of `year` pass `test`: its own record, else every (or any) predecessor's."""
        records = self.past.get(year, {}).get(uid, [])
        own = [r for r in records if r[0]]
        if own:
            return test(own[0])
        if not records:
            return False
        results = [test(r) for r in records]
        if self.c.get("history_predecessors", "all") == "any":
            return any(results)
        return len(records) == len(self.unit[uid].get("predecessors", [])) and all(results)

    def history_holds(self, gate: dict, uid: str, award_id=None) -> bool:
        """The years before this one against a gate; without any history a look back of 2 years or more fails."""
        years = int(gate.get("consecutive_years", 0))
        if not self.history_given:
            return years <= 1
        if years > 0:
            wanted = self.class_index[gate["class_at_least"]]
            held = lambda r: r[1] in self.class_index and self.class_index[r[1]] <= wanted
            if not all(self.past_passes(uid, y, held) for y in range(self.year - 1, self.year - years, -1)):
                return False
        for y in range(self.year - 1, self.year - int(gate.get("not_within_years", 0)) - 1, -1):
            if self.received_in(uid, y, award_id):
                return False
        return True

    def received_in(self, uid: str, year: int, award_id: str) -> bool:
        """Whether the unit (or, for a merged unit, all/any of its predecessors as the campaign says) received the award."""
        records = self.past.get(year, {}).get(uid, [])
        own = [r for r in records if r[0]]
        if own:
            return award_id in own[0][2]
        got = [award_id in r[2] for r in records]
        if self.c.get("history_predecessors", "all") == "any":
            return bool(got) and all(got)
        return any(got)

    def award_amount(self, award: dict) -> Fraction:
        """Cash per receiver: `cash`, else the multiplier (the award's, or its legal title's on the decision date)
        × the base salary (the campaign's, or the one in force on the decision date)."""
        if "cash" in award:
            return num(award["cash"])
        decided = self.c.get("decided", "")
        multiplier = award.get("multiplier")
        if multiplier is None and "legal_title" in award:
            multiplier = next(t[award["legal_title"]] for start, end, t in DECREES if start <= decided <= end)
        if multiplier is None:
            return Fraction(0)
        base = self.c.get("base_salary", "legal")  # a legal title without a base salary follows the table
        if base == "legal":
            base = [amount for start, amount in BASE_SALARIES if start <= decided][-1]
        return num(multiplier) * num(base)

    # -- step 8: classification ---------------------------------------------------------------------------------

    def conditions_hold(self, klass: dict, uid: str) -> bool:
        """A class's conditions for a unit, quotas ignored; a veto (forces_class) bars every class above it."""
        s = self.scored[uid]
        index = self.class_index[klass["id"]]
        for forced in s["forced"]:
            if index < self.class_index[forced]:
                return False
        if "min_score" in klass and not s["total"] >= num(klass["min_score"]):
            return False
        if klass.get("requires_all_mandatory", False) and not s["mandatory_ok"]:
            return False
        if "min_met_share" in klass:
            if s["pairs"] == 0 or Fraction(s["met"], s["pairs"]) < num(klass["min_met_share"]):
                return False
        if "min_exceeded_share" in klass:
            if s["ratio_pairs"] == 0 or Fraction(s["exceeded"], s["ratio_pairs"]) < num(klass["min_exceeded_share"]):
                return False
        if klass.get("exclude_disqualified", False) and s["disqualified"]:
            return False
        if "history" in klass and not self.history_holds(klass["history"], uid):
            return False
        return True

    def classify_cluster(self, members, order, rank):
        """Classes tried in order; quotas admit units in cluster rank order, ties with the last admitted included."""
        result = {}
        for klass in self.classes:
            candidates = [u for u in order if u not in result and self.conditions_hold(klass, u)]
            if "max_share" in klass:
                if "share_of" in klass:
                    # units whose conditions satisfy the share_of class or a higher one
                    upto = self.class_index[klass["share_of"]]
                    base = sum(1 for u in members
                               if any(self.conditions_hold(k, u) for k in self.classes[:upto + 1]))
                else:
                    base = len(members)
                quota = (num(klass["max_share"]) * base).__floor__()
                admitted = candidates[:quota]
                if admitted:
                    last_rank = rank[admitted[-1]]
                    admitted += [u for u in candidates[quota:] if rank[u] == last_rank]
            else:
                admitted = candidates
            for u in admitted:
                result[u] = klass["id"]
        return result

    # -- step 10: awards -----------------------------------------------------------------------------------------------

    def give_awards(self, clusters_order, overall_order, cluster_rank, overall_rank, klass):
        awards = {u["id"]: [] for u in self.units}
        for award in self.c.get("awards", []):
            if award.get("scope", "cluster") == "overall":
                scopes = [(overall_order, overall_rank)]
            else:
                scopes = [(order, cluster_rank) for order in clusters_order]
            for order, rank in scopes:
                if "count" in award:
                    n = int(num(award["count"]))
                else:
                    n = (num(award["max_share"]) * len(order)).__floor__()
                    n = max(n, int(num(award.get("min_count", 0))))

                def passes(u):
                    s = self.scored[u]
                    if s["disqualified"]:
                        return False
                    if "min_class" in award and self.class_index[klass[u]] > self.class_index[award["min_class"]]:
                        return False
                    if "min_score" in award and not s["total"] >= num(award["min_score"]):
                        return False
                    if "min_vote_share" in award:
                        v = self.votes.get(u)
                        if v is None or v < num(award["min_vote_share"]):
                            return False
                    if any(x in awards[u] for x in award.get("exclusive_with", [])):
                        return False
                    if "history" in award:
                        gate = award["history"]
                        if int(gate.get("consecutive_years", 0)) > 0 and \
                                self.class_index[klass[u]] > self.class_index[gate["class_at_least"]]:
                            return False  # this year's class is the first of the consecutive years
                        if not self.history_holds(gate, u, award["id"]):
                            return False
                    return True

                eligible = [u for u in order if passes(u)]
                receivers = eligible[:n]
                if receivers:
                    last_rank = rank[receivers[-1]]
                    receivers += [u for u in eligible[n:] if rank[u] == last_rank]
                for u in receivers:
                    awards[u].append(award["id"])
        return awards

    # -- everything ---------------------------------------------------------------------------------------------------

    def run(self) -> dict:
        self.scored = {u["id"]: self.score_unit(u) for u in self.units}

        cluster_members = {cl["id"]: [u["id"] for u in self.units if u["cluster"] == cl["id"]]
                           for cl in self.c["clusters"]}
        cluster_rank, broken_by, klass, clusters_order = {}, {}, {}, []
        for cid, members in cluster_members.items():
            if not members:
                continue
            order, rank, broken = self.rank(members)
            clusters_order.append(order)
            cluster_rank.update(rank)
            broken_by.update(broken)
            klass.update(self.classify_cluster(members, order, rank))
        overall_order, overall_rank, _ = self.rank([u["id"] for u in self.units])
        awards = self.give_awards(clusters_order, overall_order, cluster_rank, overall_rank, klass)

        p = self.precision
        report = {}
        for u in self.units:
            uid = u["id"]
            s = self.scored[uid]
            report[uid] = {
                "points": {k: fmt(v, p) for k, v in s["points"].items()},
                "phases": {k: fmt(v, p) for k, v in s["phases"].items()},
                "base": fmt(s["base"], p),
                "bonus": fmt(s["bonus"], p),
                "penalty": fmt(s["penalty"], p),
                "total": fmt(s["total"], p),
                "class": klass[uid],
                "cluster_rank": cluster_rank[uid],
                "overall_rank": overall_rank[uid],
                "tie_broken_by": broken_by[uid],
                "awards": awards[uid],
                "award_cash": shortest(sum((self.award_amount(a) for a in self.c.get("awards", [])
                                            if a["id"] in awards[uid]), Fraction(0))),
            }
        return report


def score(campaign: dict, results: dict, history=()) -> dict:
    """{unit id: {points, phases, base, bonus, penalty, total, class, cluster_rank, overall_rank, tie_broken_by,
    awards, award_cash}} with decimals as strings at the campaign's precision, like a golden case's expectations;
    `history`: earlier years' report documents."""
    return Oracle(campaign, results, history).run()


KEYS = ("points", "phases", "base", "bonus", "penalty", "total", "class", "cluster_rank", "overall_rank",
        "tie_broken_by", "awards", "award_cash")
