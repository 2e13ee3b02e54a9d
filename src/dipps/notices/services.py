"""`dipps remind`: one digest mail a user, of what is due and not mailed before (notices.due).

Each user's items are recorded (`SentReminder`) and the mail sent in one transaction: a
mail that could not be sent records nothing, so the next run tries its items again; a
second run on one day finds every item recorded and sends nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from dipps.core import mail

from . import due, selectors
from .models import SentReminder


@dataclass
class RemindReport:
    """What a run did: per user the number of items mailed (or that would be, dry)."""

    day: date
    dry_run: bool
    sent: dict[str, int] = field(default_factory=dict)
    without_email: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict:
        return {
            "date": self.day.isoformat(),
            "dry_run": self.dry_run,
            "mails": len(self.sent),
            "items": sum(self.sent.values()),
            "sent": dict(sorted(self.sent.items())),
            "without_email": sorted(self.without_email),
            "failed": dict(sorted(self.failed.items())),
        }


def language_of(user) -> str:
    """The language of a user's mails: their preference if the platform keeps one (it does
    not yet), else the site's first language, Swedish."""
    return mail.language_or_default(getattr(user, "language", None))


def digest(user, reminders: list[selectors.Reminder]) -> mail.Mail:
    context = {
        "user": user,
        "name": user.get_full_name() or user.get_username(),
        "follow_ups": [r for r in reminders if r.kind == due.FOLLOW_UP],
        "periods": [r for r in reminders if r.kind == due.CLAIM_PERIOD],
        "cases": [r for r in reminders if r.kind == due.DEMINIMIS],
        "site": settings.DIPPS_SITE_URL,
        "desk": mail.site_url("/"),
        "days": settings.DIPPS_REMIND_CLAIM_DAYS,
    }
    return mail.render("notices/mail/digest", context, language_of(user))


def remind(*, today: date, dry_run: bool = False, claim_days: int | None = None) -> RemindReport:
    """Mail each user the items due today that they have not been mailed."""
    days = settings.DIPPS_REMIND_CLAIM_DAYS if claim_days is None else claim_days
    report = RemindReport(day=today, dry_run=dry_run)
    for user, reminders in selectors.reminders_due(today, claim_days=days).items():
        sent = selectors.sent_keys(user)
        fresh_items = due.not_sent([r.item for r in reminders], sent)
        fresh_keys = {item.key for item in fresh_items}
        fresh = [r for r in reminders if r.item.key in fresh_keys]
        if not fresh:
            continue
        name = user.get_username()
        if not user.email:
            report.without_email.append(name)
            continue
        if dry_run:
            report.sent[name] = len(fresh_items)
            continue
        try:
            with transaction.atomic():
                SentReminder.objects.bulk_create(
                    SentReminder(user=user, key=item.key, day=today) for item in fresh_items
                )
                mail.send(to=[user.email], mail=digest(user, fresh))
        except ValidationError as error:
            report.failed[name] = " ".join(error.messages)
            continue
        except IntegrityError:
            # Another run recorded these items between our read and our write (two runs at
            # once): it mails them; this run sends nothing for the user.
            continue
        report.sent[name] = len(fresh_items)
    return report
