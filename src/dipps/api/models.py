"""Per-user API tokens: only a digest is stored; the token itself is shown once."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    # The first characters of the token, enough for a person to tell two tokens apart.
    prefix = models.CharField(_("begins with"), max_length=16)
    # SHA-256 of the whole token, hex: a token carries 256 random bits, so a fast hash is
    # enough (nothing to guess), and lookups stay one indexed query.
    digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    expires = models.DateField(_("valid until"), null=True, blank=True)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.user} {self.prefix}… ({self.name})"
