"""Email from templates in one place (clinic/templates/emails/<name>-subject.txt, -body.txt and
optional -body.html), always with a plain-text part, through Django's mail framework.

A message is rendered once, when the clinic decides to send it, into a plain dict that the
outbox keeps encrypted (`render`), and built into an EmailMessage when it is handed to the
mail server (`build`). Its Message-ID is fixed at rendering, so a message is the same message
however many times delivery is attempted."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import make_msgid
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string


def render(
    name: str,
    *,
    to: Sequence[str],
    context: dict[str, Any],
    headers: dict[str, str] | None = None,
    attachments: Sequence[tuple[str, str, str]] = (),
    message_id: str = "",
) -> dict[str, Any]:
    full = {
        "clinic_name": settings.CLINIC_NAME,
        "clinic_phone": settings.CLINIC_MAIN_PHONE,
        **context,
    }
    html = ""
    with contextlib.suppress(TemplateDoesNotExist):  # the HTML part is optional
        html = render_to_string(f"emails/{name}-body.html", full)
    domain = urlsplit(settings.CLINIC_BASE_URL).hostname or "localhost"
    return {
        "to": list(to),
        "subject": " ".join(render_to_string(f"emails/{name}-subject.txt", full).split()),
        "body": render_to_string(f"emails/{name}-body.txt", full),
        "html": html,
        "headers": {"Message-ID": message_id or make_msgid(domain=domain), **(headers or {})},
        "attachments": [list(a) for a in attachments],
    }


def build(rendered: dict[str, Any]) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=rendered["subject"],
        body=rendered["body"],
        to=rendered["to"],
        headers=rendered["headers"],
    )
    if rendered["html"]:
        message.attach_alternative(rendered["html"], "text/html")
    for filename, content, mimetype in rendered["attachments"]:
        message.attach(filename, content, mimetype)
    return message
