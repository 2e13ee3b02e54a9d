from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dipps.core.models import DatedRate

from . import catalogue

HOURS = dict(max_digits=8, decimal_places=2)
MONEY = dict(max_digits=14, decimal_places=2)


class Stage(models.TextChoices):
    FIRST_CONTACT = "first_contact", _("first contact")
    NEEDS_ANALYSIS = "needs_analysis", _("needs analysis")
    PLAN_AGREED = "plan_agreed", _("action plan agreed")
    IMPLEMENTATION = "implementation", _("implementation")
    FOLLOW_UP = "follow_up", _("follow-up")
    CLOSED = "closed", pgettext_lazy("engagement stage", "closed")
    PAUSED = "paused", _("paused")
    DECLINED = "declined", _("declined")


class Engagement(models.Model):
    company = models.ForeignKey(
        "companies.Company", on_delete=models.CASCADE, related_name="engagements"
    )
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="engagements"
    )
    stage = models.CharField(
        pgettext_lazy("engagement stage", "stage"),
        max_length=20,
        choices=Stage,
        default=Stage.FIRST_CONTACT,
    )
    stage_reason = models.CharField(_("reason"), max_length=300, blank=True)
    coaches = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="engagements", verbose_name=_("coaches")
    )
    started = models.DateField(pgettext_lazy("engagement started", "started"))

    class Meta:
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        constraints = [
            models.UniqueConstraint(fields=["company", "programme"], name="one_engagement")
        ]

    def __str__(self) -> str:
        return f"{self.company} – {self.programme.code}"


class StageChange(models.Model):
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="changes")
    from_stage = models.CharField(_("from"), max_length=20, choices=Stage, blank=True)
    to_stage = models.CharField(_("to"), max_length=20, choices=Stage)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    on = models.DateField(_("date"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["on", "id"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")

    def __str__(self) -> str:
        return f"{self.engagement_id}: {self.from_stage} → {self.to_stage} ({self.on})"


class EnvironmentTag(models.TextChoices):
    """What an action item does for the green transition (horizontal criteria, see
    docs/working-method.md): any of energy, material and emissions, or explicitly none.
    An item with no tag has not been assessed yet."""

    ENERGY = "energy", _("energy")
    MATERIAL = "material", _("material")
    EMISSIONS = "emissions", _("emissions")
    NONE = "none", pgettext_lazy("environmental tag", "none")


class ActionItem(models.Model):
    class Owner(models.TextChoices):
        COACH = "coach", pgettext_lazy("action-plan item owner", "coach")
        COMPANY = "company", _("company")

    class Status(models.TextChoices):
        PLANNED = "planned", pgettext_lazy("action-plan item status", "planned")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        DROPPED = "dropped", _("dropped")

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="items")
    goal = models.CharField(_("goal"), max_length=300)
    dimensions = models.JSONField(_("maturity dimensions"), default=list, blank=True)
    intervention = models.CharField(_("intervention type"), max_length=40)
    owner = models.CharField(
        pgettext_lazy("action-plan item owner", "owner"),
        max_length=10,
        choices=Owner,
        default=Owner.COACH,
    )
    due = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.PLANNED)
    expected_effect = models.TextField(_("expected effect"), blank=True)
    expected_kwh_year = models.DecimalField(
        _("expected energy saved (kWh/year)"), null=True, blank=True, **MONEY
    )
    expected_tonnes_year = models.DecimalField(
        _("expected material saved (tonnes/year)"),
        null=True,
        blank=True,
        max_digits=12,
        decimal_places=3,
    )
    # EnvironmentTag values: several of energy/material/emissions, or ["none"]; [] = not assessed.
    environment = models.JSONField(_("environmental tag"), default=list, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    new_or_improved_product = models.BooleanField(_("new or improved product"), default=False)
    new_or_improved_process = models.BooleanField(_("new or improved process"), default=False)
    organisational_or_marketing_change = models.BooleanField(
        _("organisational or marketing change"), default=False
    )
    created = models.DateField(_("created"))
    completed = models.DateField(_("completed"), null=True, blank=True)

    class Meta:
        ordering = ["due", "id"]
        verbose_name = _("action-plan item")
        verbose_name_plural = _("action-plan items")

    def __str__(self) -> str:
        return self.goal

    @property
    def intervention_label(self) -> str:
        """The intervention type's name in the active language, never its catalogue id."""
        return catalogue.type_label(self.intervention)

    @property
    def environment_labels(self) -> list[str]:
        """The item's environmental tags as labels, in the order of EnvironmentTag."""
        tags = set(self.environment or [])
        return [str(t.label) for t in EnvironmentTag if t.value in tags]


class Activity(models.Model):
    class Spread(models.TextChoices):
        EQUAL = "equal", _("equally")
        PARTICIPANTS = "participants", _("by participants")

    date = models.DateField(_("date"), db_index=True)
    type = models.CharField(_("activity type"), max_length=40)
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="activities"
    )
    staff_hours = models.DecimalField(_("staff hours"), default=0, **HOURS)
    external_cost_sek = models.DecimalField(_("external cost (SEK)"), default=0, **MONEY)
    participants_women = models.PositiveIntegerField(_("women"), default=0)
    participants_men = models.PositiveIntegerField(_("men"), default=0)
    participants_other = models.PositiveIntegerField(_("other or not stated"), default=0)
    participant_hours = models.DecimalField(_("participants' hours"), default=0, **HOURS)
    note = models.CharField(_("note"), max_length=500, blank=True)
    spread = models.CharField(_("spread"), max_length=12, choices=Spread, default=Spread.EQUAL)
    items = models.ManyToManyField(ActionItem, blank=True, related_name="activities")
    # Import key (see docs/working-method.md): re-importing a row finds its activity.
    natural_key = models.CharField(max_length=64, null=True, blank=True, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [models.Index(fields=["programme", "date"], name="activity_programme_date")]

    def __str__(self) -> str:
        return f"{self.date} {self.type_label}"

    @property
    def type_label(self) -> str:
        """The activity type's name in the active language, never its catalogue id."""
        return catalogue.type_label(self.type)


class ActivityCoach(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="coach_hours")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="activity_hours"
    )
    date = models.DateField(_("date"))  # copy of the activity's, for the 24-hour check
    hours = models.DecimalField(_("hours"), **HOURS)

    class Meta:
        indexes = [models.Index(fields=["user", "date"], name="activitycoach_user_date")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.date} {self.hours} h"


class ActivityCompany(models.Model):
    """A company's share of an activity: the basis of its aid and in-kind time."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="shares")
    company = models.ForeignKey(
        "companies.Company", on_delete=models.PROTECT, related_name="activity_shares"
    )
    date = models.DateField(_("date"))
    participants = models.PositiveIntegerField(_("participants"), default=0)
    staff_hours = models.DecimalField(_("staff hours"), **HOURS)
    external_cost_sek = models.DecimalField(_("external cost (SEK)"), **MONEY)
    participant_hours = models.DecimalField(_("participants' hours"), **HOURS)
    aid_sek = models.DecimalField(_("aid (SEK)"), **MONEY)
    aid_eur = models.DecimalField(_("aid (EUR)"), **MONEY)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["activity", "company"], name="one_share_per_company")
        ]
        indexes = [models.Index(fields=["company", "date"], name="share_company_date")]

    def __str__(self) -> str:
        return f"{self.company_id} {self.date} {self.aid_sek} SEK"


class CompanySupport(models.Model):
    """A company's support in a programme: its first and last activity date and how many
    activities it had, kept in step by the activity services.

    The indicators count supported companies from this table, one row per company,
    instead of grouping millions of activity shares (docs/indicators.md).
    """

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="+"
    )
    company = models.ForeignKey("companies.Company", on_delete=models.CASCADE, related_name="+")
    first_date = models.DateField()
    last_date = models.DateField()
    activities = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["programme", "company"], name="one_support_per_company")
        ]

    def __str__(self) -> str:
        return f"{self.programme_id} {self.company_id} {self.first_date}–{self.last_date}"


class DailyTotals(models.Model):
    """Programme totals per day and activity type, kept in step by the services.

    The totals page sums this (tens of thousands of rows at most) instead of
    millions of activities.
    """

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="+"
    )
    date = models.DateField()
    type = models.CharField(max_length=40)
    activities = models.IntegerField(default=0)
    staff_hours = models.DecimalField(default=0, max_digits=14, decimal_places=2)
    external_cost_sek = models.DecimalField(default=0, max_digits=16, decimal_places=2)
    women = models.IntegerField(default=0)
    men = models.IntegerField(default=0)
    other = models.IntegerField(default=0)
    participant_hours = models.DecimalField(default=0, max_digits=14, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["programme", "date", "type"], name="one_total_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.programme_id} {self.date} {self.type}"


class ParticipantRole(models.TextChoices):
    """What a participant does in their organisation: the in-kind rate may differ by role."""

    EMPLOYEE = "employee", _("employee")
    SPECIALIST = "specialist", _("specialist or engineer")
    MANAGER = "manager", _("manager or owner")


class InKindRate(DatedRate):
    """Standard hourly value of participants' time (in-kind co-financing), dated, per role.

    The role `""` means any role: it applies to a participant whose role has no rate
    of its own on the day (engagements/in_kind.py).
    """

    series_fields = ("programme", "role")
    value_field = "hourly_rate_sek"

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="in_kind_rates"
    )
    role = models.CharField(
        _("participant's role"), max_length=20, choices=ParticipantRole, blank=True, default=""
    )
    hourly_rate_sek = models.DecimalField(_("standard hourly rate (SEK)"), **MONEY)

    class Meta(DatedRate.Meta):
        ordering = ["programme", "role", "valid_from"]
        verbose_name = _("in-kind hourly rate")
        verbose_name_plural = _("in-kind hourly rates")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "role", "valid_from"], name="uniq_inkind_rate_role_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme_id} {self.role or '*'} {self.valid_from}: {self.hourly_rate_sek}"


class Attendee(models.Model):
    """A named person at an activity (närvarolista): the evidence behind in-kind time.

    The person comes from a contributor: a supported firm (private) or a programme
    organisation such as a municipality (public); exactly one of the two is set.
    """

    class Gender(models.TextChoices):
        WOMAN = "woman", _("woman")
        MAN = "man", _("man")
        OTHER = "other", _("other")

    class AgeBand(models.TextChoices):
        UNDER_30 = "under_30", _("under 30")
        FROM_30_TO_49 = "30_49", _("30–49")
        FROM_50 = "50_plus", _("50 or older")

    class Confirmation(models.TextChoices):
        NONE = "", _("not yet confirmed")
        PAPER = "paper", _("signed on paper")
        DIGITAL = "digital", _("signed in digitally")

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="attendees")
    name = models.CharField(_("name"), max_length=200)
    company = models.ForeignKey(
        "companies.Company",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attendees",
        verbose_name=_("company"),
    )
    organisation = models.ForeignKey(
        "programmes.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attendees",
        verbose_name=_("organisation"),
    )
    role = models.CharField(
        _("participant's role"),
        max_length=20,
        choices=ParticipantRole,
        default=ParticipantRole.EMPLOYEE,
    )
    hours = models.DecimalField(_("hours"), **HOURS)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender, blank=True)
    age_band = models.CharField(_("age band"), max_length=10, choices=AgeBand, blank=True)
    confirmed = models.CharField(
        _("presence confirmed"), max_length=10, choices=Confirmation, blank=True, default=""
    )
    signed_at = models.DateTimeField(_("signed in at"), null=True, blank=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(company__isnull=False, organisation__isnull=True)
                    | models.Q(company__isnull=True, organisation__isnull=False)
                ),
                name="attendee_one_contributor",
            ),
            models.CheckConstraint(condition=models.Q(hours__gte=0), name="attendee_hours_gte_0"),
        ]

    def __str__(self) -> str:
        return f"{self.activity_id} {self.name} {self.hours} h"

    @property
    def contributor(self):
        return self.company or self.organisation

    @property
    def is_public(self) -> bool:
        return self.company_id is None


class EmploymentCost(models.Model):
    """A person's documented annual gross employment cost; rate = cost / 1,720."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="employment_costs"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    annual_gross_cost_sek = models.DecimalField(_("annual gross employment cost (SEK)"), **MONEY)
    document = models.CharField(_("documented by"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("employment cost")
        verbose_name_plural = _("employment costs")
        constraints = [models.UniqueConstraint(fields=["user", "year"], name="one_cost_per_year")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.year}: {self.annual_gross_cost_sek}"


class TimesheetEntry(models.Model):
    class Kind(models.TextChoices):
        ACTIVITY = "activity", _("activity")
        ADMINISTRATION = "administration", _("programme administration")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="timesheet"
    )
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="+"
    )
    day = models.DateField(_("day"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind)
    activity = models.ForeignKey(
        Activity, null=True, blank=True, on_delete=models.SET_NULL, related_name="timesheet"
    )
    hours = models.DecimalField(_("hours"), **HOURS)

    class Meta:
        ordering = ["day", "id"]
        verbose_name = _("timesheet entry")
        verbose_name_plural = _("timesheet entries")
        indexes = [models.Index(fields=["user", "day"], name="timesheet_user_day")]
        constraints = [
            models.CheckConstraint(condition=models.Q(hours__gte=0), name="timesheet_hours_gte_0")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.day} {self.hours} h"
