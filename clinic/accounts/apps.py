from __future__ import annotations

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "clinic.accounts"
    label = "accounts"

    def ready(self) -> None:
        from clinic.accounts import signals  # noqa: F401 - connects the audit receivers
        from clinic.accounts.audit_actions import READS, AccountAction
        from clinic.audit import actions

        actions.register(AccountAction.choices, reads=READS)
