import pytest

from innoinfra.demo.data import networks as networks_demo
from innoinfra.demo.data import registry as registry_demo
from innoinfra.registry.enums import AgreementState, MemberKind
from innoinfra.registry.models import Agreement, ComplexMember

pytestmark = pytest.mark.django_db


def test_the_demo_complex_has_a_team_a_laboratory_teachers_and_an_agreement_ending_soon():
    registry = registry_demo.load()
    networks_demo.load(registry)
    networks_demo.load(registry)  # idempotent
    kinds = set(ComplexMember.objects.values_list("kind", flat=True))
    assert kinds == {MemberKind.TEAM, MemberKind.LABORATORY, MemberKind.PERSON}
    assert ComplexMember.objects.count() == 4
    states = {a.number: a.state() for a in Agreement.objects.all()}
    assert states == {"1-С": AgreementState.ACTIVE, "14": AgreementState.EXPIRING}
