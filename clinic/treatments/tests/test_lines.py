"""The clinic's lines as the owner sets them: each setting, changed from its default, moves
the decision it governs exactly at its new value (at, just below and just above), and the
administration form refuses lines that contradict each other."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from clinic.treatments import dosing, lines, vitals
from clinic.treatments.admin import ClinicalSettingsForm
from clinic.treatments.models import ClinicalSettings

pytestmark = pytest.mark.django_db

OK = vitals.Reading(systolic=120, diastolic=76, pulse=70, spo2=98)


def _with(**changes: object) -> lines.Lines:
    ClinicalSettings.objects.all().delete()
    ClinicalSettings.objects.create(**changes)
    return lines.current()


def _reading(**values: int) -> vitals.Reading:
    return vitals.Reading(**{**OK.__dict__, **values})


def _outcome(**values: int) -> Callable[[lines.Lines], str]:
    return lambda ln: vitals.before_session(_reading(**values), ln.thresholds).outcome


def _alerted(**values: int) -> Callable[[lines.Lines], bool]:
    return lambda ln: bool(vitals.alerts(_reading(**values), ln.thresholds))


def _home(**values: int) -> Callable[[lines.Lines], bool]:
    return lambda ln: not vitals.near_baseline(_reading(**values), OK, ln.thresholds)


# setting, new value, (what it decides just below, at, just above the value)
CASES = [
    (
        "hold_systolic",
        150,
        [_outcome(systolic=v) for v in (149, 150, 151)],
        ["proceed", "approve", "approve"],
    ),
    (
        "hold_diastolic",
        95,
        [_outcome(diastolic=v) for v in (94, 95, 96)],
        ["proceed", "approve", "approve"],
    ),
    (
        "stop_systolic",
        170,
        [_outcome(systolic=v) for v in (169, 170, 171)],
        ["approve", "not_today", "not_today"],
    ),
    (
        "stop_diastolic",
        105,
        [_outcome(diastolic=v) for v in (104, 105, 106)],
        ["approve", "not_today", "not_today"],
    ),
    ("max_pulse", 110, [_alerted(pulse=v) for v in (109, 110, 111)], [False, False, True]),
    ("min_pulse", 50, [_alerted(pulse=v) for v in (49, 50, 51)], [True, False, False]),
    ("min_spo2", 94, [_alerted(spo2=v) for v in (93, 94, 95)], [True, False, False]),
    (
        "discharge_margin_bp",
        15,
        [_home(systolic=120 + v) for v in (14, 15, 16)],
        [True, True, False],
    ),
    ("discharge_margin_pulse", 10, [_home(pulse=70 + v) for v in (9, 10, 11)], [True, True, False]),
    ("discharge_min_spo2", 96, [_home(spo2=v) for v in (95, 96, 97)], [False, True, True]),
]


@pytest.mark.parametrize(("name", "value", "checks", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_vital_sign_setting_moves_its_line(
    name: str, value: int, checks: list[Callable[[lines.Lines], object]], expected: list[object]
) -> None:
    assert getattr(lines.current().thresholds, name) != value  # a change from the default
    now = _with(**{name: value})
    assert [check(now) for check in checks] == expected


def test_every_threshold_is_covered() -> None:
    assert {c[0] for c in CASES} == set(lines.THRESHOLD_FIELDS)


def test_dosing_settings_move_their_lines() -> None:
    weight = Decimal(70)
    now = _with(max_mg_per_kg=Decimal("0.8"))
    assert dosing.check_limits(Decimal(56), weight, limits=now.limits) == []  # 0.8 mg/kg
    with pytest.raises(dosing.DoseRefused, match=r"more than 0\.80 mg/kg"):
        dosing.check_limits(Decimal("56.5"), weight, limits=now.limits)
    now = _with(max_mg=Decimal(100))
    assert dosing.check_limits(Decimal(100), Decimal(200), limits=now.limits) == []
    with pytest.raises(dosing.DoseRefused, match=r"more than 100\.0 mg"):
        dosing.check_limits(Decimal("100.5"), Decimal(200), limits=now.limits)
    now = _with(mg_step=Decimal(1), round_down=True)
    assert dosing.mg_for(Decimal("70.0"), Decimal("0.51"), limits=now.limits) == Decimal(35)
    now = _with(weight_change_percent=Decimal(10))
    assert not dosing.weight_needs_confirming(Decimal(100), Decimal(110), limits=now.limits)
    assert dosing.weight_needs_confirming(Decimal(100), Decimal("110.1"), limits=now.limits)


def test_reading_intervals_and_aftercare_are_the_clinic_s() -> None:
    now = _with(every_during=15, every_after=20, aftercare_esketamine="Rest today.")
    assert now.schedule("iv", 40) == (0, 15, 30, 40, 60)
    assert now.aftercare("esketamine") == "Rest today."
    assert not now.is_default
    assert lines.current().aftercare("iv").startswith("Do not drive")


def test_until_the_owner_saves_the_defaults_apply_and_say_so() -> None:
    now = lines.current()
    assert now.is_default
    assert now.thresholds == vitals.DEFAULT_THRESHOLDS
    assert now.limits == dosing.DEFAULT_LIMITS


def _form(**changes: object) -> ClinicalSettingsForm:
    defaults = ClinicalSettings()
    data = {f: getattr(defaults, f) for f in ClinicalSettingsForm.Meta.fields} | changes
    return ClinicalSettingsForm(
        data={k: "on" if v is True else v for k, v in data.items() if v is not False}
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"hold_systolic": 180}, "hold_systolic"),
        ({"min_pulse": 130}, "min_pulse"),
        ({"min_spo2": 101}, "min_spo2"),
        ({"every_during": 0}, "every_during"),
        ({"mg_step": "0"}, "mg_step"),
        ({"max_mg_per_kg": "3.5"}, "max_mg_per_kg"),
        ({"max_mg": "600"}, "max_mg"),
    ],
)
def test_the_form_refuses_lines_that_cannot_work(changes: dict[str, object], field: str) -> None:
    assert _form().is_valid(), _form().errors
    form = _form(**changes)
    assert not form.is_valid()
    assert field in form.errors
