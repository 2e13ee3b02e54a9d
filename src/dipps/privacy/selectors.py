"""Reads for the rights procedure: finding a person, their records, their audit entries.

Always scoped to a programme manager in one programme: the firms searched are those
the user sees as a manager (`companies_visible_to(user, MANAGERS)`) that take part
in that programme, and the prospects (firms in no programme yet, whose pages every
manager already sees); per-programme records (engagements, activities, assessments,
the programme's aid) only from programmes the user manages (`in_programmes`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from dipps.accounts.roles import MANAGERS, has_role_in, in_programmes
from dipps.companies import orgnr
from dipps.companies.models import Company, Contact, Participation, RelatedEnterprise
from dipps.companies.selectors import companies_visible_to
from dipps.core.models import AuditEntry
from dipps.engagements.models import ActionItem, Attendee, Engagement
from dipps.maturity.models import Assessment
from dipps.programmes.models import Programme
from dipps.stateaid.models import AidEntry, UndertakingMember

from . import core

MAX_HITS = 50
#: Keys a company's audit entry carries when it is about one of its contacts.
CONTACT_KEYS = ("contact", "contact_added", "contact_removed")


def firms_in_scope(user, programme: Programme) -> QuerySet[Company]:
    """The firms whose people `user` may handle in `programme` (none unless a manager there)."""
    if not has_role_in(user, programme.pk, MANAGERS):
        return Company.objects.none()
    return firms_of_programme(companies_visible_to(user, MANAGERS), programme)


def firms_of_programme(qs: QuerySet[Company], programme: Programme | None) -> QuerySet[Company]:
    """`qs` narrowed to the firms taking part in `programme`, and the prospects."""
    if programme is None:
        return qs
    taking_part = Participation.objects.filter(company=OuterRef("pk"))
    return qs.filter(Exists(taking_part.filter(programme=programme)) | ~Exists(taking_part))


# --- the person -----------------------------------------------------------------------


@dataclass
class Person:
    """Every record about one person that the manager may handle in the programme."""

    ref: str
    programme: Programme
    contacts: list[Contact] = field(default_factory=list)
    traders: list[Company] = field(default_factory=list)  # the person's own firm (sole trader)
    related: list[RelatedEnterprise] = field(default_factory=list)  # in other firms' SME data
    user: object = None  # who asked: per-programme records are filtered for them

    @property
    def name(self) -> str:
        first = self.contacts[0] if self.ref.startswith(core.CONTACT) else self.traders[0]
        return first.name

    @property
    def records(self) -> list[core.Record]:
        return [_contact_record(c) for c in self.contacts] + [
            _trader_record(t) for t in self.traders
        ]

    @property
    def seed(self) -> str:
        return core.seed_key(self.records)

    @property
    def names(self) -> set[str]:
        return {c.name for c in self.contacts} | {t.name for t in self.traders}

    @property
    def emails(self) -> set[str]:
        return {c.email for c in self.contacts if c.email}

    @property
    def phones(self) -> set[str]:
        return {c.phone for c in self.contacts if c.phone}

    @property
    def numbers(self) -> set[str]:
        return {t.orgnr for t in self.traders}

    @property
    def company_ids(self) -> set[int]:
        return {c.company_id for c in self.contacts} | {t.pk for t in self.traders}

    def replacements(self, *, name: str, email: str, number=None) -> core.Replacements:
        """Every identifier of the person mapped to what replaces it."""
        return core.Replacements.build(
            names=dict.fromkeys(self.names, name),
            phones=dict.fromkeys(self.phones, core.ERASED),
            emails=dict.fromkeys(self.emails, email),
            numbers={n: (number(n) if number else core.ERASED) for n in self.numbers},
        )


def _contact_record(c: Contact) -> core.ContactRecord:
    return core.ContactRecord(c.pk, c.company_id, c.name, c.email)


def _trader_record(t: Company) -> core.TraderRecord:
    return core.TraderRecord(t.pk, t.name)


def person_get(user, programme: Programme, ref: str) -> Person:
    """The person `ref` (`contact-12`, `trader-34`) with all their records; 404 outside scope."""
    try:
        kind, pk = core.parse_ref(ref)
    except ValueError:
        raise Http404 from None
    firms = firms_in_scope(user, programme)
    if kind == core.CONTACT:
        seed = Contact.objects.filter(pk=pk, company__in=firms).select_related("company").first()
    else:
        seed = firms.filter(pk=pk, is_sole_trader=True).first()
    if seed is None:
        raise Http404
    contacts, traders = _expand(seed, firms)
    related = _related_entries(traders, firms)
    return Person(ref, programme, contacts, traders, related, user)


def _expand(seed, firms: QuerySet[Company]) -> tuple[list[Contact], list[Company]]:
    """The seed and every record linked to it (core.component), fetched until nothing new."""
    seed_key = _record(seed).key
    objects = {seed_key: seed}
    for _round in range(10):
        emails = {o.email for o in objects.values() if isinstance(o, Contact) and o.email}
        company_ids = {o.company_id if isinstance(o, Contact) else o.pk for o in objects.values()}
        cond = Q(company_id__in=company_ids)
        if emails:
            cond |= reduce(or_, (Q(email__iexact=e) for e in emails))
        candidates = list(Contact.objects.filter(cond, company__in=firms).select_related("company"))
        candidates += list(firms.filter(pk__in=company_ids, is_sole_trader=True))
        by_key = {_record(o).key: o for o in candidates}
        found = {r.key for r in core.component(_record(seed), [_record(o) for o in candidates])}
        if found == set(objects):
            break
        objects = {key: by_key.get(key, objects.get(key)) for key in found}
    ordered = [seed] + [objects[k] for k in sorted(objects) if k != seed_key]
    contacts = [o for o in ordered if isinstance(o, Contact)]
    traders = [o for o in ordered if isinstance(o, Company)]
    return contacts, traders


def _record(obj) -> core.Record:
    return _contact_record(obj) if isinstance(obj, Contact) else _trader_record(obj)


def _related_entries(traders: list[Company], firms) -> list[RelatedEnterprise]:
    """Rows in firms' SME data (partner or linked enterprises) that carry a trader's number."""
    forms = [f for t in traders for f in core.personal_number_forms(t.orgnr)]
    if not forms:
        return []
    return list(
        RelatedEnterprise.objects.filter(orgnr__in=forms, company__in=firms)
        .select_related("company")
        .order_by("company__name", "pk")
    )


# --- search ---------------------------------------------------------------------------


@dataclass
class Hit:
    ref: str
    name: str
    kind: str
    email: str = ""
    firms: list[str] = field(default_factory=list)


def search(user, programme: Programme, query: str) -> list[Hit]:
    """People matching a name, an e-mail address or a personal identity number.

    Raises ValidationError with a message a person can act on for a query that is
    too short or a number that cannot be a personal identity number.
    """
    text = " ".join(query.split())
    if len(text) < 2:
        raise ValidationError(
            _(
                "Type at least two characters of a name, an e-mail address or a personal "
                "identity number."
            )
        )
    firms = firms_in_scope(user, programme)
    if re.fullmatch(r"[0-9\s+-]+", text):
        number = _personal_number(text)
        return _hits(Contact.objects.none(), firms.filter(orgnr=number, is_sole_trader=True))
    if "@" in text:
        contacts = Contact.objects.filter(company__in=firms, email__icontains=text)
        return _hits(contacts, firms.none())
    contacts = Contact.objects.filter(
        Q(name__icontains=text) | Q(email__icontains=text), company__in=firms
    )
    return _hits(contacts, firms.filter(is_sole_trader=True, name__icontains=text))


def _personal_number(text: str) -> str:
    try:
        number = orgnr.normalise(text)
    except orgnr.InvalidOrgNumber:
        raise ValidationError(
            _(
                "“%(value)s” is not a valid personal identity number: expected 10 or 12 digits "
                "with a real birth date and a correct check digit, e.g. 19800101-1234."
            )
            % {"value": text}
        ) from None
    if not orgnr.is_personal_number(number):
        raise ValidationError(
            _(
                "“%(value)s” is the organisation number of a legal person, not a person's "
                "number. Search for the contact's name or e-mail address instead."
            )
            % {"value": text}
        )
    return number


def _hits(contacts, traders) -> list[Hit]:
    """One hit per person-like group: contacts sharing an e-mail address are one hit."""
    hits: dict[str, Hit] = {}
    for t in traders.order_by("name", "pk")[:MAX_HITS]:
        hits[f"t{t.pk}"] = Hit(core.make_ref(core.TRADER, t.pk), t.name, core.TRADER)
    for c in contacts.select_related("company").order_by("name", "pk")[:MAX_HITS]:
        key = f"e{core.normalise_email(c.email)}" if c.email else f"c{c.pk}"
        hit = hits.setdefault(key, Hit(core.make_ref(core.CONTACT, c.pk), c.name, core.CONTACT))
        hit.email = hit.email or c.email
        if c.company.name not in hit.firms:
            hit.firms.append(c.company.name)
    return sorted(hits.values(), key=lambda h: (h.name.casefold(), h.ref))


# --- what the person's records carry -----------------------------------------------------


def engagements_of(person: Person) -> QuerySet[Engagement]:
    qs = Engagement.objects.filter(company__in=person.traders)
    return in_programmes(qs, person.user, MANAGERS).select_related("programme")


def attendance_of(person: Person) -> QuerySet[Attendee]:
    """The person on activities' attendance lists: a row naming them (letter case aside)
    as coming from their own firm or a firm they are a contact of, in the managed
    programmes."""
    if not person.names or not person.company_ids:
        return Attendee.objects.none()
    named = reduce(or_, (Q(name__iexact=n) for n in person.names))
    qs = Attendee.objects.filter(named, company_id__in=person.company_ids)
    return in_programmes(qs, person.user, MANAGERS, "activity__programme").select_related(
        "activity__programme", "company"
    )


def assessments_of(person: Person) -> QuerySet[Assessment]:
    """The trader's own assessments, and those a contact answered or was invited to."""
    ids = [c.pk for c in person.contacts]
    qs = Assessment.objects.filter(
        Q(company__in=person.traders) | Q(contact_id__in=ids) | Q(invited_contact_id__in=ids)
    )
    return in_programmes(qs, person.user, MANAGERS).select_related("programme")


def aid_of(person: Person) -> QuerySet[AidEntry]:
    """The trader's de minimis aid: the managed programmes' and what the firm declared."""
    mine = in_programmes(AidEntry.objects.all(), person.user, MANAGERS).values("pk")
    return (
        AidEntry.objects.filter(company__in=person.traders)
        .filter(Q(pk__in=mine) | Q(programme__isnull=True))
        .select_related("programme")
        .order_by("granted", "pk")
    )


def audit_entries(person: Person, replacements: core.Replacements) -> list[AuditEntry]:
    """The audit entries about the person or naming them (see docs/privacy.md).

    A company's entry about one of its contacts (it carries `contact`,
    `contact_added` or `contact_removed`) belongs to that contact; the sole
    trader's own firm's other entries, and those of its engagements, action
    items, assessments and aid, belong to the trader; an assessment's
    self-service link belongs to the contact it was made for; any other entry of
    those records counts when one of its values names the person. The whole
    history is searched for the person's e-mail addresses and numbers too, but
    only a firm's entries are taken from it, and only of firms in the manager's
    scope: another programme's firm is that programme's to answer for.
    """
    contact_ids = {c.pk for c in person.contacts}
    owned = _trader_owned(person)
    tied = Q(model="companies.contact", object_id__in=[str(i) for i in contact_ids])
    tied |= Q(model="companies.company", object_id__in=[str(i) for i in person.company_ids])
    objects = tied
    objects |= Q(
        model="maturity.assessment",
        object_id__in=[str(pk) for pk in assessments_of(person).values_list("pk", flat=True)],
    )
    objects |= Q(
        model="stateaid.singleundertaking",
        object_id__in=[
            str(pk)
            for pk in UndertakingMember.objects.filter(company__in=person.traders).values_list(
                "undertaking_id", flat=True
            )
        ],
    )
    for model in sorted({key[0] for key in owned}):
        objects |= Q(model=model, object_id__in=[i for m, i in owned if m == model])
    # Distinctive identifiers anywhere in the firms' history (e-mail addresses, numbers).
    for needle in replacements.inside:
        objects |= Q(model="companies.company", changes__icontains=needle)
    entries = list(AuditEntry.objects.filter(objects).order_by("at", "id"))
    elsewhere = {
        e.object_id
        for e in entries
        if e.model == "companies.company" and int(e.object_id) not in person.company_ids
    }
    in_scope = {
        str(pk)
        for pk in firms_in_scope(person.user, person.programme)
        .filter(pk__in=[int(i) for i in elsewhere])
        .values_list("pk", flat=True)
    }
    return [
        e
        for e in entries
        if (e.model != "companies.company" or e.object_id not in elsewhere - in_scope)
        and _belongs(e, contact_ids, owned, replacements)
    ]


def _trader_owned(person: Person) -> set[tuple[str, str]]:
    """(model, object id) of the sole trader's firm and of the records only it has."""
    engagements = engagements_of(person)
    groups = {
        "companies.company": [t.pk for t in person.traders],
        "engagements.engagement": engagements.values_list("pk", flat=True),
        "engagements.actionitem": ActionItem.objects.filter(engagement__in=engagements).values_list(
            "pk", flat=True
        ),
        "maturity.assessment": assessments_of(person)
        .filter(company__in=person.traders)
        .values_list("pk", flat=True),
        "stateaid.aidentry": aid_of(person).values_list("pk", flat=True),
    }
    return {(model, str(pk)) for model, ids in groups.items() for pk in ids}


def wholly_about(entry: AuditEntry, person: Person) -> str | None:
    """CONTACT when the entry is about one of the person's contact records, TRADER when
    it is about their own firm itself; None when it only may name them."""
    changes = entry.changes if isinstance(entry.changes, dict) else {}
    contact_ids = {str(c.pk) for c in person.contacts}
    if entry.model == "companies.contact" and entry.object_id in contact_ids:
        return core.CONTACT
    if entry.model != "companies.company":
        return None
    if "contact" in changes:
        return core.CONTACT if str(changes["contact"]) in contact_ids else None
    if any(k in changes for k in CONTACT_KEYS):
        return None
    return core.TRADER if entry.object_id in {str(t.pk) for t in person.traders} else None


def _belongs(entry, contact_ids, owned, replacements) -> bool:
    changes = entry.changes if isinstance(entry.changes, dict) else {}
    if entry.model == "companies.contact":
        return int(entry.object_id) in contact_ids
    if entry.model == "companies.company" and any(k in changes for k in CONTACT_KEYS):
        return changes.get("contact") in contact_ids or core.mentions(changes, replacements)
    if entry.model == "maturity.assessment" and changes.get("self_service_link") in contact_ids:
        return True
    return (entry.model, entry.object_id) in owned or core.mentions(changes, replacements)
