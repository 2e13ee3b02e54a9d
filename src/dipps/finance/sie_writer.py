"""Write a small SIE 4 file (for the demo, tests and benchmarks), in PC8 as the format says.

Pure Python. Only what a voucher export needs: header, chart, dimensions, vouchers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass
class Row:
    account: str
    amount: Decimal
    objects: tuple[tuple[str, str], ...] = ()
    text: str = ""


@dataclass
class Ver:
    series: str
    number: str
    day: date
    text: str
    rows: list[Row] = field(default_factory=list)


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write(
    *,
    company: str,
    orgnr: str,
    years: list[tuple[date, date]],
    accounts: dict[str, str],
    vouchers: list[Ver],
    dimensions: dict[str, str] | None = None,
    objects: list[tuple[str, str, str]] = (),  # type: ignore[assignment]
    generated: date = date(2025, 1, 1),
) -> bytes:
    out = [
        "#FLAGGA 0",
        '#PROGRAM "DIPPS" 1.0',
        "#FORMAT PC8",
        f"#GEN {generated:%Y%m%d}",
        "#SIETYP 4",
        f"#ORGNR {orgnr}",
        f"#FNAMN {_q(company)}",
    ]
    out += [f"#RAR {-i} {s:%Y%m%d} {e:%Y%m%d}" for i, (s, e) in enumerate(years)]
    out += [f"#KONTO {n} {_q(name)}" for n, name in accounts.items()]
    out += [f"#DIM {d} {_q(name)}" for d, name in (dimensions or {}).items()]
    out += [f"#OBJEKT {d} {_q(o)} {_q(name)}" for d, o, name in objects]
    for v in vouchers:
        out.append(f"#VER {v.series} {v.number} {v.day:%Y%m%d} {_q(v.text)}")
        out.append("{")
        for r in v.rows:
            objs = " ".join(f"{d} {_q(o)}" for d, o in r.objects)
            out.append(
                f"   #TRANS {r.account} {{{objs}}} {r.amount:.2f} {v.day:%Y%m%d} {_q(r.text)}"
            )
        out.append("}")
    out.append("")
    return "\r\n".join(out).encode("cp437", errors="replace")
