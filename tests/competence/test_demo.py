import pytest

from dipps.companies.demo_trades import trade_of
from dipps.competence import demo
from dipps.competence.models import ActivitySkill, MapRow, SkillsMap
from dipps.competence.selectors import programme_page
from dipps.programmes.models import Programme
from dipps.site.demo import load_demo

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # loads the whole demo


def test_the_demo_has_skills_maps_by_trade_plans_follow_ups_and_training():
    load_demo(company_count=30)
    firsts = SkillsMap.objects.filter(previous__isnull=True)
    assert firsts.count() >= 4
    for m in firsts.select_related("company"):
        table = demo.BY_TRADE[trade_of(m.company).key]
        assert {(r.role, r.skill) for r in m.rows.all()} == {(t[0], t[1]) for t in table}
        assert m.submitted is not None
    assert MapRow.objects.filter(action_item__intervention="skills_plan").exists()
    assert SkillsMap.objects.filter(previous__isnull=False).exists()
    page = programme_page(Programme.objects.get(code="DIPPS"))
    assert page.gaps and page.trained
    assert all(t.people > 0 for t in page.trained)
    counts = (SkillsMap.objects.count(), MapRow.objects.count(), ActivitySkill.objects.count())
    demo.load()  # idempotent
    assert (SkillsMap.objects.count(), MapRow.objects.count(), ActivitySkill.objects.count()) == (
        counts
    )
