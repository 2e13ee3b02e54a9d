from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SentReminder(models.Model):
    """One item of a reminder mail, as sent (`notices.due.Item.key`): what makes
    `dipps remind` mail each item's phase once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sent_reminders"
    )
    key = models.CharField(_("item"), max_length=120)
    day = models.DateField(_("day of the run"))
    sent = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("sent reminder")
        verbose_name_plural = _("sent reminders")
        ordering = ["-day", "user_id", "key"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="one_reminder_per_item")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.user_id} {self.key}"
