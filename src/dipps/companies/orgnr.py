"""Swedish organisation numbers, and personal identity numbers of sole traders.

Pure domain core over python-stdnum (`stdnum.se.orgnr`, `stdnum.se.personnummer`).

A legal person's organisation number has a third digit of 2 or more (its
"month" digits 20-99 can never be a birth month). A sole trader (enskild
näringsidkare) is identified by the owner's personal identity number, whose
digits 3-4 are a month 01-12; that number is personal data: it reaches output
only through `shown`, which masks it everywhere but on a firm's own page viewed
by staff. Both kinds end in a Luhn check digit.

Accepted input: 556036-0793, 5560360793, 16556036-0793 (the "16" century
prefix that some registers put in front of organisation numbers), and for
sole traders 800101-1234, 8001011234 or 19800101-1234. The canonical stored
form is the 10 digits; `display` adds the hyphen.
"""

from __future__ import annotations

import datetime as dt
import re

from stdnum.exceptions import ValidationError
from stdnum.se import orgnr as _orgnr
from stdnum.se import personnummer as _personnummer


class InvalidOrgNumber(ValueError):
    """The number cannot be a Swedish organisation or personal identity number."""


def _digits(raw: str) -> str:
    text = str(raw).strip()
    if not re.fullmatch(r"[0-9\s+-]+", text):
        raise InvalidOrgNumber(
            f"'{text}' is not a Swedish organisation number: only digits and a hyphen are "
            "allowed (e.g. 556036-0793)."
        )
    return re.sub(r"[\s+-]", "", text)


def normalise(raw: str) -> str:
    """The 10-digit canonical form, or `InvalidOrgNumber` with a reason a person can act on."""
    text = str(raw).strip()
    digits = _digits(text)
    if len(digits) == 12:
        if digits.startswith("16"):
            digits = digits[2:]
            if int(digits[2]) < 2:
                raise InvalidOrgNumber(
                    f"'{text}': the prefix 16 is only used before organisation numbers, but "
                    "what follows looks like a personal identity number."
                )
        elif digits[:2] in ("18", "19", "20"):
            try:
                _personnummer.validate(digits)
            except ValidationError as exc:
                raise InvalidOrgNumber(
                    f"'{text}' is not a valid personal identity number: {_reason(exc)}"
                ) from None
            digits = digits[2:]
        else:
            raise InvalidOrgNumber(
                f"'{text}': a 12-digit number must start with 16 (organisation number) or "
                "with the century 19/20 (personal identity number)."
            )
    if len(digits) != 10:
        raise InvalidOrgNumber(
            f"'{text}' has {len(digits)} digits; a Swedish organisation number has 10 "
            "(e.g. 556036-0793)."
        )
    if is_personal_number(digits):
        try:
            _personnummer.validate(f"{digits[:6]}-{digits[6:]}")
        except ValidationError as exc:
            raise InvalidOrgNumber(
                f"'{text}' is not a valid personal identity number: {_reason(exc)}"
            ) from None
    else:
        try:
            _orgnr.validate(digits)
        except ValidationError as exc:
            raise InvalidOrgNumber(
                f"'{text}' is not a valid Swedish organisation number: {_reason(exc)}"
            ) from None
    return digits


def _reason(exc: ValidationError) -> str:
    name = type(exc).__name__
    if name == "InvalidChecksum":
        return "the check digit (last digit) does not match."
    if name == "InvalidComponent":
        return "the birth date part is not a real date."
    if name == "InvalidLength":
        return "it has the wrong number of digits."
    return "it has an invalid format."


def validate(raw: str) -> str:
    """Alias of `normalise` for call sites that read better as validation."""
    return normalise(raw)


def is_valid(raw: str) -> bool:
    try:
        normalise(raw)
    except InvalidOrgNumber:
        return False
    return True


def is_personal_number(number: str) -> bool:
    """True when the (normalised) number is a person's, i.e. a sole trader's.

    Organisation numbers have a third digit of 2 or more; personal identity
    numbers have a birth month 01-12 there.
    """
    digits = re.sub(r"\D", "", str(number))
    if len(digits) == 12:
        digits = digits[2:]
    return len(digits) == 10 and int(digits[2]) < 2


def display(number: str) -> str:
    """NNNNNN-NNNN, always in full: a building block of `shown`, never used for output."""
    digits = normalise(number)
    return f"{digits[:6]}-{digits[6:]}"


def birth_date(number: str) -> dt.date:
    """Birth date of a personal identity number (coordination numbers: day - 60)."""
    text = str(number).strip()
    digits = re.sub(r"\D", "", text)
    if len(digits) == 12:
        return _personnummer.get_birth_date(digits)
    digits = normalise(text)
    # Without a century the number is read as belonging to someone under 100,
    # which is what the hyphen separator means in the Swedish standard.
    return _personnummer.get_birth_date(f"{digits[:6]}-{digits[6:]}")


def mask(number: str) -> str:
    """19800101-**** for a personal number, NNNNNN-NNNN otherwise.

    Only the birth date is shown; the last four digits (which identify the
    person) are hidden. A building block of `shown`: output goes through `shown`.
    """
    if not is_personal_number(number):
        return display(number)
    return f"{birth_date(number):%Y%m%d}-****"


def shown(number: str, *, is_sole_trader: bool | None, full: bool = False) -> str:
    """The one way an organisation number reaches output: page, list, export, PDF.

    A legal person's number is public and always shown in full (NNNNNN-NNNN). A
    sole trader's number is the owner's personal identity number: everywhere it is
    masked to the birth date (19800101-****), except where the caller passes
    `full=True`, which is meant for one place only: a single company's own page
    viewed by the programme's staff (manager, coach, finance officer). There the
    staff need the whole number to identify the firm for certain (matching it
    against the trade register, the tax agency or the de minimis register), and
    the page is seen by one person under the programme's legal basis. Lists,
    exports, PDFs and file names are different: they are copied, e-mailed and
    shared with partners and financiers, and nobody needs the last four digits
    to read them. The Swedish Data Protection Act (2018:218, ch. 3 § 10) allows
    a personal identity number without consent only where it is clearly
    justified; a spreadsheet row is not such a place. A firm's representative
    sees the masked form on the firm's page too: they know the number, and the
    page is the kind that gets printed or shown on a screen in a meeting. The one
    other `full=True` is a person's own register extract (GDPR art. 15,
    `privacy.extract`): it is their own number, handed to them.

    The number counts as personal when the firm is flagged as a sole trader OR
    when the number itself is a personal identity number (is_sole_trader=None:
    decide by the number alone, e.g. for a number read from a file), so a wrong
    flag can only hide more, never less. A stored number that no longer
    validates is shown raw for a legal person or on the staff page (so a page
    never fails on old data) and as ******-**** for a sole trader elsewhere.
    """
    personal = bool(is_sole_trader) or is_personal_number(number)
    if full or not personal:
        try:
            return display(number)
        except ValueError:
            return str(number)
    if is_personal_number(number):
        try:
            return mask(number)
        except ValueError:
            pass
    return "******-****"
