"""E-mails in the recipient's language, from templates, through Django's e-mail backends.

A mail is three templates beside each other: `<name>.subject.txt` (one line), `<name>.txt`
(the plain-text body) and, optionally, `<name>.html` (an HTML alternative). They are
rendered with the recipient's language active, so `{% translate %}` and the date and number
formats follow it; the page's language (the sender's) plays no part. Which backend sends
them (SMTP, a file per mail in the demo, the console, memory in the tests) is the
`EMAIL_BACKEND` setting (docs/configuration.md, "E-mail").
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from .audit import record

FILE_BACKEND = "django.core.mail.backends.filebased.EmailBackend"


def languages() -> list[tuple[str, str]]:
    """The languages a mail can be written in: the site's (Swedish first)."""
    return list(settings.LANGUAGES)


def language_or_default(language: str | None) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    return language if language in codes else settings.LANGUAGE_CODE


@dataclass(frozen=True)
class Mail:
    subject: str
    text: str
    html: str | None = None


def render(name: str, context: dict, language: str | None) -> Mail:
    """The mail `name` (a template path without its ending) in `language`."""
    with translation.override(language_or_default(language)):
        subject = " ".join(render_to_string(f"{name}.subject.txt", context).split())
        text = render_to_string(f"{name}.txt", context).strip() + "\n"
        try:
            html: str | None = render_to_string(f"{name}.html", context)
        except TemplateDoesNotExist:
            html = None
    return Mail(subject=subject, text=text, html=html)


def send(*, to: list[str], mail: Mail, reply_to: list[str] | None = None) -> int:
    """Send a rendered mail from DEFAULT_FROM_EMAIL; returns the number sent (0 or 1).

    A mail server that cannot be reached or refuses the mail raises a ValidationError that
    says so, for the page or the command to show; nothing is retried here."""
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        reply_to=reply_to or None,
    )
    if mail.html is not None:
        message.attach_alternative(mail.html, "text/html")
    try:
        return message.send()
    except OSError as error:  # smtplib's errors are OSErrors too
        raise ValidationError(
            _("The e-mail could not be sent (%(reason)s).") % {"reason": error}
        ) from error


def send_link(
    *,
    instance,
    template: str,
    company: str,
    days: int,
    url: str,
    to: str,
    name: str,
    language: str,
    by,
) -> None:
    """E-mail a self-service link (the maturity questionnaire's, the skills map's) to `to` in
    `language` (the sender's page language plays no part) and record in `instance`'s history
    to whom and in which language it went."""
    context = {
        "name": name,
        "company": company,
        "days": days,
        "url": url,
        "sender": by.get_full_name() or by.get_username(),
    }
    send(to=[to], mail=render(template, context, language))
    record(
        instance=instance,
        action="update",
        by=by,
        changes={"self_service_link_sent": {"to": to, "language": language}},
    )


def site_url(path: str) -> str:
    """An absolute address of a path of this site, for mails sent outside a request."""
    return settings.DIPPS_SITE_URL + path


def file_backend_dir() -> Path | None:
    """The directory the file backend writes mails into, or None with any other backend."""
    if settings.EMAIL_BACKEND != FILE_BACKEND:
        return None
    return Path(settings.EMAIL_FILE_PATH)
