from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .decisions import Body, FinancierType


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    orgnr = models.CharField(_("organisation number"), max_length=11, blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Programme(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", pgettext_lazy("programme status", "planned")
        ACTIVE = "active", _("active")
        CLOSED = "closed", pgettext_lazy("programme status", "closed")

    class DecisionBody(models.TextChoices):
        REGIONAL_DIRECTOR = Body.REGIONAL_DIRECTOR.value, _("regional director")
        REGIONAL_DEVELOPMENT_BOARD = (
            Body.REGIONAL_DEVELOPMENT_BOARD.value,
            _("regional development board"),
        )

    code = models.SlugField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.ACTIVE)
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="owned_programmes",
        verbose_name=_("owner organisation"),
    )
    partners = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="partner_programmes",
        verbose_name=_("partner organisations"),
    )
    total_budget = models.DecimalField(_("total budget (SEK)"), max_digits=14, decimal_places=2)
    diary_number = models.CharField(_("diary number"), max_length=50, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    decision_body = models.CharField(
        _("decision body"), max_length=40, choices=DecisionBody, blank=True
    )
    predecessor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="successors",
        verbose_name=_("predecessor"),
    )
    illustrative = models.BooleanField(
        _("illustrative figures"),
        default=False,
        help_text=_("Dates and budget are illustrative, not the real decision."),
    )

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="programme_end_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(total_budget__gte=0), name="programme_budget_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"


class Financier(models.Model):
    class Kind(models.TextChoices):
        PUBLIC = "public", _("public")
        PRIVATE = "private", _("private")

    class Contribution(models.TextChoices):
        CASH = "cash", _("cash")
        IN_KIND = "in_kind", _("in kind")

    class Type(models.TextChoices):
        EU_FUND = FinancierType.EU_FUND.value, _("EU fund")
        STATE_APPROPRIATION = FinancierType.STATE_APPROPRIATION.value, _("state 1:1 appropriation")
        REGION_OR_MUNICIPALITY = (
            FinancierType.REGION_OR_MUNICIPALITY.value,
            _("region or municipality"),
        )
        PRIVATE = FinancierType.PRIVATE.value, _("private")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="financiers")
    name = models.CharField(_("name"), max_length=200)
    share_percent = models.DecimalField(_("share (%)"), max_digits=6, decimal_places=3)
    amount = models.DecimalField(_("amount (SEK)"), max_digits=14, decimal_places=2)
    financier_type = models.CharField(
        _("type of financier"), max_length=20, choices=Type, default=Type.REGION_OR_MUNICIPALITY
    )
    # Derived from the type on save: public unless the type is private.
    kind = models.CharField(_("public or private"), max_length=10, choices=Kind, editable=False)
    contribution = models.CharField(
        _("cash or in kind"), max_length=10, choices=Contribution, default=Contribution.CASH
    )
    is_owner = models.BooleanField(
        _("from the programme owner"),
        default=False,
        help_text=_(
            "Tick when the programme owner provides this money. Only the owner's own money "
            "(region or municipality, or private) counts as its own co-financing in the "
            "delegation rule; a state 1:1 appropriation or an EU fund never does."
        ),
    )
    decision_number = models.CharField(_("decision number"), max_length=100, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    decided_amount = models.DecimalField(
        _("decided amount (SEK)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    conditions = models.TextField(_("conditions"), blank=True)

    class Meta:
        verbose_name = _("financier")
        verbose_name_plural = _("financiers")
        ordering = ["-share_percent", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.share_percent} %)"

    def save(self, *args, **kwargs):
        self.kind = self.kind_of(self.financier_type)
        super().save(*args, **kwargs)

    @classmethod
    def kind_of(cls, financier_type: str) -> str:
        """Public or private follows from the type: only a private financier is private."""
        return cls.Kind.PRIVATE if financier_type == cls.Type.PRIVATE else cls.Kind.PUBLIC
