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
