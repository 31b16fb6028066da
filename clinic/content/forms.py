from __future__ import annotations

from django import forms

from clinic.patients.forms import clean_name


class CommentForm(forms.Form):
    name = forms.CharField(max_length=60, label="Your name (shown with your comment)")
    email = forms.EmailField(max_length=254, label="Your email (never shown)")
    body = forms.CharField(
        max_length=2000, widget=forms.Textarea(attrs={"rows": 5}), label="Comment"
    )
    website = forms.CharField(
        required=False,
        label="Leave this empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_name(self) -> str:
        return clean_name(self.cleaned_data["name"], "name")

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].strip()
        if len(body) < 2:
            raise forms.ValidationError("Please write a comment.")
        return body

    def clean_website(self) -> str:
        if self.cleaned_data["website"]:
            raise forms.ValidationError("Please leave this field empty.")
        return ""
