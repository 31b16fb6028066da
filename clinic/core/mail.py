"""Email from templates in one place (clinic/templates/emails/<name>-subject.txt, -body.txt and
optional -body.html), always with a plain-text part, through Django's mail framework."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string


def send_templated(
    name: str,
    *,
    to: Sequence[str],
    context: dict[str, Any],
    headers: dict[str, str] | None = None,
    attachments: Sequence[tuple[str, str, str]] = (),
) -> None:
    full = {
        "clinic_name": settings.CLINIC_NAME,
        "clinic_phone": settings.CLINIC_MAIN_PHONE,
        **context,
    }
    subject = " ".join(render_to_string(f"emails/{name}-subject.txt", full).split())
    body = render_to_string(f"emails/{name}-body.txt", full)
    message = EmailMultiAlternatives(subject=subject, body=body, to=list(to), headers=headers or {})
    with contextlib.suppress(TemplateDoesNotExist):  # the HTML part is optional
        message.attach_alternative(render_to_string(f"emails/{name}-body.html", full), "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    message.send()
