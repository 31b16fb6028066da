"""Subscribing (double opt-in), confirming and unsubscribing. Links carry signed tokens."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse

from clinic.audit.models import Action
from clinic.audit.services import audit_record
from clinic.core import clock, keys, outbox
from clinic.core.context import Acting, Person
from clinic.core.crypto import blind_index, normalise
from clinic.newsletter.models import Subscriber

CONSENT_TEXT = (
    "Send me the clinic's newsletter by email (about one a month). I can unsubscribe at any time "
    "with the link in every email."
)
CONFIRM_SALT = "newsletter.confirm"
UNSUBSCRIBE_SALT = "newsletter.unsubscribe"
CONFIRM_MAX_AGE = 7 * 24 * 3600


def _index(email: str) -> str:
    return blind_index(normalise(email), key=keys.blind_index_key(), purpose="newsletter.email")


def confirm_token(subscriber: Subscriber) -> str:
    return signing.dumps(str(subscriber.code), salt=CONFIRM_SALT)


def unsubscribe_token(subscriber: Subscriber) -> str:
    return signing.dumps(str(subscriber.code), salt=UNSUBSCRIBE_SALT)


def _from_token(token: str, salt: str, max_age: int | None) -> Subscriber | None:
    try:
        code = uuid.UUID(signing.loads(token, salt=salt, max_age=max_age))
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return Subscriber.objects.filter(code=code).first()


def _link(name: str, token: str) -> str:
    return settings.CLINIC_BASE_URL + reverse(name, kwargs={"token": token})


@transaction.atomic
def subscriber_request(*, email: str) -> None:
    """Ask for a subscription: (re)send the confirmation email. The answer is the same whether
    or not the address is already known (no one can learn who subscribes)."""
    email = email.strip().lower()
    subscriber = Subscriber.objects.select_for_update().filter(email_bidx=_index(email)).first()
    now = clock.now()
    if subscriber is None:
        subscriber = Subscriber(
            email=email, email_bidx=_index(email), consent_text=CONSENT_TEXT, consented_at=now
        )
        subscriber.save()
    elif subscriber.status == Subscriber.Status.CONFIRMED:
        return
    else:
        subscriber.status = Subscriber.Status.PENDING
        subscriber.consent_text, subscriber.consented_at = CONSENT_TEXT, now
        subscriber.save(update_fields=["status", "consent_text", "consented_at"])
    link = _link("public:newsletter_confirm", confirm_token(subscriber))
    outbox.email("newsletter-confirm", to=[email], context={"confirm_url": link})


@transaction.atomic
def subscriber_confirm(*, token: str) -> Subscriber | None:
    subscriber = _from_token(token, CONFIRM_SALT, CONFIRM_MAX_AGE)
    if subscriber is None or subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        return None
    if subscriber.status == Subscriber.Status.PENDING:
        subscriber.status = Subscriber.Status.CONFIRMED
        subscriber.confirmed_at = clock.now()
        subscriber.save(update_fields=["status", "confirmed_at"])
        newsletter_send(subscriber=subscriber, template="newsletter-welcome")
    return subscriber


@transaction.atomic
def subscriber_unsubscribe(*, token: str) -> Subscriber | None:
    subscriber = _from_token(token, UNSUBSCRIBE_SALT, None)
    if subscriber is None:
        return None
    if subscriber.status != Subscriber.Status.UNSUBSCRIBED:
        subscriber.status = Subscriber.Status.UNSUBSCRIBED
        subscriber.unsubscribed_at = clock.now()
        subscriber.save(update_fields=["status", "unsubscribed_at"])
    return subscriber


def newsletter_send(
    *, subscriber: Subscriber, template: str, context: dict[str, object] | None = None
) -> None:
    """Send one newsletter email: an unsubscribe link in the body and the List-Unsubscribe
    headers (one-click, RFC 8058) on every message."""
    link = _link("public:newsletter_unsubscribe", unsubscribe_token(subscriber))
    outbox.email(
        template,
        to=[subscriber.email],
        context={"unsubscribe_url": link, **(context or {})},
        headers={
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def subscriber_export_rows(*, actor: Person, ctx: Acting | None = None) -> list[list[str]]:
    """Confirmed subscribers for a CSV export (the export is audited)."""
    rows = [
        [s.email, s.confirmed_at.isoformat() if s.confirmed_at else "", s.consent_text]
        for s in Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED).order_by(
            "confirmed_at"
        )
    ]
    audit_record(
        action=Action.EXPORTED,
        actor=actor,
        ctx=ctx,
        details={"what": "newsletter subscribers", "rows": len(rows)},
    )
    return rows
