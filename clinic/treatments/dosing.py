"""Doses, exact and checked. Pure: no database, settings or clock; every number is a Decimal
and every rounding is named. The clinic's settings (rounding steps, hard limits, the weight
change that asks for confirmation) come in as `Limits`; the service that prepares a dose
keeps what this module returns with the dose, and refuses what it refuses.

IV and IM racemic ketamine are weight-based: the weight measured today (kg; lb accepted and
converted exactly) times the ordered mg/kg gives mg, rounded to the clinic's step; mg at the
vial's concentration gives mL; for an infusion, the drug and its diluent over the minutes
give the pump rate in mL/h. Esketamine is a fixed dose in 28 mg devices (56 mg = 2, 84 mg =
3). A dose over a hard limit needs a prescriber's override with a written reason; an absurd
one (the `ceiling_*` limits) is refused whatever the reason."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation

KG_PER_LB = Decimal("0.45359237")  # exact, by the definition of the international pound
ESKETAMINE_DEVICE_MG = 28
ESKETAMINE_DOSES = {28: 1, 56: 2, 84: 3}  # mg -> devices (the label's doses)

WEIGHT_STEP = Decimal("0.1")  # kg
VOLUME_STEP = Decimal("0.01")  # mL drawn up
RATE_STEP = Decimal("0.1")  # mL/h on the pump


class DoseRefused(ValueError):
    """The dose cannot be given as asked; the message says why, for the nurse or prescriber."""


@dataclass(frozen=True)
class Limits:
    """The clinic's dosing settings. Defaults are labelled "clinic default, editable" where
    they are shown; these values are the ones shipped."""

    mg_step: Decimal = Decimal("0.5")  # doses are rounded to this many mg
    round_down: bool = False  # to the nearest step (half up), or always down
    max_mg_per_kg: Decimal = Decimal("1.0")  # hard limit: over it needs an override
    max_mg: Decimal = Decimal("150")  # hard limit for one session
    ceiling_mg_per_kg: Decimal = Decimal("3.0")  # absurd: refused even with an override
    ceiling_mg: Decimal = Decimal("500")
    min_weight_kg: Decimal = Decimal("30")
    max_weight_kg: Decimal = Decimal("300")
    weight_change_percent: Decimal = Decimal("5")  # since the last session: confirm
    max_minutes: int = 240


DEFAULT_LIMITS = Limits()


LARGEST = Decimal(1_000_000)


def _decimal(value: object, what: str) -> Decimal:
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise DoseRefused(f"Enter the {what} as a number.") from None
    if not number.is_finite():
        raise DoseRefused(f"Enter the {what} as a number.")
    if abs(number) > LARGEST:  # beyond any real value, and beyond exact rounding
        raise DoseRefused(f"The {what} is far too large.")
    return number


def weight_kg(value: object, unit: str = "kg", *, limits: Limits = DEFAULT_LIMITS) -> Decimal:
    """Today's weight in kg to 0.1 kg (half up), converted exactly from lb."""
    number = _decimal(value, "weight")
    if unit not in ("kg", "lb"):
        raise DoseRefused("Weigh in kg or lb.")
    if number <= 0:
        raise DoseRefused("The weight must be more than zero.")
    kg = (number * KG_PER_LB if unit == "lb" else number).quantize(
        WEIGHT_STEP, rounding=ROUND_HALF_UP
    )
    if not limits.min_weight_kg <= kg <= limits.max_weight_kg:
        raise DoseRefused(
            f"{kg} kg is outside {limits.min_weight_kg}-{limits.max_weight_kg} kg. "
            "Weigh the patient again."
        )
    return kg


def weight_change_percent(previous_kg: Decimal, today_kg: Decimal) -> Decimal:
    """The change since the last session, in percent of the earlier weight, to 0.1 (half
    up); positive when heavier."""
    if previous_kg <= 0:
        raise DoseRefused("The earlier weight must be more than zero.")
    change = (today_kg - previous_kg) * 100 / previous_kg
    return change.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def weight_needs_confirming(
    previous_kg: Decimal | None, today_kg: Decimal, *, limits: Limits = DEFAULT_LIMITS
) -> bool:
    """Whether the change since the last session is over the clinic's percentage (either
    way), so that someone confirms the weight before a dose is worked out from it."""
    if previous_kg is None:
        return False
    return abs(weight_change_percent(previous_kg, today_kg)) > limits.weight_change_percent


def round_mg(mg: Decimal, *, limits: Limits = DEFAULT_LIMITS) -> Decimal:
    """mg rounded to the clinic's step: to the nearest (half up) or always down."""
    step = limits.mg_step
    if step <= 0:
        raise DoseRefused("The clinic's rounding step must be more than zero.")
    steps = (mg / step).quantize(
        Decimal(1), rounding=ROUND_DOWN if limits.round_down else ROUND_HALF_UP
    )
    return steps * step


def mg_for(weight: Decimal, mg_per_kg: Decimal, *, limits: Limits = DEFAULT_LIMITS) -> Decimal:
    """weight (kg) x mg/kg, rounded to the clinic's step."""
    per_kg = _decimal(mg_per_kg, "dose per kg")
    if per_kg <= 0:
        raise DoseRefused("The dose per kg must be more than zero.")
    return round_mg(weight * per_kg, limits=limits)


def ml_for(mg: Decimal, concentration_mg_per_ml: Decimal) -> Decimal:
    """The volume to draw up, to 0.01 mL (half up)."""
    concentration = _decimal(concentration_mg_per_ml, "concentration")
    if concentration <= 0:
        raise DoseRefused("The concentration must be more than zero.")
    return (mg / concentration).quantize(VOLUME_STEP, rounding=ROUND_HALF_UP)


def rate_ml_per_h(total_ml: Decimal, minutes: int, *, limits: Limits = DEFAULT_LIMITS) -> Decimal:
    """The pump rate that gives `total_ml` over `minutes`, to 0.1 mL/h (half up)."""
    if not isinstance(minutes, int) or isinstance(minutes, bool):
        raise DoseRefused("Enter the infusion time in whole minutes.")
    if not 1 <= minutes <= limits.max_minutes:
        raise DoseRefused(f"The infusion time must be 1 to {limits.max_minutes} minutes.")
    if total_ml <= 0:
        raise DoseRefused("The volume to infuse must be more than zero.")
    return (total_ml * 60 / minutes).quantize(RATE_STEP, rounding=ROUND_HALF_UP)


def esketamine_devices(mg: object) -> int:
    """Devices for an esketamine dose: 28 mg -> 1, 56 mg -> 2, 84 mg -> 3; nothing else."""
    number = _decimal(mg, "esketamine dose")
    if number != number.to_integral_value() or int(number) not in ESKETAMINE_DOSES:
        raise DoseRefused("Esketamine is given as 28, 56 or 84 mg (1, 2 or 3 devices).")
    return ESKETAMINE_DOSES[int(number)]


def check_limits(
    mg: Decimal,
    weight: Decimal,
    *,
    override_reason: str = "",
    limits: Limits = DEFAULT_LIMITS,
) -> list[str]:
    """The hard limits the dose goes over (in words), which the prescriber's written reason
    allows; raises DoseRefused for a dose of zero or less, an absurd one, or one over a hard
    limit without a reason."""
    if mg <= 0:
        raise DoseRefused("The dose must be more than zero.")
    per_kg = mg / weight
    if per_kg > limits.ceiling_mg_per_kg or mg > limits.ceiling_mg:
        raise DoseRefused(
            f"{mg} mg ({per_kg.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)} mg/kg) is "
            "beyond what this clinic allows at all. Check the order."
        )
    over = []
    if per_kg > limits.max_mg_per_kg:
        over.append(f"more than {limits.max_mg_per_kg} mg/kg")
    if mg > limits.max_mg:
        over.append(f"more than {limits.max_mg} mg in one session")
    if over and not override_reason.strip():
        raise DoseRefused(
            f"{mg} mg is {' and '.join(over)}: a prescriber must override with a written reason."
        )
    return over


@dataclass(frozen=True)
class WeightBasedDose:
    weight_kg: Decimal
    mg_per_kg: Decimal  # as ordered
    mg: Decimal  # rounded to the clinic's step
    ml: Decimal  # drawn up at `concentration`
    concentration: Decimal  # mg/mL
    total_ml: Decimal  # drug and diluent
    minutes: int | None  # an infusion's length; None for an injection (IM)
    rate_ml_per_h: Decimal | None
    over_limits: tuple[str, ...]  # hard limits overridden (with the reason kept elsewhere)


def weight_based(
    *,
    weight: object,
    unit: str,
    mg_per_kg: object,
    concentration: object,
    minutes: int | None = None,
    diluent_ml: object = 0,
    override_reason: str = "",
    limits: Limits = DEFAULT_LIMITS,
) -> WeightBasedDose:
    """An IV infusion (with `minutes`) or an IM injection (without), worked out and checked."""
    kg = weight_kg(weight, unit, limits=limits)
    per_kg = _decimal(mg_per_kg, "dose per kg")
    mg = mg_for(kg, per_kg, limits=limits)
    over = check_limits(mg, kg, override_reason=override_reason, limits=limits)
    concentration_value = _decimal(concentration, "concentration")
    ml = ml_for(mg, concentration_value)
    diluent = _decimal(diluent_ml, "diluent volume")
    if diluent < 0 or diluent > 1000:
        raise DoseRefused("The diluent volume must be 0 to 1000 mL.")
    total = ml + diluent
    rate = rate_ml_per_h(total, minutes, limits=limits) if minutes is not None else None
    return WeightBasedDose(
        weight_kg=kg,
        mg_per_kg=per_kg,
        mg=mg,
        ml=ml,
        concentration=concentration_value,
        total_ml=total,
        minutes=minutes,
        rate_ml_per_h=rate,
        over_limits=tuple(over),
    )
