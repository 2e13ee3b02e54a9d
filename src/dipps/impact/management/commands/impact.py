"""`dipps impact value-added FILE.se [--employees N]` and `dipps impact did FILE.csv [--draws
2000] [--seed 1]`: the two impact contracts (docs/impact.md).

A thin shell over ``dipps.impact.value_added`` and ``dipps.impact.did`` (exit codes:
``core.contract_command``: 2 with the file and line or row, 3 over the size limit).
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from dipps.core import tabular, uploads
from dipps.core.contract_command import Action, ContractCommand
from dipps.impact import did, value_added


def _employees(text: str) -> Decimal:
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        value = Decimal(0)
    if not value.is_finite() or value <= 0:
        raise argparse.ArgumentTypeError(f"expected a number above 0, got {text!r}")
    return value


def _whole(least: int):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = least - 1
        if value < least:
            raise argparse.ArgumentTypeError(f"expected a whole number of {least} or more")
        return value

    return parse


def _value_added_options(parser: CommandParser) -> None:
    parser.add_argument(
        "--employees",
        type=_employees,
        metavar="N",
        help=_("Employees (headcount or annual work units) for value added per employee."),
    )


def _did_options(parser: CommandParser) -> None:
    parser.add_argument(
        "--draws",
        type=_whole(1),
        default=did.DEFAULT_DRAWS,
        help=_("Bootstrap draws (default 2000)."),
    )
    parser.add_argument(
        "--seed",
        type=_whole(0),
        default=did.DEFAULT_SEED,
        help=_("Seed of the random draws; the same seed gives the same interval (default 1)."),
    )


def _value_added(data: bytes, path: str, options: Mapping[str, Any]) -> str:
    return value_added.value_added_json(data, path, options.get("employees"))


def _did(data: bytes, path: str, options: Mapping[str, Any]) -> str:
    limits = uploads.limits_from_options(uploads.TABULAR, options)
    try:
        # Standard input has no name to tell CSV from XLSX: its content decides.
        name = "" if path == "-" else path
        rows = tabular.read_table(data, name, required=list(did.COLUMNS), limits=limits)
    except tabular.TableOverLimit:
        raise
    except tabular.TableError as error:
        raise did.DidError(str(error)) from None
    return did.did_json(
        ((row.number, row.values) for row in rows), int(options["draws"]), int(options["seed"])
    )


class Command(ContractCommand):
    help = _("Impact figures: value added from an SIE file, and a difference-in-differences.")

    def actions(self) -> list[Action]:
        return [
            Action(
                name="value-added",
                help=_("Value added per fiscal year from the #RES balances of an SIE file."),
                compute=_value_added,
                errors=(value_added.ValueAddedError,),
                kind=uploads.SIE,
                metavar="FILE.se",
                file_help=_("SIE file with year balances (#RES), or - for standard input."),
                options=_value_added_options,
            ),
            Action(
                name="did",
                help=_(
                    "Difference-in-differences of treated and comparison firms, with a "
                    "95 per cent bootstrap interval."
                ),
                compute=_did,
                errors=(did.DidError,),
                kind=uploads.TABULAR,
                metavar="FILE.csv",
                file_help=_("CSV file with the columns orgnr, group, period, value."),
                rows=True,
                options=_did_options,
            ),
        ]
