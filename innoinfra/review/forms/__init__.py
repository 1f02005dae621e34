"""Forms of the review pages. They live in:

- `calls`: a call's settings, timetable, documents and messages to its applicants;
- `applications`: the applicant's form and passport, the depersonalised copy, files, the methodist's remarks,
  extension and assignment of an expert;
- `experts`: the expert's scores and conclusion, a declared conflict of interest, a reason;
- `rubrics`: a rubric and its criteria;
- `_common`: the documents one may upload, a formset read as plain rows.
"""

from .applications import (
    ApplicationForm,
    AssignForm,
    BlindCopyForm,
    ExtensionForm,
    FileForm,
    PassportFieldsMixin,
    RemarksForm,
)
from .calls import CallDocumentForm, CallForm, OutboxForm, StageForm, StageFormSet, experts_of
from .experts import ConflictForm, ReasonForm, ReviewForm
from .rubrics import CriterionForm, CriterionFormSet, LevelsField, RubricForm

__all__ = [
    "ApplicationForm",
    "AssignForm",
    "BlindCopyForm",
    "CallDocumentForm",
    "CallForm",
    "ConflictForm",
    "CriterionForm",
    "CriterionFormSet",
    "ExtensionForm",
    "FileForm",
    "LevelsField",
    "OutboxForm",
    "PassportFieldsMixin",
    "ReasonForm",
    "RemarksForm",
    "ReviewForm",
    "RubricForm",
    "StageForm",
    "StageFormSet",
    "experts_of",
]
