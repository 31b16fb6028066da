"""Owners edit the contraindication rules in the administration pages (audited). A rule the
owner changes is no longer marked as the shipped clinic default."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from clinic.accounts.admin import AuditedAdmin
from clinic.accounts.admin_site import admin_site
from clinic.core.context import acting
from clinic.intake import consent, rules
from clinic.intake.models import ConsentDocument, ContraindicationRule, DiagnosisCode
from clinic.intake.screening import ROUTE_LABELS


class RuleForm(forms.ModelForm):
    facts = forms.MultipleChoiceField(
        choices=sorted(rules.FACTS.items(), key=lambda item: str(item[1])),
        widget=forms.CheckboxSelectMultiple,
        help_text="Any one of these findings meets the rule.",
    )
    routes = forms.MultipleChoiceField(
        choices=list(ROUTE_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
        help_text="The routes the rule applies to.",
    )

    class Meta:
        model = ContraindicationRule
        fields = ["code", "label", "severity", "facts", "routes", "source", "active", "order"]


@admin.register(ContraindicationRule, site=admin_site)
class ContraindicationRuleAdmin(AuditedAdmin):
    form = RuleForm
    list_display = ["label", "severity", "route_list", "is_default", "active"]
    list_filter = ["severity", "is_default", "active"]

    @admin.display(description="Routes")
    def route_list(self, obj: ContraindicationRule) -> str:
        return ", ".join(ROUTE_LABELS.get(r, r) for r in obj.routes)

    def save_model(
        self, request: HttpRequest, obj: ContraindicationRule, form: Any, change: bool
    ) -> None:
        if not change or form.changed_data:
            obj.is_default = False  # the clinic's own now
        super().save_model(request, obj, form, change)


class ConsentDocumentForm(forms.ModelForm):
    routes = forms.MultipleChoiceField(
        choices=list(ROUTE_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="The routes a signature to this document covers.",
    )

    class Meta:
        model = ConsentDocument
        fields = ["kind", "title", "body", "routes"]


@admin.register(ConsentDocument, site=admin_site)
class ConsentDocumentAdmin(AuditedAdmin):
    """A document is published as a new version; a published version is never edited (its
    hash is kept with every signature). A version nobody has signed may be deleted; a signed
    one cannot be (the signatures protect it)."""

    form = ConsentDocumentForm
    list_display = ["title", "kind", "version", "created_at"]
    list_filter = ["kind"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: ConsentDocument, form: Any, change: bool
    ) -> None:
        published = consent.consent_document_publish(
            kind=obj.kind,
            title=obj.title,
            body=obj.body,
            routes=list(obj.routes),
            actor=request.user,  # type: ignore[arg-type]
            ctx=acting(request),
        )
        for name in ("pk", "id", "code", "version", "sha256", "created_at"):
            setattr(obj, name, getattr(published, name))


@admin.register(DiagnosisCode, site=admin_site)
class DiagnosisCodeAdmin(AuditedAdmin):
    list_display = ["code", "label", "active"]
    list_filter = ["active"]
    search_fields = ["code", "label"]
