"""Vital signs at the chair, as rules. Pure: no database, settings or clock. The clinic's
thresholds come in as `Thresholds` (the defaults below are shipped labelled "clinic default,
editable"; the reference gives no universal number, so every one of them is a setting).

- Before a session: "proceed", "prescriber must approve" (at or above the hold line), or
  "do not treat today" (at or above the stop line, or oxygen saturation below its floor).
- During and after: a reading out of range raises alerts, each to be acknowledged with an
  action.
- At discharge: readings back near the baseline, within the clinic's margins.
- When readings are due: for an infusion, every few minutes while it runs and less often
  after it; for esketamine, before the first device, at about 40 minutes and before
  discharge (at 2 hours)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


class ReadingRefused(ValueError):
    """The numbers cannot be a person's vital signs; the message says which."""


@dataclass(frozen=True)
class Reading:
    systolic: int | None = None
    diastolic: int | None = None
    pulse: int | None = None
    spo2: int | None = None
    respiration: int | None = None


PLAUSIBLE = {  # what a living adult at a chair can show; outside it is a typing slip
    "systolic": (50, 300),
    "diastolic": (20, 200),
    "pulse": (20, 250),
    "spo2": (50, 100),
    "respiration": (4, 60),
}
NAMES = {
    "systolic": "systolic pressure",
    "diastolic": "diastolic pressure",
    "pulse": "pulse",
    "spo2": "oxygen saturation",
    "respiration": "breathing rate",
}


def check_reading(reading: Reading) -> Reading:
    """The reading if it can be real; raises ReadingRefused otherwise (and for an empty one)."""
    values = {name: getattr(reading, name) for name in PLAUSIBLE}
    if all(v is None for v in values.values()):
        raise ReadingRefused("Enter at least one reading.")
    for name, value in values.items():
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            raise ReadingRefused(f"Enter the {NAMES[name]} as a whole number.")
        low, high = PLAUSIBLE[name]
        if not low <= value <= high:
            raise ReadingRefused(f"A {NAMES[name]} of {value} is not possible; check it.")
    if (reading.systolic is None) != (reading.diastolic is None):
        raise ReadingRefused("Enter both blood pressure numbers, or neither.")
    bp = (reading.systolic, reading.diastolic)
    if bp[0] is not None and bp[1] is not None and bp[1] >= bp[0]:
        raise ReadingRefused("The diastolic pressure must be lower than the systolic.")
    return reading


@dataclass(frozen=True)
class Thresholds:
    hold_systolic: int = 140  # before a session, at or above: the prescriber must approve
    hold_diastolic: int = 90
    stop_systolic: int = 180  # before a session: not today; during: an alert to stop
    stop_diastolic: int = 110
    max_pulse: int = 120  # above: an alert (and a hold before a session)
    min_pulse: int = 45  # below: an alert
    min_spo2: int = 92  # below: an alert (and not today before a session)
    discharge_margin_bp: int = 20  # mmHg above the baseline, at most, to go home
    discharge_margin_pulse: int = 20
    discharge_min_spo2: int = 94


DEFAULT_THRESHOLDS = Thresholds()

PROCEED, APPROVE, NOT_TODAY = "proceed", "approve", "not_today"
DECISIONS = {
    PROCEED: "Proceed",
    APPROVE: "Prescriber must approve",
    NOT_TODAY: "Do not treat today",
}


@dataclass(frozen=True)
class Decision:
    outcome: str  # PROCEED, APPROVE or NOT_TODAY
    reasons: tuple[str, ...] = field(default_factory=tuple)

    @property
    def label(self) -> str:
        return DECISIONS[self.outcome]


def _at_or_above(reading: Reading, systolic: int, diastolic: int) -> bool:
    if reading.systolic is None or reading.diastolic is None:
        return False
    return reading.systolic >= systolic or reading.diastolic >= diastolic


def _bp(reading: Reading) -> str:
    return f"BP {reading.systolic}/{reading.diastolic}"


def before_session(reading: Reading, t: Thresholds = DEFAULT_THRESHOLDS) -> Decision:
    """The baseline's verdict. A missing blood pressure or saturation is not a pass: the
    prescriber must approve going ahead without it."""
    check_reading(reading)
    stop, hold = [], []
    if reading.systolic is None or reading.diastolic is None:
        hold.append("no blood pressure")
    elif reading.systolic >= t.stop_systolic or reading.diastolic >= t.stop_diastolic:
        stop.append(f"{_bp(reading)} is at or above {t.stop_systolic}/{t.stop_diastolic}")
    elif reading.systolic >= t.hold_systolic or reading.diastolic >= t.hold_diastolic:
        hold.append(f"{_bp(reading)} is at or above {t.hold_systolic}/{t.hold_diastolic}")
    if reading.spo2 is None:
        hold.append("no oxygen saturation")
    elif reading.spo2 < t.min_spo2:
        stop.append(f"SpO2 {reading.spo2}% is below {t.min_spo2}%")
    if reading.pulse is not None and reading.pulse > t.max_pulse:
        hold.append(f"pulse {reading.pulse} is above {t.max_pulse}")
    if reading.pulse is not None and reading.pulse < t.min_pulse:
        hold.append(f"pulse {reading.pulse} is below {t.min_pulse}")
    if stop:
        return Decision(NOT_TODAY, tuple(stop + hold))
    if hold:
        return Decision(APPROVE, tuple(hold))
    return Decision(PROCEED)


def alerts(reading: Reading, t: Thresholds = DEFAULT_THRESHOLDS) -> list[str]:
    """What is out of range in a reading during or after dosing, in words."""
    check_reading(reading)
    found = []
    if _at_or_above(reading, t.stop_systolic, t.stop_diastolic):
        found.append(f"{_bp(reading)}: at or above {t.stop_systolic}/{t.stop_diastolic}")
    if reading.pulse is not None and reading.pulse > t.max_pulse:
        found.append(f"Pulse {reading.pulse}: above {t.max_pulse}")
    if reading.pulse is not None and reading.pulse < t.min_pulse:
        found.append(f"Pulse {reading.pulse}: below {t.min_pulse}")
    if reading.spo2 is not None and reading.spo2 < t.min_spo2:
        found.append(f"SpO2 {reading.spo2}%: below {t.min_spo2}%")
    return found


def near_baseline(
    reading: Reading, baseline: Reading, t: Thresholds = DEFAULT_THRESHOLDS
) -> list[str]:
    """Why the patient is not yet back near their baseline (empty: they are)."""
    check_reading(reading)
    why = []
    if reading.systolic is None or reading.diastolic is None:
        why.append("no blood pressure since the dose")
    elif (
        baseline.systolic is not None
        and baseline.diastolic is not None
        and (
            reading.systolic > baseline.systolic + t.discharge_margin_bp
            or reading.diastolic > baseline.diastolic + t.discharge_margin_bp
        )
    ):
        why.append(
            f"{_bp(reading)} is more than {t.discharge_margin_bp} above the baseline "
            f"{baseline.systolic}/{baseline.diastolic}"
        )
    if (
        reading.pulse is not None
        and baseline.pulse is not None
        and abs(reading.pulse - baseline.pulse) > t.discharge_margin_pulse
    ):
        why.append(
            f"pulse {reading.pulse} is more than {t.discharge_margin_pulse} from the "
            f"baseline {baseline.pulse}"
        )
    if reading.spo2 is not None and reading.spo2 < t.discharge_min_spo2:
        why.append(f"SpO2 {reading.spo2}% is below {t.discharge_min_spo2}%")
    return why


# --- when readings are due ------------------------------------------------------------------

ESKETAMINE_MINUTES = 120  # monitoring from the first device, at least
ESKETAMINE_CHECKS = (0, 40, 120)  # before the first device, ~40 min, before discharge


def due_schedule(
    *,
    route: str,
    infusion_minutes: int | None,
    every_during: int = 10,
    every_after: int = 15,
    after_for: int = 30,
) -> tuple[int, ...]:
    """Minutes after the dose started at which a reading is due (0: at the start)."""
    if route == "esketamine":
        return ESKETAMINE_CHECKS
    if every_during < 1 or every_after < 1:
        raise ValueError("intervals must be at least a minute")
    length = infusion_minutes or 0
    during = range(0, length + 1, every_during)
    after = range(length + every_after, length + after_for + 1, every_after)
    times = sorted({*during, length, *after})
    return tuple(times)


@dataclass(frozen=True)
class Due:
    minute: int  # minutes after the start
    overdue: bool


def next_due(
    schedule: Iterable[int], taken: Iterable[int], elapsed: int, *, grace: int = 3
) -> Due | None:
    """The first scheduled reading not yet covered (a reading within `grace` minutes either
    side covers it), and whether it is overdue (more than `grace` minutes past)."""
    taken_minutes = sorted(taken)
    for at in schedule:
        if any(abs(minute - at) <= grace for minute in taken_minutes):
            continue
        return Due(minute=at, overdue=elapsed > at + grace)
    return None
