"""Sentences for the problem keys of the budget core (`budget.budget_problems`).

Shared by the write that refuses a plan (`services.budget_set`) and the read that shows a
stored plan's problems (`selectors.budget_check`), so both say the same thing.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from dipps.core.formatting import kr, number

from .claim_model import STAFF_PLUS_40


def rate_message(cost_model: str) -> str:
    """The refusal of a flat rate outside the model's range, naming the model and the range."""
    if cost_model == STAFF_PLUS_40:
        return (
            _(
                "Under the cost model staff costs + 40 %% the flat rate must be above 0 and at "
                "most 40 %%."
            )
            % {}
        )
    return (
        _(
            "Under the cost model staff costs + actual purchases + 15 %% the flat rate must be "
            "between 0 and 15 %%."
        )
        % {}
    )


def budget_messages(problems: list[tuple[str, dict]]) -> list[str]:
    """The plan's problems as sentences a person can act on."""
    out = []
    for key, v in problems:
        if key == "bad_rate":
            out.append(rate_message(v["cost_model"]))
        elif key == "purchase_under_40":
            out.append(
                _(
                    "%(year)s, %(partner)s: under the cost model staff costs + 40 %% the flat "
                    "rate covers every other cost; no purchases may be budgeted."
                )
                % v
            )
        elif key == "indirect_entered":
            out.append(
                _(
                    "%(year)s, %(partner)s: indirect costs are the flat rate of staff costs "
                    "and cannot be entered as a budget line."
                )
                % v
            )
        elif key == "unknown_category":
            out.append(_("Unknown cost category “%(category)s”.") % v)
        elif key == "negative_cost":
            out.append(_("%(year)s, %(partner)s: a cost cannot be negative.") % v)
        elif key == "unknown_financier":
            out.append(_("“%(name)s” is not one of the programme's financiers.") % v)
        elif key == "negative_financing":
            out.append(_("%(year)s, %(name)s: financing cannot be negative.") % v)
        elif key == "year_not_financed" and v.get("in_kind"):
            out.append(
                _(
                    "%(year)s: costs other than in kind are %(costs)s but the cash financing "
                    "is %(financing)s; the cash financing must equal them (difference "
                    "%(diff)s). The in-kind costs, %(in_kind)s, are financed by contributions "
                    "in kind of the same amount, not by the cash financiers."
                )
                % {
                    "year": v["year"],
                    "costs": kr(v["costs"]),
                    "financing": kr(v["financing"]),
                    "diff": kr(v["financing"] - v["costs"]),
                    "in_kind": kr(v["in_kind"]),
                }
            )
        elif key == "year_not_financed":
            out.append(
                _(
                    "%(year)s: costs are %(costs)s but financing is %(financing)s; "
                    "financing must equal costs (difference %(diff)s)."
                )
                % {
                    "year": v["year"],
                    "costs": kr(v["costs"]),
                    "financing": kr(v["financing"]),
                    "diff": kr(v["financing"] - v["costs"]),
                }
            )
        elif key == "in_kind_not_matched":
            out.append(
                _(
                    "%(year)s: in-kind costs are %(in_kind)s but the in-kind financing is "
                    "%(financing)s; they must be equal."
                )
                % {
                    "year": v["year"],
                    "in_kind": kr(v["in_kind"]),
                    "financing": kr(v["financing"]),
                }
            )
        elif key == "share_mismatch":
            out.append(
                _(
                    "%(name)s finances %(amount)s (%(actual)s %%) but its share in the "
                    "programme is %(share)s %%, which is %(expected)s."
                )
                % {
                    "name": v["name"],
                    "amount": kr(v["amount"]),
                    "actual": number(v["actual_share"], 1),
                    "share": number(v["share"], 1),
                    "expected": kr(v["expected"]),
                }
            )
        elif key == "total_not_programme":
            out.append(
                _("The budget totals %(total)s but the programme's total budget is %(programme)s.")
                % {"total": kr(v["total"]), "programme": kr(v["programme"])}
            )
    return out


def sie_warning(item) -> str:
    """A stored SIE import warning (code and params) in the page's language.

    Warnings stored as text, before they were codes, are shown as they were written.
    """
    if not isinstance(item, dict):
        return str(item)
    code, p = item.get("code"), dict(item.get("params") or {})
    if code == "nothing_matched":
        return _nothing_matched(p)
    texts = {
        "orgnr_accepted": _(
            "Imported although the file's organisation number %(file)s is not %(expected)s."
        ),
        "brace_outside_voucher": _("Line %(line)s: “%(brace)s” outside a voucher was ignored."),
        "stray_lines": _("%(count)s line(s) not starting with a #label were ignored."),
        "rar_ignored": _("Line %(line)s: the fiscal year (#RAR) was ignored: %(reason)s."),
        "row_outside_voucher": _("Line %(line)s: %(label)s outside a voucher was ignored."),
        "unknown_type": _("“%(type)s” (#SIETYP) is not a known SIE type."),
        "no_type": _("The file has no #SIETYP; its type was inferred from its contents."),
        "vouchers_in_type": _(
            "A type %(type)s file should not hold vouchers; they were read anyway."
        ),
        "format_mismatch": _(
            "The file declares %(declared)s (code page 437) but is encoded as %(encoding)s; "
            "it was read as %(encoding)s."
        ),
        "unreadable": _(
            "The file contains %(count)s unreadable character(s): letters lost in an earlier "
            "conversion, or bytes that are not text."
        ),
        "no_block": _("Line %(line)s: voucher %(series)s %(number)s has no block of rows."),
        "unbalanced": _(
            "Line %(line)s: voucher %(series)s %(number)s of %(date)s does not balance: "
            "difference %(difference)s."
        ),
    }
    if code not in texts:
        return str(code)
    if code == "format_mismatch" and p.get("declared") == "no format":
        p["declared"] = _("no format")
    return texts[code] % p


def _nothing_matched(p: dict) -> str:
    if p.get("dimension"):
        looked = _("rows marked with object %(object)s of dimension %(dimension)s") % p
    else:
        looked = _("rows on the accounts %(accounts)s") % p
    has: list[str] = []
    if p.get("objects"):
        has.append(_("objects (dimension/object) %(list)s") % {"list": ", ".join(p["objects"])})
    else:
        has.append(_("no objects on its rows"))
    if p.get("accounts"):
        has.append(_("cost accounts %(range)s") % {"range": ", ".join(p["accounts"])})
    return _(
        "No row of the file was staged: the partner's ledger settings look for %(looked)s, "
        "but the file's %(vouchers)s vouchers have %(has)s. Check the partner's settings "
        "(project object or account list) or choose another file."
    ) % {
        "looked": looked,
        "vouchers": number(p.get("vouchers", 0)),
        "has": has[0]
        if len(has) == 1
        else _("%(first)s and %(second)s") % {"first": has[0], "second": has[1]},
    }
