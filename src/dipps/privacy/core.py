"""Pure decisions about one person's data (no Django import; unit-tested on their own).

- Who the person is across records (`component`): contacts with the same e-mail are
  one person; a sole trader's firm and its contacts named in the firm's name are
  one person.
- What may be erased (`erasure_refusals`): a person who is the only contact of a
  firm with an open engagement may not be erased, nor a sole trader whose firm
  carries records the programme must keep (CPR 2021/1060 art. 82).
- The pseudonym (`pseudonym_tag`, `pseudonymous_personal_number`): keyed HMAC of
  the records' ids, never of the personal data, so a pseudonym reveals nothing and
  the same records always get the same pseudonym.
- The scrubbing of stored values (`scrub`), retention dates (`years_before`,
  `erdf_keep_until`).

docs/privacy.md explains each choice.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from stdnum import luhn

#: What an erased value becomes in the audit history: a redaction mark in no language.
ERASED = "***"
PSEUDONYM_EMAIL_DOMAIN = "pseudonym.invalid"  # RFC 2606: never a real address
#: Birth date of every pseudonymous personal number (a sentinel; see docs/privacy.md).
PSEUDONYM_BIRTH_YEAR = 2000
_PSEUDONYM = re.compile(r"^Person ([0-9a-f]{4,64})$")

CONTACT = "contact"
TRADER = "trader"
KINDS = (CONTACT, TRADER)

# Why an erasure is refused.
ONLY_CONTACT = "only_contact"
KEPT_RECORDS = "kept_records"


# --- references to a person ---------------------------------------------------------


def make_ref(kind: str, pk: int) -> str:
    """The person's reference in URLs: `contact-12` or `trader-34` (no personal data)."""
    return f"{kind}-{pk}"


def parse_ref(ref: str) -> tuple[str, int]:
    """`contact-12` → ("contact", 12); ValueError for anything else."""
    kind, _, number = ref.partition("-")
    if kind not in KINDS or not number.isascii() or not number.isdigit() or len(number) > 18:
        raise ValueError(f"not a person reference: {ref!r}")
    return kind, int(number)


# --- who the person is ----------------------------------------------------------------


def normalise_name(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def normalise_email(text: str) -> str:
    return str(text).strip().casefold()


def names_person(name: str, text: str) -> bool:
    """Does `text` contain `name` as whole words (case and spacing ignored)?

    "Anna Berg" is named in "Östersund Snickeri – Anna Berg" but not in "Anna
    Bergström Bygg". Names shorter than three letters name no one.
    """
    wanted = normalise_name(name)
    if len(wanted) < 3:
        return False
    return re.search(rf"(?<!\w){re.escape(wanted)}(?!\w)", normalise_name(text)) is not None


@dataclass(frozen=True)
class ContactRecord:
    id: int
    company_id: int
    name: str
    email: str

    @property
    def key(self) -> tuple[str, int]:
        return (CONTACT, self.id)


@dataclass(frozen=True)
class TraderRecord:
    company_id: int
    name: str

    @property
    def key(self) -> tuple[str, int]:
        return (TRADER, self.company_id)


Record = ContactRecord | TraderRecord


def linked(a: Record, b: Record) -> bool:
    """Are two records about the same person?

    Two contacts with the same (non-empty) e-mail address are; a sole trader and a
    contact of that very firm whose name appears in the firm's name are. Nothing
    else links: two contacts with the same name at different firms may be two people.
    """
    if isinstance(a, TraderRecord) and isinstance(b, ContactRecord):
        a, b = b, a
    if isinstance(a, ContactRecord) and isinstance(b, ContactRecord):
        email = normalise_email(a.email)
        return bool(email) and email == normalise_email(b.email)
    if isinstance(a, ContactRecord) and isinstance(b, TraderRecord):
        return a.company_id == b.company_id and names_person(a.name, b.name)
    return False


def component(seed: Record, candidates: Iterable[Record]) -> list[Record]:
    """`seed` and every candidate linked to it, directly or through others; seed first."""
    pool = {r.key: r for r in candidates if r.key != seed.key}
    found = [seed]
    frontier = [seed]
    while frontier:
        current = frontier.pop()
        for key, record in list(pool.items()):
            if linked(current, record):
                found.append(record)
                frontier.append(record)
                del pool[key]
    return [found[0], *sorted(found[1:], key=lambda r: r.key)]


def seed_key(records: Iterable[Record]) -> str:
    """What the pseudonym is derived from: the smallest record key, e.g. `contact:12`."""
    kind, pk = min(r.key for r in records)
    return f"{kind}:{pk}"


# --- what may be erased -----------------------------------------------------------


@dataclass(frozen=True)
class FirmFacts:
    """A firm where the person is a contact."""

    company_id: int
    company_name: str
    other_contacts: int  # contacts of the firm that are not this person
    open_engagement: bool  # an engagement neither closed nor declined, in any programme


@dataclass(frozen=True)
class TraderFacts:
    """The person's own firm (a sole trader) and what it carries."""

    company_id: int
    company_name: str
    kept: tuple[str, ...] = ()  # kinds of records the programme must keep, e.g. "activities"


@dataclass(frozen=True)
class Refusal:
    reason: str  # ONLY_CONTACT or KEPT_RECORDS
    company_id: int
    company_name: str
    kept: tuple[str, ...] = field(default=())


def erasure_refusals(firms: Iterable[FirmFacts], traders: Iterable[TraderFacts]) -> list[Refusal]:
    """Why the person may not be erased (empty: erasure may go ahead).

    - The only contact of a firm with an open engagement: the coach still needs
      someone to work with; the firm's facts stay, so pseudonymise instead.
    - A sole trader whose firm has activities, de minimis aid, assessments,
      engagements or takes part in a programme: those rows are the programme's
      documentation (CPR 2021/1060 art. 82) and the base of its indicators, so the
      firm cannot be deleted; its name and number are pseudonymised instead.
    """
    refusals = [
        Refusal(ONLY_CONTACT, f.company_id, f.company_name)
        for f in firms
        if f.open_engagement and f.other_contacts == 0
    ]
    refusals += [
        Refusal(KEPT_RECORDS, t.company_id, t.company_name, tuple(t.kept))
        for t in traders
        if t.kept
    ]
    return sorted(refusals, key=lambda r: (r.company_name.casefold(), r.company_id, r.reason))


# --- the pseudonym ----------------------------------------------------------------


def _digest(secret: bytes, text: str) -> str:
    return hmac.new(secret, text.encode("utf-8"), hashlib.sha256).hexdigest()


def pseudonym_tag(secret: bytes, seed: str, taken: Callable[[str], bool] = lambda t: False) -> str:
    """Four hex digits from a keyed HMAC of `seed`, longer only when another person has them.

    The seed is a record key (`contact:12`), not personal data, so the tag tells
    nothing about the person; the key (the project's secret) keeps anyone from
    recomputing it from an id.
    """
    digest = _digest(secret, seed)
    for length in range(4, len(digest) + 1, 2):
        tag = digest[:length]
        if not taken(tag):
            return tag
    raise RuntimeError("every pseudonym length is taken")  # pragma: no cover - 2**-256


def pseudonym_name(tag: str) -> str:
    return f"Person {tag}"


def pseudonym_email(tag: str) -> str:
    return f"person-{tag}@{PSEUDONYM_EMAIL_DOMAIN}"


def tag_of(name: str) -> str | None:
    """The tag of a pseudonymised name ("Person 7f3a" → "7f3a"), else None."""
    match = _PSEUDONYM.match(str(name))
    return match.group(1) if match else None


def pseudonymous_personal_number(
    secret: bytes, seed: str, taken: Callable[[str], bool] = lambda n: False
) -> str:
    """A valid personal identity number (10 digits) born in 2000, unused in the register.

    It keeps a sole trader's row what it was for every rule: a personal number
    (third digit below 2), a real date, a correct Luhn check digit, unique. The
    birth date and serial come from a keyed HMAC of the seed, never from the real
    number; `taken` says whether a number is already in the register.
    """
    digest = int(_digest(secret, f"personal-number:{seed}")[:12], 16)
    first_day, first_serial = digest % 366, (digest // 366) % 1000
    start = date(PSEUDONYM_BIRTH_YEAR, 1, 1)
    for day in range(366):
        born = start + timedelta(days=(first_day + day) % 366)
        for step in range(1000):
            body = f"{born:%y%m%d}{(first_serial + step) % 1000:03d}"
            number = body + luhn.calc_check_digit(body)
            if not taken(number):
                return number
    raise RuntimeError("no pseudonymous personal number left")  # pragma: no cover


def personal_number_forms(number: str) -> list[str]:
    """The ways a 10-digit personal number is written: 8001011234, 800101-1234,
    19800101-1234, 198001011234 (both centuries), longest first."""
    digits = re.sub(r"\D", "", number)[-10:]
    if len(digits) != 10:
        return []
    short = [digits, f"{digits[:6]}-{digits[6:]}", f"{digits[:6]}+{digits[6:]}"]
    long = [f"{c}{d}" for c in ("19", "20") for d in short[:2]]
    return sorted(set(long + short), key=lambda s: (-len(s), s))


# --- scrubbing stored values ---------------------------------------------------------


@dataclass(frozen=True)
class Replacements:
    """What replaces the person's identifiers in stored values.

    `whole`: a value that *is* the identifier (a name, a phone number), compared
    without case and spacing. `inside`: identifiers distinctive enough to replace
    wherever they occur in a text (e-mail addresses, personal numbers).
    """

    whole: Mapping[str, str]
    inside: Mapping[str, str]

    @classmethod
    def build(
        cls,
        *,
        names: Mapping[str, str] | None = None,
        phones: Mapping[str, str] | None = None,
        emails: Mapping[str, str] | None = None,
        numbers: Mapping[str, str] | None = None,
    ) -> Replacements:
        whole = {normalise_name(k): v for k, v in {**(names or {}), **(phones or {})}.items() if k}
        inside = {normalise_email(k): v for k, v in (emails or {}).items() if k.strip()}
        for old, new in (numbers or {}).items():
            for form in personal_number_forms(old):
                inside[form] = new
        return cls(whole=whole, inside=inside)

    def __bool__(self) -> bool:
        return bool(self.whole or self.inside)


def scrub(value: Any, replacements: Replacements) -> tuple[Any, bool]:
    """`value` (JSON) with the person's identifiers replaced; and whether any was.

    Keys are field names and stay; numbers, booleans and None stay.
    """
    if isinstance(value, dict):
        changed = False
        out = {}
        for key, item in value.items():
            out[key], hit = scrub(item, replacements)
            changed |= hit
        return out, changed
    if isinstance(value, list):
        pairs = [scrub(item, replacements) for item in value]
        return [p[0] for p in pairs], any(p[1] for p in pairs)
    if isinstance(value, str):
        if normalise_name(value) in replacements.whole:
            return replacements.whole[normalise_name(value)], True
        text = value
        for needle in sorted(replacements.inside, key=len, reverse=True):
            text = re.sub(re.escape(needle), replacements.inside[needle], text, flags=re.I)
        return text, text != value
    return value, False


def replace_fields(changes: Any, fields: Mapping[str, str]) -> tuple[Any, bool]:
    """Every text under one of `fields` (a value, or an [old, new] pair) replaced.

    For an audit entry that is wholly about the person (their contact record, their
    own firm): earlier values of their name or e-mail are theirs too, whatever they
    were, and would not be found by comparing with today's values.
    """
    if not isinstance(changes, dict):
        return changes, False
    out, changed = dict(changes), False
    for key, replacement in fields.items():
        if key not in out:
            continue
        old = out[key]
        if isinstance(old, str) and old:
            out[key] = replacement
        elif isinstance(old, list):
            out[key] = [replacement if isinstance(v, str) and v else v for v in old]
        changed |= out[key] != old
    return out, changed


def mentions(value: Any, replacements: Replacements) -> bool:
    return scrub(value, replacements)[1]


# --- retention ----------------------------------------------------------------------


def years_before(day: date, years: int) -> date:
    """The same day `years` earlier (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def due_for_review(last_activity: date | None, registered: date, cutoff: date) -> bool:
    """A firm is due when nothing happened with it since `cutoff` (nor was it registered)."""
    return max(last_activity or registered, registered) < cutoff


def erdf_keep_until(last_payment: date) -> date:
    """CPR 2021/1060 art. 82(1): documents are kept for five years from 31 December of
    the year of the last payment to the beneficiary."""
    return date(last_payment.year + 5, 12, 31)
