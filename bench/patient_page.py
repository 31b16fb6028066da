"""Issue 3 target: field encryption and the audit trail add under 10% to the server time of a
patient page that shows 50 encrypted fields.

The page is the patient list with 17 patients (name, family name, date of birth: 51 encrypted
values decrypted per request, plus one audit event appended to the chain). The baseline is the
same request with decryption replaced by a pass-through and the audit append switched off.
Requests alternate between the two so that drift affects both alike.
"""

from __future__ import annotations

import datetime as dt
from contextlib import ExitStack
from unittest import mock

from bench.harness import machine, median_ms, setup_django

REQUESTS = 400


def run() -> dict[str, float]:
    setup_django()
    from django.test import Client

    from clinic.accounts.policy import Role
    from clinic.accounts.services import user_create
    from clinic.locations.models import Location
    from clinic.patients.services import PatientDetails, patient_create

    location = Location.objects.create(
        name="Bench",
        slug="bench",
        address_line1="1 Main",
        city="Dallas",
        postal_code="75201",
        phone="1",
    )
    nurse = user_create(
        email="bench-nurse@example.org",
        full_name="Bench Nurse",
        roles=[Role.NURSE],
        password=None,
        locations=[location],
    )
    for n in range(17):
        patient_create(
            details=PatientDetails(
                first_name=f"Patient{n}",
                last_name=f"Family{n}",
                date_of_birth=dt.date(1980, 1, 1) + dt.timedelta(days=n),
                phone="(214) 555-0100",
                email=f"p{n}@example.org",
                home_location=location,
            ),
            actor=nurse,
            allow_duplicate=True,
        )
    from allauth.mfa.models import Authenticator

    Authenticator.objects.create(user=nurse, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client = Client()
    client.force_login(nurse)

    def passthrough(stored: str, *, aad: str, **kwargs: object) -> str:
        # No cryptography, but a value each field can read (the birth date is a date).
        return "1980-01-01" if "date_of_birth" in aad else stored[:24]

    import time

    protected: list[float] = []
    baseline: list[float] = []
    for _ in range(20):  # warm-up
        client.get("/patients/")
    for _ in range(REQUESTS):
        start = time.perf_counter()
        response = client.get("/patients/")
        protected.append(time.perf_counter() - start)
        assert response.status_code == 200
        with ExitStack() as stack:
            stack.enter_context(mock.patch("clinic.core.fields.decrypt", passthrough))
            stack.enter_context(mock.patch("clinic.chart.patient_views.audit_record"))
            start = time.perf_counter()
            response = client.get("/patients/")
            baseline.append(time.perf_counter() - start)
        assert response.status_code == 200
    with_protection, without = median_ms(protected), median_ms(baseline)
    overhead = 100 * (with_protection - without) / without
    print(f"patient page, 51 encrypted fields ({machine()}):")
    print(f"  without encryption and audit: {without:.2f} ms median over {REQUESTS} requests")
    print(f"  with encryption and audit:    {with_protection:.2f} ms median")
    print(f"  overhead: {overhead:.1f}% (target: under 10%)")
    return {"baseline_ms": without, "protected_ms": with_protection, "overhead_pct": overhead}


if __name__ == "__main__":
    run()
