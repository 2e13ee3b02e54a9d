"""The form that makes a self-service link and may e-mail it (the maturity questionnaire,
the skills map): a contact of the firm or a typed address, and the mail's language."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .mail import languages


class LinkMailForm(forms.Form):
    """`contact` is set by the app's form (a queryset of the firm's contacts); after
    `is_valid()`, `cleaned_data["recipient"]` is the address to send to, or "" when the
    link is only made."""

    contact = forms.ModelChoiceField(
        label=_("Contact"), queryset=None, required=False, empty_label="—"
    )
    email = forms.EmailField(label=_("or another e-mail address"), required=False)
    language = forms.ChoiceField(label=_("Language of the e-mail"), choices=languages)
    send = forms.BooleanField(label=_("Send the link by e-mail"), required=False)

    def __init__(self, *args, contacts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = contacts
        self.fields["language"].initial = settings.LANGUAGE_CODE

    def clean(self):
        data = super().clean()
        contact = data.get("contact")
        typed = (data.get("email") or "").strip()
        data["recipient"] = ""
        if data.get("send"):
            recipient = typed or (contact.email if contact is not None else "")
            if not recipient:
                raise forms.ValidationError(
                    _("Choose a contact with an e-mail address, or type an address.")
                )
            data["recipient"] = recipient
        return data

    def recipient_name(self) -> str:
        """The contact's name for the greeting, when the mail goes to that contact."""
        contact = self.cleaned_data.get("contact")
        typed = (self.cleaned_data.get("email") or "").strip()
        if contact is not None and (not typed or typed.lower() == contact.email.lower()):
            return contact.name
        return ""
