"""Shapes of calls, applications, assignments, reviews and rankings in the API.

What a person reads of an application, and of its reviews, is decided in visibility.py, as for the pages: the
application page's readers (its applicant, the call's staff) read it whole; anyone else who reaches it — an assigned
expert — reads what the expert's page shows, which for a blind call is the depersonalised copy: no organization,
no people, no file names. Reads come from the querysets of the `api` package (rows are joined or prefetched there).

The serializers live in:

- `calls`: a call with its stages, documents and criteria;
- `applications`: an application as a row and as its page shows it, the bodies of the applicant's actions;
- `assignments`: an expert's assignment as the desk shows it;
- `reviews`: a review with its scores, colleagues' and the applicant's anonymised view of reviews, the expert's input;
- `rankings`: a call's ranking as data;
- `_common`: the request's user and absolute addresses, for all of them.
"""

from .applications import (
    ApplicationDetailSerializer,
    ApplicationSerializer,
    AssignExpertsSerializer,
    BlindCopySerializer,
    EventSerializer,
    FileEntrySerializer,
    PartnerSerializer,
    PassportEntrySerializer,
    ReasonSerializer,
    RecommendationSerializer,
    RefusalSerializer,
    RemarksSerializer,
)
from .assignments import AssignmentSerializer, ConflictDeclarationSerializer
from .calls import (
    CallDetailSerializer,
    CallDocumentSerializer,
    CallSerializer,
    CriterionSerializer,
    NamedSerializer,
    StageSerializer,
)
from .rankings import (
    POINTS,
    CriterionMeanSerializer,
    RankingCriterionSerializer,
    RankingRowSerializer,
    RankingSerializer,
)
from .reviews import (
    AnonymousReviewSerializer,
    ApplicantReviewSerializer,
    ReviewCreateSerializer,
    ReviewDetailSerializer,
    ReviewInputSerializer,
    ReviewSerializer,
    ScoreInputSerializer,
    ScoreSerializer,
    may_score,
)

__all__ = [
    "POINTS",
    "AnonymousReviewSerializer",
    "ApplicantReviewSerializer",
    "ApplicationDetailSerializer",
    "ApplicationSerializer",
    "AssignExpertsSerializer",
    "AssignmentSerializer",
    "BlindCopySerializer",
    "CallDetailSerializer",
    "CallDocumentSerializer",
    "CallSerializer",
    "ConflictDeclarationSerializer",
    "CriterionMeanSerializer",
    "CriterionSerializer",
    "EventSerializer",
    "FileEntrySerializer",
    "NamedSerializer",
    "PartnerSerializer",
    "PassportEntrySerializer",
    "RankingCriterionSerializer",
    "RankingRowSerializer",
    "RankingSerializer",
    "ReasonSerializer",
    "RecommendationSerializer",
    "RefusalSerializer",
    "RemarksSerializer",
    "ReviewCreateSerializer",
    "ReviewDetailSerializer",
    "ReviewInputSerializer",
    "ReviewSerializer",
    "ScoreInputSerializer",
    "ScoreSerializer",
    "StageSerializer",
    "may_score",
]
