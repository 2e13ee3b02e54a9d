from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import fiscal


def validate_fiscal_year_end(value: str) -> None:
    try:
        fiscal.parse(value)
    except ValueError:
        raise ValidationError(
            _("Expected the fiscal year's last day as MM-DD, e.g. 12-31 or 06-30; got %(value)s."),
            params={"value": value},
            code="fiscal_year_end",
        ) from None


PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


class TargetGroup(models.TextChoices):
    INDUSTRY = "industry", _("industrial firm")
    INDUSTRY_SERVICE = "industry_service", _("industry-related service firm")
    OUTSIDE = "outside", _("outside the target group")


class SizeClass(models.TextChoices):
    MICRO = "micro", _("micro")
    SMALL = "small", _("small")
    MEDIUM = "medium", _("medium")
    LARGE = "large", _("large")


class LeaderGender(models.TextChoices):
    """The gender of a firm's CEO or chair of the board, for the ERDF horizontal criterion
    of equality between women and men (Regulation 2021/1060 art. 9(2)); "unknown" until
    someone records it, "other" when the person states another gender or none."""

    WOMAN = "woman", _("woman")
    MAN = "man", _("man")
    OTHER = "other", _("other or not stated")
    UNKNOWN = "unknown", _("unknown")


class Company(models.Model):
    """A firm, identified by its Swedish organisation number (10 digits, no dash).

    A sole trader's number is a personal identity number: personal data,
    masked in lists (see `orgnr.mask`).
    """

    orgnr = models.CharField(_("organisation number"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=200, db_index=True)
    is_sole_trader = models.BooleanField(_("sole trader"), default=False)
    municipality_code = models.CharField(_("municipality"), max_length=4, db_index=True)
    # The last day of the firm's fiscal year, MM-DD (fiscal.py): its key-figure years and
    # the de minimis window of Regulation 1407/2013 follow it.
    fiscal_year_end = models.CharField(
        _("fiscal year ends (MM-DD)"),
        max_length=5,
        default=fiscal.CALENDAR,
        validators=[validate_fiscal_year_end],
    )
    # Derived from SNI codes and key figures by services; stored for filtering.
    target_group = models.CharField(
        _("target group"),
        max_length=20,
        choices=TargetGroup,
        default=TargetGroup.OUTSIDE,
        db_index=True,
    )
    size_class = models.CharField(
        _("size class"), max_length=10, choices=SizeClass, blank=True, db_index=True
    )
    primary_division = models.PositiveSmallIntegerField(
        _("SNI division"), null=True, blank=True, db_index=True
    )
    # Horizontal criteria (docs/indicators.md): the leadership by gender.
    ceo_gender = models.CharField(
        _("CEO"), max_length=10, choices=LeaderGender, default=LeaderGender.UNKNOWN
    )
    chair_gender = models.CharField(
        _("chair of the board"), max_length=10, choices=LeaderGender, default=LeaderGender.UNKNOWN
    )
    programmes = models.ManyToManyField(
        "programmes.Programme", through="Participation", related_name="companies", blank=True
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Participation(models.Model):
    """A company's part in a programme: its history across SIM JH → SIMMITT → DIPPS."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="participations")
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="participations"
    )
    joined = models.DateField(_("joined"), null=True, blank=True)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(fields=["company", "programme"], name="one_participation")
        ]

    def __str__(self) -> str:
        return f"{self.company} – {self.programme}"


class SniCode(models.Model):
    class Version(models.IntegerChoices):
        SNI2007 = 2007, "SNI 2007"
        SNI2025 = 2025, "SNI 2025"

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="sni_codes")
    version = models.PositiveSmallIntegerField(_("SNI version"), choices=Version)
    code = models.CharField(_("SNI code"), max_length=8)
    division = models.PositiveSmallIntegerField(_("division"))
    section = models.CharField(_("section"), max_length=1)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("SNI code")
        verbose_name_plural = _("SNI codes")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["company", "version", "code"], name="uniq_company_sni")
        ]

    def __str__(self) -> str:
        return f"{self.code} (SNI {self.version})"


class KeyFigures(models.Model):
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="key_figures")
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    # Staff in annual work units (Recommendation 2003/361, annex art. 5): fractional.
    headcount = models.DecimalField(
        _("staff (annual work units)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    turnover_sek = models.DecimalField(
        _("turnover (SEK)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    balance_sheet_sek = models.DecimalField(
        _("balance-sheet total (SEK)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    # The EU SME class for this fiscal year (services.size_class_for), stored when the
    # figures change so that indicators over 100,000 firms classify in SQL. NULL: not
    # computed yet (rows written around the services); "": not classifiable.
    size_class = models.CharField(
        _("size class"), max_length=10, choices=SizeClass, null=True, blank=True
    )
    # The SME status after the two-year rule (annex art. 4(2), sme.statuses_of over the
    # company's years), stored with the class; RCO01 counts it. NULL/"" as for size_class.
    sme_status = models.CharField(
        _("SME status"), max_length=10, choices=SizeClass, null=True, blank=True
    )
    # Recommendation 2003/361 annex art. 3(4): 25 % or more held by public bodies → not an
    # SME, at once. Art. 4(2) as DIPPS reads it: a change of ownership (merger,
    # acquisition) in this year sets the status to the year's class at once.
    public_control_percent = models.DecimalField(
        _("held by public bodies (%)"),
        max_digits=5,
        decimal_places=2,
        default=0,
        validators=PERCENT,
    )
    ownership_changed = models.BooleanField(_("ownership changed this year"), default=False)
    # Horizontal criteria: women's share of the employees this fiscal year; NULL = not known.
    women_share_percent = models.DecimalField(
        _("women among employees (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT,
    )

    class Meta:
        verbose_name = _("key figures")
        verbose_name_plural = _("key figures")
        ordering = ["-fiscal_year"]
        constraints = [
            models.UniqueConstraint(fields=["company", "fiscal_year"], name="one_figures_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.company} {self.fiscal_year}"


class RelatedEnterprise(models.Model):
    """A partner (25–50 %) or linked (> 50 %) enterprise in one of the firm's fiscal
    years, with that year's figures, per Recommendation 2003/361 (annex art. 3 and 6)."""

    class Relation(models.TextChoices):
        PARTNER = "partner", _("partner enterprise (25–50 %)")
        LINKED = "linked", _("linked enterprise (> 50 %)")

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="related")
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    name = models.CharField(_("name"), max_length=200)
    orgnr = models.CharField(_("organisation number"), max_length=12, blank=True)
    relation = models.CharField(_("relation"), max_length=10, choices=Relation)
    share_percent = models.DecimalField(
        _("share (%)"), max_digits=5, decimal_places=2, validators=PERCENT
    )
    # Annex art. 3(2): a public investment corporation, venture capital company, business
    # angel, university, institutional investor or regional development fund (Almi
    # Invest, Norrlandsfonden) holding at most 50 % is not added.
    exempt_investor = models.BooleanField(_("exempt investor (art. 3(2))"), default=False)
    headcount = models.DecimalField(
        _("staff (annual work units)"),
        max_digits=8,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    turnover_sek = models.DecimalField(_("turnover (SEK)"), max_digits=16, decimal_places=2)
    balance_sheet_sek = models.DecimalField(
        _("balance-sheet total (SEK)"), max_digits=16, decimal_places=2
    )

    class Meta:
        verbose_name = _("related enterprise")
        verbose_name_plural = _("related enterprises")
        ordering = ["-fiscal_year", "relation", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_relation_display()})"


class Contact(models.Model):
    class Gender(models.TextChoices):
        WOMAN = "woman", _("woman")
        MAN = "man", _("man")
        OTHER = "other", _("other or not stated")

    class LegalBasis(models.TextChoices):
        LEGITIMATE_INTEREST = "legitimate_interest", _("legitimate interest")
        CONTRACT = "contract", _("contract")
        CONSENT = "consent", _("consent")
        LEGAL_OBLIGATION = "legal_obligation", _("legal obligation (EU reporting)")

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender, blank=True)
    legal_basis = models.CharField(
        _("legal basis"), max_length=30, choices=LegalBasis, default=LegalBasis.LEGITIMATE_INTEREST
    )

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class EligibilityOverride(models.Model):
    """A programme manager's reasoned decision that the programme may support a firm
    although reasons speak against it (companies/eligibility.py).

    It covers the reasons (codes) that applied when it was recorded: a new reason
    later refuses support again until a manager decides anew.
    """

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="eligibility_overrides"
    )
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="eligibility_overrides"
    )
    # Comma-separated reason codes of eligibility.REASON_CODES, e.g. "region,sector".
    reasons = models.CharField(_("reasons overridden"), max_length=100)
    motivation = models.TextField(_("reason for the override"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    decided = models.DateTimeField(_("decided"), auto_now=True)

    class Meta:
        verbose_name = _("eligibility override")
        verbose_name_plural = _("eligibility overrides")
        constraints = [
            models.UniqueConstraint(
                fields=["company", "programme"], name="one_eligibility_override"
            )
        ]

    def __str__(self) -> str:
        return f"{self.company} – {self.programme}: {self.reasons}"

    @property
    def reason_codes(self) -> list[str]:
        return [c for c in self.reasons.split(",") if c]
