from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .budget import DEFAULT_COST_MODEL, DEFAULT_FLAT_RATE, INCOME
from .claim_model import DEFAULT_UPLIFT_PERCENT, STAFF_PLUS_15_ACTUAL, STAFF_PLUS_40


class CostModel(models.TextChoices):
    """The programme decision's cost model; the codes are the claim core's COST_MODELS."""

    STAFF_PLUS_40 = (
        STAFF_PLUS_40,
        _("staff costs + flat rate of up to 40 per cent for all other costs"),
    )
    STAFF_PLUS_15_ACTUAL = (
        STAFF_PLUS_15_ACTUAL,
        _("staff costs + actual purchases + flat rate of up to 15 per cent for indirect costs"),
    )


def cost_model_label(code: str) -> str:
    """The model in words in the active language (never the code on a page)."""
    return str(CostModel(code).label) if code in CostModel.values else code


class CostCategory(models.TextChoices):
    """What a budget line or ledger entry may carry; the flat rate is computed, never entered."""

    STAFF = "staff", _("staff")
    EXTERNAL_SERVICES = "external_services", _("external services")
    TRAVEL = "travel", _("travel and accommodation")
    INVESTMENTS = "investments", _("investments, equipment and premises")
    IN_KIND = "in_kind", _("in-kind contributions")


class LedgerCategory(models.TextChoices):
    """What a ledger row may carry: the cost categories and project income (never a cost).

    The cost categories repeat `CostCategory`'s (an enum cannot extend another); income is
    `budget.INCOME`, which no cost table, flat rate or total sums.
    """

    STAFF = CostCategory.STAFF.value, CostCategory.STAFF.label
    EXTERNAL_SERVICES = CostCategory.EXTERNAL_SERVICES.value, CostCategory.EXTERNAL_SERVICES.label
    TRAVEL = CostCategory.TRAVEL.value, CostCategory.TRAVEL.label
    INVESTMENTS = CostCategory.INVESTMENTS.value, CostCategory.INVESTMENTS.label
    IN_KIND = CostCategory.IN_KIND.value, CostCategory.IN_KIND.label
    INCOME = INCOME, _("project income")


# Labels for every row of a cost table, the computed flat rate included.
CATEGORY_LABELS = {
    "staff": _("staff"),
    "external_services": _("external services"),
    "travel": _("travel and accommodation"),
    "investments": _("investments, equipment and premises"),
    "indirect": _("indirect costs (flat rate)"),
    "in_kind": _("in-kind contributions"),
    INCOME: _("project income"),
}
# Under staff_plus_40 the flat rate is not for indirect costs only: it covers every other cost.
FLAT_RATE_LABEL_40 = _("flat rate for all other costs")


def category_label(key: str, cost_model: str = "") -> str:
    """A category's label in the active language; an unknown key is shown as it is.

    The flat rate's row is named after the model (under staff_plus_40 it covers every
    other cost)."""
    if key == "indirect" and cost_model == STAFF_PLUS_40:
        return str(FLAT_RATE_LABEL_40)
    return str(CATEGORY_LABELS.get(key, key))


class StaffCostMethod(models.TextChoices):
    """How timesheet hours are valued (docs/finance.md, "Staff costs")."""

    UNIT_COST = "unit_cost", _("unit cost per hour from the first project month's salary")
    ANNUAL_COST = "annual_cost", _("annual gross employment cost / 1,720")


class FinancePlan(models.Model):
    programme = models.OneToOneField(
        "programmes.Programme", on_delete=models.CASCADE, related_name="finance_plan"
    )
    cost_model = models.CharField(
        _("cost model"), max_length=30, choices=CostModel, default=DEFAULT_COST_MODEL
    )
    indirect_rate_percent = models.DecimalField(
        _("flat rate for indirect costs, per cent of direct staff costs"),
        max_digits=5,
        decimal_places=2,
        default=DEFAULT_FLAT_RATE,
    )
    staff_cost_method = models.CharField(
        _("staff cost method"),
        max_length=20,
        choices=StaffCostMethod,
        default=StaffCostMethod.UNIT_COST,
    )
    uplift_percent = models.DecimalField(
        _("yearly uplift of the unit cost, per cent"),
        max_digits=5,
        decimal_places=2,
        default=DEFAULT_UPLIFT_PERCENT,
    )

    class Meta:
        verbose_name = _("finance plan")
        verbose_name_plural = _("finance plans")

    def __str__(self) -> str:
        return f"{self.programme.code}: {self.indirect_rate_percent} %"


class BudgetVersion(models.Model):
    """One version of a programme's budget and financing plan.

    Version 1 is the original budget the funder approved; every later one is a change
    request (ändringsansökan), a copy of the version in force, edited as a draft, submitted
    and approved or rejected by a decision. Approved and rejected versions never change;
    they are the history. At most one version per programme is open (draft or submitted).
    """

    class Kind(models.TextChoices):
        ORIGINAL = "original", _("original budget")
        CHANGE = "change", _("change request")

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("budget version status", "draft")
        SUBMITTED = "submitted", pgettext_lazy("budget version status", "submitted")
        APPROVED = "approved", pgettext_lazy("budget version status", "approved")
        REJECTED = "rejected", pgettext_lazy("budget version status", "rejected")

    OPEN = (Status.DRAFT, Status.SUBMITTED)

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="budget_versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.ORIGINAL)
    reason = models.TextField(_("reason for the change"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    # The budget's own cost model and rate, so an approved version always adds up the same.
    cost_model = models.CharField(
        _("cost model"), max_length=30, choices=CostModel, default=DEFAULT_COST_MODEL
    )
    rate_percent = models.DecimalField(
        _("flat rate, per cent of direct staff costs"),
        max_digits=5,
        decimal_places=2,
        default=DEFAULT_FLAT_RATE,
    )
    decision_reference = models.CharField(_("decision reference"), max_length=100, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    in_force_from = models.DateField(_("in force from"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("budget version")
        verbose_name_plural = _("budget versions")
        ordering = ["programme", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "number"], name="one_budget_version_number"
            ),
            models.UniqueConstraint(
                fields=["programme"],
                condition=Q(status__in=["draft", "submitted"]),
                name="one_open_budget_version",
            ),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(in_force_from__isnull=False),
                name="approved_version_in_force",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme_id} v{self.number} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT


class BudgetLine(models.Model):
    version = models.ForeignKey(BudgetVersion, on_delete=models.CASCADE, related_name="lines")
    year = models.PositiveSmallIntegerField(_("year"))
    organisation = models.ForeignKey(
        "programmes.Organisation", on_delete=models.PROTECT, verbose_name=_("partner")
    )
    category = models.CharField(_("cost category"), max_length=20, choices=CostCategory)
    amount = models.DecimalField(_("amount (SEK)"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["year", "organisation__name", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "year", "organisation", "category"], name="one_budget_cell"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.category}: {self.amount}"


class FinancingLine(models.Model):
    version = models.ForeignKey(BudgetVersion, on_delete=models.CASCADE, related_name="financing")
    # RESTRICT: a financier in a budget version cannot be removed on its own (the approved
    # versions are kept); removing the whole programme still takes its versions with it.
    financier = models.ForeignKey(
        "programmes.Financier", on_delete=models.RESTRICT, verbose_name=_("financier")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("amount (SEK)"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("financing line")
        verbose_name_plural = _("financing lines")
        ordering = ["year", "financier__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "financier", "year"], name="one_financing_cell"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.financier_id}: {self.amount}"


class PartnerLedger(models.Model):
    """How a partner's SIE file shows what belongs to the programme."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="partner_ledgers"
    )
    organisation = models.ForeignKey(
        "programmes.Organisation", on_delete=models.PROTECT, verbose_name=_("partner")
    )
    dimension = models.CharField(_("dimension"), max_length=10, blank=True, default="6")
    object = models.CharField(_("object"), max_length=40, blank=True)
    accounts = models.CharField(
        _("account list"),
        max_length=400,
        blank=True,
        help_text=_("Used when no object is given, e.g. “7010 7510 6540-6559”."),
    )

    class Meta:
        verbose_name = _("partner ledger settings")
        verbose_name_plural = _("partner ledger settings")
        constraints = [
            models.UniqueConstraint(fields=["programme", "organisation"], name="one_partner_ledger")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.programme.code})"


class AccountMapping(models.Model):
    """A programme's own BAS mapping; without one, data/bas_accounts.csv (finance) applies."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="account_mappings"
    )
    first = models.PositiveIntegerField(_("first account"))
    last = models.PositiveIntegerField(_("last account"))
    category = models.CharField(_("cost category"), max_length=20, choices=CostCategory, blank=True)

    class Meta:
        verbose_name = _("account mapping")
        verbose_name_plural = _("account mappings")
        ordering = ["first", "last"]

    def __str__(self) -> str:
        return f"{self.first}–{self.last}: {self.category or '-'}"


class SieImport(models.Model):
    class Status(models.TextChoices):
        REVIEW = "review", _("in review")
        CONFIRMED = "confirmed", _("confirmed")
        DISCARDED = "discarded", _("discarded")

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="sie_imports"
    )
    organisation = models.ForeignKey(
        "programmes.Organisation", on_delete=models.PROTECT, verbose_name=_("partner")
    )
    filename = models.CharField(_("file"), max_length=255)
    sha256 = models.CharField(max_length=64)
    orgnr = models.CharField(_("organisation number in the file"), max_length=12, blank=True)
    company_name = models.CharField(_("company in the file"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.REVIEW)
    vouchers = models.PositiveIntegerField(_("vouchers in the file"), default=0)
    rows_new = models.PositiveIntegerField(_("new rows"), default=0)
    rows_known = models.PositiveIntegerField(_("rows already in the ledger"), default=0)
    rows_not_eligible = models.PositiveIntegerField(_("rows on ineligible accounts"), default=0)
    # Purchase rows skipped because the cost model's flat rate covers them (staff_plus_40).
    rows_not_taken = models.PositiveIntegerField(
        _("purchase rows not taken under the cost model"), default=0
    )
    amount_not_taken = models.DecimalField(
        _("sum of the purchase rows not taken (SEK)"),
        max_digits=14,
        decimal_places=2,
        default=Decimal(0),
    )
    warnings = models.JSONField(default=list, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("SIE import")
        verbose_name_plural = _("SIE imports")
        ordering = ["-created"]

    def __str__(self) -> str:
        return self.filename


class CostEntry(models.Model):
    """One row of the programme's cost ledger (a cost, or project income: category `income`,
    stored as a positive amount).

    `natural_key` is unique per partner: an SIE row is `fyStart/series/number/row`, so the
    same voucher imported again is recognised and skipped.
    """

    class Source(models.TextChoices):
        SIE = "sie", _("SIE import")
        MANUAL = "manual", _("manual entry")
        TIMESHEET = "timesheet", _("timesheet")

    class State(models.TextChoices):
        PENDING = "pending", _("in review")
        COUNTED = "counted", _("counted")

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="cost_entries"
    )
    organisation = models.ForeignKey(
        "programmes.Organisation", on_delete=models.PROTECT, verbose_name=_("partner")
    )
    category = models.CharField(_("cost category"), max_length=20, choices=LedgerCategory)
    date = models.DateField(_("date"))
    amount = models.DecimalField(_("amount (SEK)"), max_digits=14, decimal_places=2)
    text = models.CharField(_("text"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=Source)
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.COUNTED)
    excluded = models.BooleanField(_("excluded"), default=False)
    natural_key = models.CharField(max_length=120)
    account = models.CharField(_("account"), max_length=10, blank=True)
    series = models.CharField(_("series"), max_length=20, blank=True)
    number = models.CharField(_("voucher number"), max_length=20, blank=True)
    sie_import = models.ForeignKey(
        SieImport, null=True, blank=True, on_delete=models.CASCADE, related_name="entries"
    )
    claim = models.ForeignKey(
        "PaymentClaim",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entries",
        verbose_name=_("payment claim"),
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cost entry")
        verbose_name_plural = _("cost entries")
        ordering = ["date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation", "natural_key"], name="one_cost_per_key"
            ),
            models.CheckConstraint(condition=~Q(category="indirect"), name="cost_never_indirect"),
        ]
        indexes = [models.Index(fields=["programme", "state", "date"], name="cost_by_date")]

    def __str__(self) -> str:
        return f"{self.date} {self.category} {self.amount}"


class ReportingPeriod(models.Model):
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="reporting_periods"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["start"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="one_period_number"),
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="period_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}: {self.start}–{self.end}"


class PaymentClaim(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")

    period = models.OneToOneField(ReportingPeriod, on_delete=models.PROTECT, related_name="claim")
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    general = models.TextField(_("general information"), blank=True)
    working_method = models.TextField(_("working method and organisation"), blank=True)
    activities = models.TextField(_("activities"), blank=True)
    results = models.TextField(_("results"), blank=True)
    # The figures as submitted, so that the claim reads the same ever after.
    snapshot = models.JSONField(default=dict, blank=True)
    submitted = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("payment claim")
        verbose_name_plural = _("payment claims")
        ordering = ["period__start"]

    def __str__(self) -> str:
        return f"{self.period.programme.code} {self.period.number}"

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.SUBMITTED


class CofinancingReceived(models.Model):
    claim = models.ForeignKey(PaymentClaim, on_delete=models.CASCADE, related_name="cofinancing")
    financier = models.ForeignKey("programmes.Financier", on_delete=models.CASCADE)
    amount = models.DecimalField(
        _("received (SEK)"), max_digits=14, decimal_places=2, default=Decimal(0)
    )

    class Meta:
        verbose_name = _("co-financing received")
        verbose_name_plural = _("co-financing received")
        constraints = [
            models.UniqueConstraint(fields=["claim", "financier"], name="one_cofinancing_row")
        ]

    def __str__(self) -> str:
        return f"{self.financier_id}: {self.amount}"


# The evaluation and the final report (their own module; Django finds them through here).
from .models_evaluation import EvaluationPlan, EvaluationReport, FinalReport  # noqa: E402, F401

# Salaries for the handbook's unit cost per hour (their own module; found through here).
from .models_staff import StaffSalary  # noqa: E402, F401
