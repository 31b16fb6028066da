from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "clinic.scheduling"
    label = "scheduling"

    def ready(self) -> None:
        from clinic.audit import actions
        from clinic.scheduling.audit_actions import READS, SchedulingAction

        actions.register(SchedulingAction.choices, reads=READS)
