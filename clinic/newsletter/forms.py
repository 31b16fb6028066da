from __future__ import annotations

from django import forms

from clinic.newsletter.services import CONSENT_TEXT


class SubscribeForm(forms.Form):
    email = forms.EmailField(max_length=254, label="Your email")
    consent = forms.BooleanField(label=CONSENT_TEXT)
    website = forms.CharField(
        required=False,
        label="Leave this empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_website(self) -> str:
        if self.cleaned_data["website"]:
            raise forms.ValidationError("Please leave this field empty.")
        return ""
