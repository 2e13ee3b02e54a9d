"""Writes of the competence app, each in one transaction (docs/competence.md)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dipps.core import audit, mail
from dipps.engagements.models import ActionItem, Activity
from dipps.engagements.services import action_item_from_suggestion

from . import gaps, links
from .catalogue import catalogue_for, role_name
from .models import ActivitySkill, MapRow, ProgrammeSkill, SkillsMap
from .skills import CODE, LEVEL_MAX, ROLE_CODES

# The competence-plan intervention of the catalogue (maturity/data/interventions.json).
SKILLS_PLAN = "skills_plan"
SKILLS_PLAN_DIMENSIONS = ("human", "talent")


def latest_submitted(company, programme) -> SkillsMap | None:
    return (
        SkillsMap.objects.filter(company=company, programme=programme, submitted__isnull=False)
        .order_by("-taken_on", "-id")
        .first()
    )


@transaction.atomic
def map_start(
    *,
    company,
    programme,
    kind: str,
    roles,
    skills,
    by,
    follow_up: bool = False,
    on=None,
    pairs=(),
) -> SkillsMap:
    """A new map with one row per role × skill, and one per (role, skill) of `pairs`. A
    follow-up copies the firm's latest submitted map of the programme (its rows, people and
    levels) and links to it; roles and skills given here are added to those."""
    if kind not in SkillsMap.Kind.values:
        raise ValidationError({"kind": _("Choose who fills in the map.")})
    known = catalogue_for(programme)
    wanted = {(role, skill) for role in roles for skill in skills} | set(pairs)
    unknown_roles = sorted({role for role, _skill in wanted} - set(ROLE_CODES))
    unknown_skills = sorted({skill for _role, skill in wanted} - set(known))
    if unknown_roles or unknown_skills:
        raise ValidationError(_("Choose roles and skills from the lists."))
    previous = latest_submitted(company, programme) if follow_up else None
    if follow_up and previous is None:
        raise ValidationError(_("There is no earlier map of this firm to follow up."))
    copied = {(r.role, r.skill): r for r in previous.rows.all()} if previous else {}
    wanted |= set(copied)
    if not wanted:
        raise ValidationError(_("Choose at least one role and one skill."))
    skills_map = SkillsMap.objects.create(
        company=company,
        programme=programme,
        kind=kind,
        taken_on=on or timezone.localdate(),
        taken_by=audit.acting_user(by),
        previous=previous,
    )
    order = {code: i for i, code in enumerate(ROLE_CODES)}
    skill_order = {code: i for i, code in enumerate(known)}
    for role, skill in sorted(wanted, key=lambda p: (order[p[0]], skill_order.get(p[1], 999))):
        old = copied.get((role, skill))
        MapRow.objects.create(
            map=skills_map,
            role=role,
            skill=skill,
            people=old.people if old else 0,
            current=old.current if old else 0,
            needed=old.needed if old else 0,
        )
    audit.record(
        instance=skills_map,
        action="create",
        by=by,
        changes={"kind": kind, "previous": previous.pk if previous else None, "rows": len(wanted)},
    )
    return skills_map


@dataclass
class RowInput:
    id: int
    people: int
    current: int
    needed: int


@transaction.atomic
def map_save(*, skills_map: SkillsMap, rows: list[RowInput], submit: bool, by) -> SkillsMap:
    """Save people and levels of the map's rows; all or nothing. `submit` completes the map."""
    stored = {r.pk: r for r in skills_map.rows.select_for_update()}
    errors = []
    for n, row in enumerate(rows, 1):
        target = stored.get(row.id)
        if target is None:
            errors.append(_("Row %(n)s is not a row of this map.") % {"n": n})
            continue
        for name in gaps.problems(gaps.Row(target.role, target.skill, *_numbers(row))):
            errors.append(
                _(
                    "Row %(n)s (%(role)s): %(field)s must be a whole number "
                    "from %(low)s to %(high)s."
                )
                % {
                    "n": n,
                    "role": role_name(target.role),
                    "field": {
                        "people": _("people in the role"),
                        "current": _("current level"),
                        "needed": _("needed level"),
                    }[name],
                    "low": 0,
                    "high": gaps.PEOPLE_MAX if name == "people" else LEVEL_MAX,
                }
            )
    if errors:
        raise ValidationError(errors)
    changed = 0
    for row in rows:
        target = stored[row.id]
        if (target.people, target.current, target.needed) != _numbers(row):
            target.people, target.current, target.needed = _numbers(row)
            target.save(update_fields=["people", "current", "needed"])
            changed += 1
    if submit and skills_map.submitted is None:
        skills_map.submitted = timezone.now()
        skills_map.save(update_fields=["submitted"])
    audit.record(
        instance=skills_map,
        action="update",
        by=by,
        changes={"rows_changed": changed, "submitted": bool(skills_map.submitted)},
    )
    return skills_map


def _numbers(row: RowInput) -> tuple[int, int, int]:
    return (row.people, row.current, row.needed)


@transaction.atomic
def link_create(*, skills_map: SkillsMap, contact=None, by=None) -> str:
    """A self-service token for a map not yet submitted; records who it was made for."""
    if skills_map.submitted is not None:
        raise ValidationError(_("Links can only be made for a map that is not submitted."))
    if contact is not None and contact.company_id != skills_map.company_id:
        raise ValidationError({"contact": _("Choose a contact of this company.")})
    skills_map.invited_contact = contact
    skills_map.invited = timezone.now()
    skills_map.save(update_fields=["invited_contact", "invited"])
    audit.record(
        instance=skills_map,
        action="update",
        by=by,
        changes={"self_service_link": contact.pk if contact else None},
    )
    return links.make_token(skills_map)


def link_send(*, skills_map: SkillsMap, url: str, to: str, name: str = "", language: str, by):
    """E-mail the link to `to` in `language` and record to whom and in which language it
    went in the map's history (as the maturity questionnaire's, maturity.services)."""
    mail.send_link(
        instance=skills_map,
        template="competence/mail/link",
        company=skills_map.company.name,
        days=links.max_age_seconds() // 86400,
        url=url,
        to=to,
        name=name,
        language=language,
        by=by,
    )


def gap_title(row: MapRow, skill_name: str) -> str:
    return _("Skills: %(skill)s for %(role)s, level %(current)s → %(needed)s") % {
        "skill": skill_name,
        "role": role_name(row.role),
        "current": row.current,
        "needed": row.needed,
    }


@transaction.atomic
def gap_to_plan(*, row: MapRow, by) -> ActionItem:
    """The row's gap as a planned competence-plan item of the firm's engagement (started if
    there is none). Once per row: asking again returns the item made the first time."""
    row = MapRow.objects.select_for_update().select_related("map").get(pk=row.pk)
    if row.action_item_id is not None:
        return row.action_item
    if gaps.gap(row.current, row.needed) == 0 or row.people == 0:
        raise ValidationError(_("This row has no gap to plan for."))
    skills_map = row.map
    name = catalogue_for(skills_map.programme).get(row.skill)
    item = action_item_from_suggestion(
        company=skills_map.company,
        programme=skills_map.programme,
        intervention_id=SKILLS_PLAN,
        dimension_ids=SKILLS_PLAN_DIMENSIONS,
        title=gap_title(row, name.label if name else row.skill),
        by=by,
    )
    row.action_item = item
    row.save(update_fields=["action_item"])
    audit.record(instance=row, action="update", by=by, changes={"action_item": item.pk})
    return item


@transaction.atomic
def activity_skills_set(*, activity: Activity, skills, by) -> list[str]:
    """The skills the activity addresses become exactly `skills` (codes of its programme)."""
    wanted = set(skills)
    unknown = sorted(wanted - set(catalogue_for(activity.programme)))
    if unknown:
        raise ValidationError(_("Choose skills from the list."))
    before = set(ActivitySkill.objects.filter(activity=activity).values_list("skill", flat=True))
    ActivitySkill.objects.filter(activity=activity).exclude(skill__in=wanted).delete()
    for code in sorted(wanted - before):
        ActivitySkill.objects.create(activity=activity, skill=code)
    audit.record(
        instance=activity,
        action="update",
        by=by,
        changes={"skills": [sorted(before), sorted(wanted)]},
    )
    return sorted(wanted)


@transaction.atomic
def programme_skill_add(*, programme, values: dict, by) -> ProgrammeSkill:
    """A skill of the programme's own, after the shipped ones. Its code follows the
    catalogue's rule and is neither a shipped code nor one the programme already has."""
    code = values.get("code", "")
    if not CODE.match(code):
        raise ValidationError(
            {"code": _("Use lower-case letters, digits and _, starting with a letter.")}
        )
    if code in catalogue_for(programme):
        raise ValidationError({"code": _("This code is already in the catalogue.")})
    skill = ProgrammeSkill.objects.create(
        programme=programme,
        code=code,
        **{k: values[k] for k in ("name_sv", "name_en", "description_sv", "description_en")},
    )
    audit.record(instance=skill, action="create", by=by, changes={"code": code})
    return skill
