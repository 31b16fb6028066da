"""Demo data for treatment: the eligible patients' courses, signed by the demo prescriber
(Jordan: six IV infusions over three weeks; Maria: the same with her conditions; Tomas:
esketamine twice a week), and their sessions so far (`demo.sessions`)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from clinic.accounts.models import User
from clinic.accounts.policy import Role
from clinic.core import clock
from clinic.demo.sessions import seed_sessions
from clinic.patients.models import Patient
from clinic.treatments.models import TreatmentPlan
from clinic.treatments.plans import PlanOrder, plan_sign


def seed_treatments(patients: dict[str, Patient]) -> int:
    """Returns how many plans were added (none when the demo already has them)."""
    if TreatmentPlan.objects.exists():
        return 0
    prescriber = next(
        (u for u in User.objects.filter(is_active=True) if Role.PRESCRIBER in u.roles), None
    )
    if prescriber is None:
        return 0
    added = 0
    signed: dict[str, TreatmentPlan] = {}
    for name in ("Jordan", "Maria"):
        patient = patients.get(name)
        if patient is None:
            continue
        signed[name] = plan_sign(
            patient=patient,
            order=PlanOrder(
                route="iv",
                phase="induction",
                sessions=6,
                per_week=Decimal(2),
                valid_until=clock.today() + dt.timedelta(days=90),
                start_mg_per_kg=Decimal("0.5"),
                step_mg_per_kg=Decimal("0.25"),
                max_mg_per_kg=Decimal("0.75") if name == "Maria" else Decimal("1.0"),
                minutes=40,
            ),
            actor=prescriber,
        )
        added += 1
    tomas = patients.get("Tomas")
    if tomas is not None:
        signed["Tomas"] = plan_sign(
            patient=tomas,
            order=PlanOrder(
                route="esketamine",
                phase="induction",
                sessions=8,
                per_week=Decimal(2),
                valid_until=clock.today() + dt.timedelta(days=90),
                dose_mg=Decimal(56),
            ),
            actor=prescriber,
        )
        added += 1
    seed_sessions(signed)
    return added
