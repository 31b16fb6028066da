"""Background tasks shared by every app."""

from __future__ import annotations

from django.tasks import task

from clinic.core.mail import send_templated


@task()
def send_email(
    name: str, to: list[str], context: dict[str, object], headers: dict[str, str]
) -> None:
    """Send a templated email from the task worker. Enqueued inside the transaction that
    decided to send it (the queue is a database table), so it is sent once that commits and
    retried if the mail server is away."""
    send_templated(name, to=to, context=context, headers=headers)
