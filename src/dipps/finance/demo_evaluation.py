"""Demo evaluation for DIPPS: the plan, one evaluator's report, a draft final report.

Called by `demo.load()`; idempotent (the plan is upserted, the report and the final report
are made once). The report's PDF is rendered at load time, so no binary is committed.
"""

from __future__ import annotations

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from dipps.core.pdf import render_pdf
from dipps.programmes.models import Programme

from . import services
from .models import EvaluationReport, FinalReport, ReportingPeriod

QUESTIONS = "\n".join(
    [
        "Når programmet de små och medelstora tillverkningsföretag i Jämtland och "
        "Västernorrland som det riktar sig till?",
        "Leder mognadsmätning, handlingsplan och insatser till att företagen inför nya eller "
        "förbättrade produkter, processer eller tjänster?",
        "Hur har arbetssättet från SIM JH och SIMMITT utvecklats, och vad bör andra regioner "
        "ta efter?",
        "Hur har jämställdhet, miljö och klimat samt icke-diskriminering integrerats i arbetet "
        "med företagen?",
        "Vilka resultat och arbetssätt lever vidare när programmet avslutas?",
    ]
)

PLANNED = "3 Startrapport: utvärderingens upplägg\n6 Halvtidsutvärdering\n10 Slututvärdering"

REPORT_SUMMARY = (
    "Utvärderaren bedömer att programmet når rätt målgrupp: 38 av 41 stödda företag är "
    "tillverkande små och medelstora företag. Mognadsmätningen ger en gemensam bild av "
    "utgångsläget, men uppföljningsmätningarna behöver planeras redan i handlingsplanen."
)

FINAL = {
    "summary": (
        "DIPPS har stöttat små och medelstora industriföretag i Mittnorrland att förnya "
        "produkter, processer och tjänster genom digitalisering. (Utkast, fylls på inför "
        "den sista ansökan.)"
    ),
    "activities": (
        "Processledare och coacher har arbetat enligt arbetssättet från SIM JH och SIMMITT: "
        "mognadsmätning, handlingsplan, insatser och uppföljning."
    ),
    "results": "Resultaten redovisas mot indikatorerna i tabellen nedan.",
    "equality": (
        "Könsfördelningen bland deltagarna följs per aktivitet; workshopparna har hållits på "
        "tider som passar deltagare med ansvar för barn."
    ),
    "environment": (
        "Energi- och materialeffektivitet ingår i varje handlingsplan; möten hålls digitalt "
        "när resan annars vore lång."
    ),
    "non_discrimination": (
        "Material och lokaler är tillgängliga; inbjudningar når alla företag i målgruppen."
    ),
    "continuation": (
        "IUC Z-Group fortsätter att erbjuda mognadsmätningen och nätverksträffarna inom sin "
        "ordinarie verksamhet."
    ),
    "lessons": "Tidig uppföljning i handlingsplanen gör effekterna lättare att visa.",
}


def load(programme: Programme) -> None:
    services.evaluation_plan_set(
        programme=programme,
        evaluator_name="Karin Berglund",
        evaluator_organisation="Norrlandsutvärdering AB",
        procurement_reference="RJH 2023/1187",
        questions=QUESTIONS,
        planned_reports=PLANNED,
    )
    periods = ReportingPeriod.objects.filter(programme=programme)
    third = periods.filter(number=3).first()
    if third is not None and not EvaluationReport.objects.filter(programme=programme).exists():
        pdf = render_pdf(
            "finance/demo_evaluation_report.html",
            {"title": "Startrapport: utvärderingens upplägg", "summary": REPORT_SUMMARY},
        )
        services.evaluation_report_add(
            programme=programme,
            when=date(2025, 6, 16),
            title="Startrapport: utvärderingens upplägg",
            summary=REPORT_SUMMARY,
            upload=SimpleUploadedFile("startrapport-utvardering-DIPPS.pdf", pdf),
            period=third,
        )
    last = periods.order_by("-start").first()
    if last is None:
        return
    claim = services.claim_open(period=last)
    if not claim.is_locked and not FinalReport.objects.filter(claim=claim).exists():
        services.final_report_update(claim=claim, texts=FINAL)
