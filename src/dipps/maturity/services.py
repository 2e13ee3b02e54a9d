"""Writes for maturity assessments, each in one transaction, with audit history."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from dipps.core import audit, mail

from . import links
from .figures import sort_keys, to_store
from .frameworks import DEFAULT_FRAMEWORK, FrameworkError, load_framework, load_interventions
from .models import (
    AcceptedSuggestion,
    AnsweredBy,
    Assessment,
    PeerChange,
    PeerGeneration,
    Status,
)
from .scoring import Problem, score, validate_answers
from .signals import suggestion_accepted


class AssessmentInvalid(Exception):
    """Answers that the scoring core rejects; `problems` name their questions."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


def _user(by):
    return by if getattr(by, "is_authenticated", False) else None


@transaction.atomic
def assessment_start(
    *,
    company,
    programme,
    stage: str,
    framework: str = DEFAULT_FRAMEWORK,
    version: int | None = None,
    answered_by: str = AnsweredBy.COACH,
    by=None,
) -> Assessment:
    """A new draft, or the open draft for the same company, programme, stage and framework.

    A stage that already has a submitted assessment is changed by a correction
    (a new version), not by starting over.
    """
    try:
        fw = load_framework(framework, version)
    except FrameworkError as error:
        raise ValidationError({"framework": "; ".join(error.problems)}) from None
    same = Assessment.objects.filter(
        company=company, programme=programme, stage=stage, framework=fw.id
    )
    draft = same.filter(status=Status.DRAFT).order_by("-version").first()
    if draft is not None:
        return draft
    if same.filter(status=Status.SUBMITTED).exists():
        raise ValidationError(
            _(
                "This stage already has a submitted assessment. "
                "Correct it instead (a correction becomes a new version)."
            )
        )
    assessment = Assessment.objects.create(
        company=company,
        programme=programme,
        stage=stage,
        framework=fw.id,
        framework_version=fw.version,
        answered_by=answered_by,
        created_by=_user(by),
    )
    audit.record(
        instance=assessment,
        action="create",
        by=by,
        changes={"stage": stage, "framework": f"{fw.id} v{fw.version}"},
    )
    return assessment


def _locked_draft(assessment: Assessment) -> Assessment:
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.status != Status.DRAFT:
        raise ValidationError(
            _("This assessment is already submitted; a correction is a new version.")
        )
    return locked


@transaction.atomic
def assessment_save_draft(
    *, assessment: Assessment, answers: dict, by=None, contact=None, answered_by=None
):
    """Keep partial answers; nothing is validated until submission."""
    assessment = _locked_draft(assessment)
    assessment.answers = dict(answers)
    fields = ["answers"]
    if answered_by:
        assessment.answered_by = answered_by
        fields.append("answered_by")
    if contact is not None:
        assessment.contact, assessment.answered_by = contact, AnsweredBy.COMPANY
        fields += ["contact"] if "answered_by" in fields else ["contact", "answered_by"]
    elif _user(by) is not None:
        assessment.user = _user(by)
        fields.append("user")
    assessment.save(update_fields=fields)
    audit.record(
        instance=assessment, action="update", by=by, changes={"draft": len(assessment.answers)}
    )
    return assessment


def _peer_keys(company) -> dict:
    return {
        "division": company.primary_division,
        "size_class": company.size_class or "",
        "in_region": (company.municipality_code or "")[:2] in settings.DIPPS_REGION_COUNTIES,
    }


@transaction.atomic
def assessment_submit(
    *, assessment: Assessment, answers: dict, by=None, contact=None, answered_by=None
):
    """Validate with the scoring core, score, store and make this version the current one."""
    assessment = _locked_draft(assessment)
    framework = load_framework(assessment.framework, assessment.framework_version)
    payload = {"framework": framework.id, "version": framework.version, "answers": answers}
    problems = validate_answers(framework, payload)
    if problems:
        raise AssessmentInvalid(problems)
    result = score(framework, answers, validated=True)
    assessment.answers = dict(answers)
    assessment.status = Status.SUBMITTED
    assessment.submitted = timezone.now()
    # The exact scores once; the sort keys for the peer arrays derived from them.
    assessment.scores = to_store(result.overall, result.dimensions)
    assessment.band = result.band
    for name, value in sort_keys(framework, assessment.exact).items():
        setattr(assessment, name, value)
    for name, value in _peer_keys(assessment.company).items():
        setattr(assessment, name, value)
    if answered_by:
        assessment.answered_by = answered_by
    if contact is not None:
        assessment.contact, assessment.answered_by = contact, AnsweredBy.COMPANY
    elif _user(by) is not None and assessment.user_id is None:
        assessment.user = _user(by)
    # Only the newest submitted version of a chain is current.
    if assessment.supersedes_id:
        Assessment.objects.filter(pk=assessment.supersedes_id).update(is_current=False)
    assessment.is_current = True
    assessment.save()
    peer_change_record(
        framework=assessment.framework,
        version=assessment.framework_version,
        stage=assessment.stage,
        added=assessment.pk,
        removed=assessment.supersedes_id,
    )
    audit.record(
        instance=assessment,
        action="update",
        by=by,
        changes={
            "status": [Status.DRAFT, Status.SUBMITTED],
            "overall": assessment.scores["overall"],
            "band": assessment.band,
        },
    )
    return assessment


def peer_change_record(
    *, framework: str, version: int, stage: str, added=None, removed=None, reset=False
) -> PeerChange:
    """Log a change of the current assessments of a framework version and stage.

    Call inside the transaction that makes the change. The update of the
    PeerGeneration row takes its row lock first, so changes of one key are
    numbered in commit order (see PeerGeneration).
    """
    key = {"framework": framework, "framework_version": version, "stage": stage}
    token = uuid.uuid4().hex
    if not PeerGeneration.objects.filter(**key).update(token=token):
        PeerGeneration.objects.update_or_create(**key, defaults={"token": token})
    return PeerChange.objects.create(**key, token=token, added=added, removed=removed, reset=reset)


def peer_generation_bump(assessment: Assessment) -> None:
    """After a bulk load or deletion: every server re-reads the peers of this key."""
    peer_change_record(
        framework=assessment.framework,
        version=assessment.framework_version,
        stage=assessment.stage,
        reset=True,
    )


def assessment_deleted(sender, instance: Assessment, **kwargs) -> None:
    """post_delete: a current assessment leaving (a deleted company) resets its peers."""
    if instance.is_current and instance.status == Status.SUBMITTED:
        peer_generation_bump(instance)


@transaction.atomic
def assessment_correct(*, assessment: Assessment, by=None) -> Assessment:
    """A new draft version with the submitted answers, superseding it once submitted."""
    original = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if original.status != Status.SUBMITTED:
        raise ValidationError(_("Only a submitted assessment can be corrected."))
    existing = Assessment.objects.filter(supersedes=original).first()
    if existing is not None:
        if existing.status == Status.DRAFT:
            return existing
        raise ValidationError(_("A newer version exists; correct that one."))
    correction = Assessment.objects.create(
        company=original.company,
        programme=original.programme,
        stage=original.stage,
        framework=original.framework,
        framework_version=original.framework_version,
        answered_by=AnsweredBy.COACH,
        answers=original.answers,
        version=original.version + 1,
        supersedes=original,
        created_by=_user(by),
    )
    audit.record(
        instance=correction,
        action="create",
        by=by,
        changes={"supersedes": original.pk, "version": correction.version},
    )
    return correction


@transaction.atomic
def link_create(*, assessment: Assessment, contact=None, by=None) -> str:
    """A self-service token for a draft; records who it was made for and when."""
    if assessment.status != Status.DRAFT:
        raise ValidationError(_("Links can only be made for a draft assessment."))
    if contact is not None and contact.company_id != assessment.company_id:
        raise ValidationError({"contact": _("Choose a contact of this company.")})
    assessment.invited_contact = contact
    assessment.invited = timezone.now()
    assessment.save(update_fields=["invited_contact", "invited"])
    audit.record(
        instance=assessment,
        action="update",
        by=by,
        changes={"self_service_link": contact.pk if contact else None},
    )
    return links.make_token(assessment)


def link_send(
    *, assessment: Assessment, url: str, to: str, name: str = "", language: str, by
) -> None:
    """E-mail the link to `to` in `language` (the sender's page language plays no part) and
    record in the assessment's history to whom and in which language it went."""
    mail.send_link(
        instance=assessment,
        template="maturity/mail/link",
        company=assessment.company.name,
        days=links.max_age_seconds() // 86400,
        url=url,
        to=to,
        name=name,
        language=language,
        by=by,
    )


@transaction.atomic
def suggestion_accept(*, company, programme, intervention_id: str, assessment=None, by):
    intervention = next((i for i in load_interventions() if i.id == intervention_id), None)
    if intervention is None:
        raise ValidationError(_("Unknown intervention."))
    existing = AcceptedSuggestion.objects.filter(
        company=company, programme=programme, intervention=intervention_id
    ).first()
    if existing is not None:
        return existing
    language = get_language() or "sv"
    suggestion = AcceptedSuggestion.objects.create(
        company=company,
        programme=programme,
        assessment=assessment,
        intervention=intervention.id,
        dimensions=list(intervention.dimensions),
        title=intervention.title.get(language)[:300],
        accepted_by=_user(by),
    )
    # The working method (engagements, a layer above) puts it into the action plan.
    suggestion_accepted.send(sender=AcceptedSuggestion, suggestion=suggestion, by=by)
    audit.record(
        instance=suggestion,
        action="create",
        by=by,
        changes={"intervention": intervention.id, "company": company.pk},
    )
    return suggestion
