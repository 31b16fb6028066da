"""Issue 12 target: the chart of a patient with 40 medicines, 10 earlier antidepressants, 20
consents and 30 addenda renders in under 50 ms (median server time, as a nurse sees it:
summary, screening for every route, consents, the evaluation with its addenda), with a
number of queries that does not grow with those numbers."""

from __future__ import annotations

import time

from bench.harness import machine, median_ms, setup_django

REPEAT = 60


def _patient(
    location: object, prescriber: object, nurse: object, *, counts: tuple[int, int, int, int]
) -> object:
    """A patient with (medicines, trials, consents, addenda)."""
    n_medicines, n_trials, n_consents, n_addenda = counts
    from clinic.intake import consent, evaluation, selectors, services
    from clinic.intake.models import DiagnosisCode
    from clinic.patients.tests.factories import make_patient

    patient = make_patient(location, first_name="Bench", last_name=f"Chart{n_medicines}")
    intake = services.intake_open(patient=patient, actor=None)
    medicines = [
        {"name": f"Medicine {n}", "dose": "10 mg", "how_often": "daily", "kind": ""}
        for n in range(n_medicines)
    ]
    medicines[0]["kind"] = "benzodiazepine"
    services.intake_answer(
        intake=intake, section="medications", answers={"rows": medicines}, actor=None
    )
    trials = [{"drug": f"Drug {n}", "weeks": "8"} for n in range(n_trials)]
    services.intake_answer(intake=intake, section="trials", answers={"rows": trials}, actor=None)
    kinds = ["ketamine", "esketamine", "telehealth", "release", "financial"]
    for n in range(n_consents):
        document = consent.consent_document_publish(
            kind=kinds[n % 5], title=f"Consent {n}", body=f"Text {n}", routes=[], actor=None
        )
        consent.consent_sign_online(
            patient=patient, document=document, typed_name="Bench Chart", agreed=True
        )
    signed = evaluation.evaluation_sign(
        patient=patient,
        draft=evaluation.Draft(
            diagnosis=DiagnosisCode.objects.get(code="F33.2"),
            adequate_trials=10,
            resistance_met=True,
            decision="more_info",
            reason="Bench",
        ),
        facts=set(),
        book=selectors.rule_book(),
        actor=prescriber,
    )
    for n in range(n_addenda):
        evaluation.addendum_add(evaluation=signed, text=f"Addendum {n}", actor=nurse)
    return patient


def run() -> dict[str, float]:
    setup_django()
    from allauth.mfa.models import Authenticator
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from clinic.accounts.policy import Role
    from clinic.accounts.services import user_create
    from clinic.locations.models import Location

    location = Location.objects.create(
        name="Bench", slug="bench", address_line1="1 Main", city="Dallas", postal_code="75201"
    )
    people = {}
    for role in (Role.NURSE, Role.PRESCRIBER):
        people[role] = user_create(
            email=f"bench-{role}@example.org",
            full_name=f"Bench {role}",
            roles=[role],
            password=None,
            locations=[location],
        )
        Authenticator.objects.create(
            user=people[role], type=Authenticator.Type.TOTP, data={"secret": "x"}
        )
    small = _patient(location, people[Role.PRESCRIBER], people[Role.NURSE], counts=(1, 1, 1, 1))
    big = _patient(location, people[Role.PRESCRIBER], people[Role.NURSE], counts=(40, 10, 20, 30))
    client = Client()
    client.force_login(people[Role.NURSE])
    counts = {}
    for label, patient in (("small", small), ("big", big)):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/patients/{patient.code}/").status_code == 200
        counts[label] = len(queries)
    for _ in range(5):
        client.get(f"/patients/{big.code}/")
    samples = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        response = client.get(f"/patients/{big.code}/")
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200
    figure = median_ms(samples)
    print(f"clinical chart, 40 medicines, 10 trials, 20 consents, 30 addenda ({machine()}):")
    print(f"  {figure:.1f} ms median over {REPEAT} requests (target: under 50)")
    print(f"  queries: {counts['small']} for an empty record, {counts['big']} for this one")
    return {"median_ms": figure, "queries_small": counts["small"], "queries_big": counts["big"]}


if __name__ == "__main__":
    run()
