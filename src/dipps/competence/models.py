"""Skills maps per firm, programme skills and the skills a training activity addresses
(docs/competence.md).

Skills and roles are stored as codes: the shipped skills live in `data/skills.csv` (read by
`skills.py`), a programme's own in `ProgrammeSkill`; a code is shown by its name in the
page's language, never as the code.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import gaps
from .skills import LEVEL_MAX

LEVEL_CHOICES = [(n, str(n)) for n in range(LEVEL_MAX + 1)]


class ProgrammeSkill(models.Model):
    """A skill a programme adds to the shipped catalogue; its code must not be a shipped one."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="competence_skills"
    )
    code = models.SlugField(_("code"), max_length=40)
    name_sv = models.CharField(_("name (Swedish)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    description_sv = models.CharField(_("description (Swedish)"), max_length=300, blank=True)
    description_en = models.CharField(_("description (English)"), max_length=300, blank=True)

    class Meta:
        ordering = ["programme", "code"]
        verbose_name = _("programme skill")
        verbose_name_plural = _("programme skills")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "code"], name="one_skill_code_per_programme"
            )
        ]

    def __str__(self) -> str:
        return self.code


class SkillsMap(models.Model):
    class Kind(models.TextChoices):
        COACH = "coach", pgettext_lazy("skills map kind", "filled in by the coach")
        SELF_SERVICE = "self_service", _("self-service by the company")

    company = models.ForeignKey(
        "companies.Company", on_delete=models.CASCADE, related_name="skills_maps"
    )
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="skills_maps"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind, default=Kind.COACH)
    taken_on = models.DateField(_("date"))
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # A follow-up map points at the map it follows, so before and after can be shown.
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("follows"),
    )
    # Set when the map is complete: at once for the coach's, on submit for self-service.
    submitted = models.DateTimeField(_("submitted"), null=True, blank=True)
    invited_contact = models.ForeignKey(
        "companies.Contact", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    invited = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["company", "taken_on", "id"]
        verbose_name = _("skills map")
        verbose_name_plural = _("skills maps")

    def __str__(self) -> str:
        return f"{self.company_id} {self.taken_on}"

    def gap_rows(self) -> list[gaps.Row]:
        return [r.as_gap_row() for r in self.rows.all()]


class MapRow(models.Model):
    map = models.ForeignKey(SkillsMap, on_delete=models.CASCADE, related_name="rows")
    role = models.CharField(_("role"), max_length=40)
    skill = models.CharField(_("skill"), max_length=40)
    people = models.PositiveSmallIntegerField(_("people in the role"), default=0)
    current = models.PositiveSmallIntegerField(_("current level"), choices=LEVEL_CHOICES, default=0)
    needed = models.PositiveSmallIntegerField(_("needed level"), choices=LEVEL_CHOICES, default=0)
    # The action-plan item made from this row's gap ("From gap to plan to training").
    action_item = models.ForeignKey(
        "engagements.ActionItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["map", "id"]
        verbose_name = _("skills map row")
        verbose_name_plural = _("skills map rows")
        constraints = [
            models.UniqueConstraint(fields=["map", "role", "skill"], name="one_row_per_role_skill"),
            models.CheckConstraint(
                condition=models.Q(current__lte=LEVEL_MAX, needed__lte=LEVEL_MAX),
                name="map_row_levels_0_4",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.map_id} {self.role} {self.skill}"

    def as_gap_row(self) -> gaps.Row:
        return gaps.Row(self.role, self.skill, self.people, self.current, self.needed)


class ActivitySkill(models.Model):
    """A skill a training activity addresses: its attendees count as trained in it."""

    activity = models.ForeignKey(
        "engagements.Activity", on_delete=models.CASCADE, related_name="competence_skills"
    )
    skill = models.CharField(_("skill"), max_length=40)

    class Meta:
        ordering = ["activity", "skill"]
        verbose_name = _("skill addressed by an activity")
        verbose_name_plural = _("skills addressed by activities")
        constraints = [
            models.UniqueConstraint(fields=["activity", "skill"], name="one_activity_skill")
        ]

    def __str__(self) -> str:
        return f"{self.activity_id} {self.skill}"
