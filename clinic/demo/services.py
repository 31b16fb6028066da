"""Builds the demo clinic; safe to run again (nothing is duplicated)."""

from __future__ import annotations

import datetime as dt

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.db import transaction

from clinic.accounts import services as accounts
from clinic.accounts.models import User
from clinic.core import clock
from clinic.demo import data
from clinic.demo.intake import seed_intake
from clinic.demo.scheduling import seed_scheduling
from clinic.demo.treatments import seed_treatments
from clinic.locations.models import BusinessHours, Location
from clinic.patients.models import Patient
from clinic.patients.services import PatientDetails, patient_create, patient_find_duplicates


@transaction.atomic
def demo_clinic_seed() -> dict[str, int]:
    """Create or refresh the demo locations and people. Returns counts of what was created."""
    created = {
        "locations": 0,
        "people": 0,
        "patients": 0,
        "pages": 0,
        "bookings": 0,
        "intakes": 0,
    }
    by_slug: dict[str, Location] = {}
    for loc in data.LOCATIONS:
        location, was_created = Location.objects.update_or_create(
            slug=loc.slug,
            defaults={
                "name": loc.name,
                "address_line1": loc.address,
                "city": loc.city,
                "state": "TX",
                "postal_code": loc.postal_code,
                "phone": loc.phone,
                "email": f"{loc.slug}@demo.clinic",
                "time_zone": "America/Chicago",
                "towns_served": loc.towns,
            },
        )
        if not location.hours.exists():
            BusinessHours.objects.bulk_create(
                [
                    BusinessHours(
                        location=location, weekday=d, opens=dt.time(8), closes=dt.time(18)
                    )
                    for d in range(5)
                ]
                + [
                    BusinessHours(
                        location=location, weekday=5, opens=dt.time(9), closes=dt.time(13)
                    )
                ]
            )
        by_slug[loc.slug] = location
        created["locations"] += was_created

    for person in data.PEOPLE:
        user = User.objects.filter(email=person.email).first()
        if user is None:
            user = accounts.user_create(
                email=person.email,
                full_name=person.full_name,
                title=person.title,
                roles=person.roles,
                password=data.DEMO_PASSWORD,
            )
            created["people"] += 1
        else:
            accounts.user_set_roles(user=user, roles=person.roles)
        user.locations.set([by_slug[slug] for slug in person.locations])
        has_totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        if person.enrolled and not has_totp:
            TOTP.activate(user, person.totp_secret)
    created["patients"] = _seed_patients(by_slug)
    created["pages"] = _seed_content()
    created["bookings"] = seed_scheduling(by_slug)
    demo_patients = {p.first_name: p for p in Patient.objects.all()}
    created["intakes"] = seed_intake(demo_patients)
    created["plans"] = seed_treatments(demo_patients)
    return created


def _seed_content() -> int:
    from clinic.content.models import Page, PricingPackage
    from clinic.demo import content

    reviewer = User.objects.filter(email="psychiatrist@demo.clinic").first()
    added = 0
    groups = (
        (Page.Kind.CONDITION, content.CONDITIONS),
        (Page.Kind.TREATMENT, content.TREATMENTS),
        (Page.Kind.ARTICLE, content.ARTICLES),
    )
    for kind, items in groups:
        for order, (slug, title, summary, body) in enumerate(items):
            _, made = Page.objects.get_or_create(
                kind=kind,
                slug=slug,
                defaults={
                    "title": title,
                    "summary": summary,
                    "body": body,
                    "order": order,
                    "status": Page.Status.PUBLISHED,
                    "published_at": clock.now(),
                    "reviewer": reviewer,
                },
            )
            added += made
    for order, (question, answer) in enumerate(content.FAQS):
        _, made = Page.objects.get_or_create(
            kind=Page.Kind.FAQ,
            slug=f"question-{order + 1}",
            defaults={
                "title": question,
                "summary": question,
                "body": answer,
                "order": order,
                "status": Page.Status.PUBLISHED,
                "published_at": clock.now(),
            },
        )
        added += made
    for order, (name, price, unit, description, note) in enumerate(content.PRICES):
        PricingPackage.objects.get_or_create(
            name=name,
            defaults={
                "price": price,
                "unit": unit,
                "description": description,
                "insurance_note": note,
                "order": order,
            },
        )
    return added


def _seed_patients(by_slug: dict[str, Location]) -> int:
    added = 0
    for demo in data.PATIENTS:
        details = PatientDetails(
            first_name=demo.first_name,
            last_name=demo.last_name,
            date_of_birth=dt.date.fromisoformat(demo.date_of_birth),
            phone=demo.phone,
            email=demo.email,
            home_location=by_slug[demo.location],
        )
        if patient_find_duplicates(details=details):
            continue
        patient = patient_create(details=details, actor=None, allow_duplicate=True)
        if demo.portal_email:
            patient.user = User.objects.get(email=demo.portal_email)
            patient.save(update_fields=["user"])
        added += 1
    return added
