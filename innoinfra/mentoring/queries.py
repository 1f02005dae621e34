"""Who sees which requests, offers and pairs; the mentors suggested for a request; the counts for monitoring."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from innoinfra.accounts.scopes import scope_of
from innoinfra.core.search import filter_by_text
from innoinfra.reference.models import Direction

from .enums import PairState, RequestState
from .models import Meeting, MentoringPair, MentoringRequest, MentorOffer

DIRECTIONS = Prefetch("directions", queryset=Direction.objects.order_by("name"))


def _territory(user, lookup: str) -> Q | None:
    """The user's territories as a condition on `lookup` (a municipality id); None for non-staff."""
    scope = scope_of(user)
    if not scope.is_staff:
        return None
    return scope.managed(lookup)


def mentor_condition(user, prefix: str = "") -> Q:
    """The user is the mentor: in person, or as administrator of the mentor organization."""
    return Q(**{f"{prefix}mentor_user": user}) | Q(
        **{f"{prefix}mentor_organization_id__in": scope_of(user).organizations}
    )


def pairs_as_participant(user) -> QuerySet[MentoringPair]:
    """Pairs where the user stands on one side: as the mentor, or for the mentee organization."""
    if not user.is_authenticated:
        return MentoringPair.objects.none()
    condition = mentor_condition(user, "offer__") | Q(request__organization_id__in=scope_of(user).organizations)
    return MentoringPair.objects.filter(condition)


# ---------------------------------------------------------------- requests


def requests_visible_to(user) -> QuerySet[MentoringRequest]:
    if not user.is_authenticated:
        return MentoringRequest.objects.none()
    scope = scope_of(user)
    condition = Q(organization_id__in=scope.organizations) | Q(pk__in=pairs_as_participant(user).values("request_id"))
    staff = _territory(user, "municipality_id")
    if staff is not None:
        condition |= staff
    return MentoringRequest.objects.filter(condition)


def requests_for_list(user) -> QuerySet[MentoringRequest]:
    return (
        requests_visible_to(user)
        .select_related("organization", "municipality")
        .prefetch_related(DIRECTIONS)
        .order_by("-created_at", "-id")
    )


def filter_requests(requests: QuerySet[MentoringRequest], params: dict) -> QuerySet[MentoringRequest]:
    for name in ("state", "municipality", "organization"):
        if params.get(name):
            requests = requests.filter(**{name: params[name]})
    if params.get("direction"):
        requests = requests.filter(directions=params["direction"])
    if params.get("q"):
        requests = filter_by_text(requests, params["q"])
    return requests


# ---------------------------------------------------------------- offers


def with_load(offers: QuerySet[MentorOffer]) -> QuerySet[MentorOffer]:
    """Each offer with `active_pairs`: how many mentees the mentor leads now."""
    return offers.annotate(active_pairs=Count("pairs", filter=Q(pairs__state=PairState.ACTIVE), distinct=True))


def offers_visible_to(user) -> QuerySet[MentorOffer]:
    """Accepting offers are public; a paused one only for those who keep it."""
    condition = Q(accepting=True)
    if user.is_authenticated:
        condition |= mentor_condition(user)
        staff = _territory(user, "municipality_id")
        if staff is not None:
            condition |= staff
    return MentorOffer.objects.filter(condition)


def offers_for_list(user) -> QuerySet[MentorOffer]:
    return with_load(
        offers_visible_to(user)
        .select_related("mentor_organization", "mentor_user__organization", "municipality")
        .prefetch_related(DIRECTIONS)
    ).order_by("-accepting", "municipality__name", "-created_at", "-id")


def filter_offers(offers: QuerySet[MentorOffer], params: dict) -> QuerySet[MentorOffer]:
    if params.get("municipality"):
        offers = offers.filter(municipality=params["municipality"])
    if params.get("direction"):
        offers = offers.filter(directions=params["direction"])
    if params.get("q"):
        offers = filter_by_text(offers, params["q"])
    return offers


# ---------------------------------------------------------------- pairs


def pairs_visible_to(user) -> QuerySet[MentoringPair]:
    if not user.is_authenticated:
        return MentoringPair.objects.none()
    condition = Q(pk__in=pairs_as_participant(user).values("pk"))
    staff = _territory(user, "municipality_id")
    if staff is not None:
        condition |= staff | _territory(user, "offer__municipality_id")
    return MentoringPair.objects.filter(condition)


def pairs_for_list(user) -> QuerySet[MentoringPair]:
    return (
        pairs_visible_to(user)
        .select_related(
            "request__organization", "offer__mentor_organization", "offer__mentor_user__organization", "municipality"
        )
        .annotate(meeting_count=Count("meetings"))
        .order_by("state", "-started_on", "-id")
    )


def filter_pairs(pairs: QuerySet[MentoringPair], params: dict) -> QuerySet[MentoringPair]:
    for name in ("state", "municipality"):
        if params.get(name):
            pairs = pairs.filter(**{name: params[name]})
    return pairs


# ---------------------------------------------------------------- suggestions


@dataclass(frozen=True)
class Suggestion:
    offer: MentorOffer
    shared_directions: list[Direction]
    same_municipality: bool

    @property
    def free_places(self) -> int:
        return self.offer.capacity - self.offer.active_pairs


def suggestions_for(request: MentoringRequest) -> list[Suggestion]:
    """Accepting mentors with a free place, best first: more shared directions, then the same municipality, then
    more free places. The request's own organization never mentors itself."""
    wanted = {direction.pk for direction in request.directions.all()}
    offers = (
        with_load(MentorOffer.objects.filter(accepting=True))
        .exclude(mentor_organization_id=request.organization_id)
        .exclude(mentor_user__organization_id=request.organization_id)
        .select_related("mentor_organization", "mentor_user__organization", "municipality")
        .prefetch_related(DIRECTIONS)
    )
    found = []
    for offer in offers:
        if offer.active_pairs >= offer.capacity:
            continue
        shared = [direction for direction in offer.directions.all() if direction.pk in wanted]
        found.append(Suggestion(offer, shared, offer.municipality_id == request.municipality_id))
    found.sort(key=lambda s: (-len(s.shared_directions), not s.same_municipality, -s.free_places, s.offer.mentor_name))
    return found


# ---------------------------------------------------------------- monitoring


def mentoring_counts(municipality_ids=None) -> dict[str, int]:
    """For monitoring: requests waiting for a mentor, pairs working and completed, meetings held — in the given
    municipalities (by the mentee's), or everywhere when None."""
    requests = MentoringRequest.objects.all()
    pairs = MentoringPair.objects.all()
    meetings = Meeting.objects.all()
    if municipality_ids is not None:
        municipality_ids = list(municipality_ids)
        requests = requests.filter(municipality_id__in=municipality_ids)
        pairs = pairs.filter(municipality_id__in=municipality_ids)
        meetings = meetings.filter(pair__municipality_id__in=municipality_ids)
    pair_counts = pairs.aggregate(
        active=Count("pk", filter=Q(state=PairState.ACTIVE)),
        completed=Count("pk", filter=Q(state=PairState.COMPLETED)),
    )
    return {
        "requests_open": requests.filter(state=RequestState.OPEN).count(),
        "pairs_active": pair_counts["active"],
        "pairs_completed": pair_counts["completed"],
        "meetings_held": meetings.count(),
    }
