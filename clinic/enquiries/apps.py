from __future__ import annotations

from django.apps import AppConfig


class EnquiriesConfig(AppConfig):
    name = "clinic.enquiries"
    label = "enquiries"

    def ready(self) -> None:
        from clinic.audit import actions
        from clinic.enquiries.audit_actions import READS, EnquiryAction

        actions.register(EnquiryAction.choices, reads=READS)
