"""Every URL of the project, opened by an anonymous visitor and by each persona.

A new URL that is not classified in ACCESS fails `test_every_url_is_classified`, so nobody can add a
view and forget who may open it. Not walked here:
- /admin/ — Django's admin has its own staff check (is_staff) and its own tests upstream;
- /media/ and static files — file serving, no application logic;
- /api/v1/ — the REST API router; permissions of every endpoint are covered by the API tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from innoinfra.accounts.enums import BodyPosition, Role
from innoinfra.accounts.models import Membership
from innoinfra.core.models import Notification, OutgoingMail
from innoinfra.council import services as council_services
from innoinfra.council.enums import AgendaKind
from innoinfra.effectiveness.models import CriteriaSet, Criterion
from innoinfra.events import services as events_services
from innoinfra.events.certificates import services as certificates
from innoinfra.events.courses import services as courses
from innoinfra.events.models import Certificate, CertificateBatch
from innoinfra.plans.models import Evidence
from innoinfra.practices import file_services as practice_file_services
from innoinfra.translator.models import Comment, CommentState

from .approbation.factories import make_approbation
from .communities.factories import add_member, checklist, make_community, make_post
from .conftest import ROLE_FIXTURES
from .consultations.factories import make_consultation, make_hour
from .events.course_factories import held_course, pdf_upload
from .events.factories import make_event, sign_up
from .factories import DirectionFactory, MembershipFactory, OrganizationFactory, UserFactory, make_site
from .legal.factories import make_document
from .mentoring.factories import make_offer, make_pair, make_request
from .plans.factories import make_plan
from .practice_collections.factories import make_collection
from .practices.factories import make_practice
from .publications.factories import make_publication
from .reports.factories import report_world
from .review.factories import review_world

pytestmark = pytest.mark.django_db

SKIPPED_PREFIXES = ("admin/", "media/", "static/", "api/v1/")

PUBLIC = "public"  # anyone, anonymous included: 200
LOGGED_IN = "logged_in"  # anyone logged in: 200; anonymous: to the login page
ANYONE_MAY_POST = "anyone_may_post"  # an action anybody may call (logout)

# Who may open staff pages. The world's objects belong to Amursky, where Лариса and Наталья work.
STAFF = frozenset({"methodist", "authority", "other_methodist", "admin_user"})  # any registry staff
AMURSKY_STAFF = frozenset({"methodist", "authority", "admin_user"})  # staff whose territory holds the object
INSTALLATION_ADMIN = frozenset({"admin_user"})
PLAN_AUTHORS = STAFF | {"orgadmin"}
COUNCIL_READERS = AMURSKY_STAFF | {"expert"}  # staff of the territory and the council's members
NOBODY: frozenset[str] = frozenset()  # staff and school administrators write plans
EVENT_ORGANIZERS = STAFF | {"orgadmin"}  # may announce events (staff for their territory, a school for itself)
EVENT_RUNNERS = AMURSKY_STAFF | {"orgadmin"}  # the world's event is organized by the orgadmin's school in Amursky
PRACTICE_AUTHORS = STAFF | {"orgadmin", "teacher"}  # people of a school enter its practices, staff their territory's
PRACTICE_KEEPERS = AMURSKY_STAFF | {"orgadmin", "teacher"}  # the author, the head of the school, staff
# Марина (moderator) moderates the data bank of Amursky (practices and comments) and may open nothing else of staff's
DATA_BANK_MODERATORS = STAFF | {"moderator"}
APPROBATION_KEEPERS = AMURSKY_STAFF | {"orgadmin"}  # the site's territory staff and the head of its organization
COMMUNITY_MEMBERS = frozenset({"methodist", "teacher", "admin_user"})  # the world community's members (+ superuser)


@dataclass(frozen=True)
class Rule:
    who: str | frozenset[str]
    method: str = "GET"
    ok: tuple[int, ...] = (200,)  # what an allowed GET answers
    # The page is public for some objects (an approved plan) and hidden for others: a visitor who may not see
    # this one gets 404, not the login page.
    hides: bool = False


ACCESS: dict[str, Rule] = {
    # public pages
    "home": Rule(PUBLIC),
    "healthz": Rule(PUBLIC),
    "favicon": Rule(PUBLIC),
    "manifest": Rule(PUBLIC),
    "low_vision": Rule(ANYONE_MAY_POST, method="POST"),  # the visitor's own display settings, kept in a cookie
    "registry:sites": Rule(PUBLIC),
    "portal:site": Rule(PUBLIC),
    "registry:organizations": Rule(PUBLIC),
    "portal:organization": Rule(PUBLIC),
    "portal:organization_embed": Rule(PUBLIC),
    "portal:organization_feed": Rule(PUBLIC),
    "registry:orders": Rule(PUBLIC),
    "registry:order": Rule(PUBLIC),
    "registry:order_file": Rule(PUBLIC),  # orders are public acts; their files go through the view all the same
    "registry:map": Rule(PUBLIC),
    "registry:map_data": Rule(PUBLIC),
    "registry:map_matrix": Rule(PUBLIC),
    "login": Rule(PUBLIC),
    "password_reset": Rule(PUBLIC),
    "password_reset_done": Rule(PUBLIC),
    "password_reset_confirm": Rule(PUBLIC),  # a wrong link shows «ссылка недействительна», 200
    "password_reset_complete": Rule(PUBLIC),
    # single sign-on (accounts/oidc.py) is off in tests: its URLs answer 404; on, both redirect (to the provider, home)
    "oidc_authentication_init": Rule(PUBLIC, ok=(404,)),
    "oidc_authentication_callback": Rule(PUBLIC, ok=(404,)),
    # one's own account
    "accounts:profile": Rule(LOGGED_IN),
    "password_change": Rule(LOGGED_IN),
    "password_change_done": Rule(LOGGED_IN),
    "logout": Rule(ANYONE_MAY_POST, method="POST"),
    # registry staff, any territory
    "registry:site_create": Rule(STAFF),
    "registry:organization_create": Rule(STAFF),
    "registry:order_create": Rule(STAFF),
    "registry:organization_import": Rule(STAFF),
    "registry:organization_import_preview": Rule(STAFF, ok=(302,)),  # nothing uploaded yet: back to the upload
    "registry:organization_import_template": Rule(STAFF),
    "registry:catalogues": Rule(STAFF),
    "registry:catalogue_create": Rule(STAFF),
    "registry:catalogue_edit": Rule(STAFF),
    "registry:history": Rule(STAFF),
    "accounts:users": Rule(STAFF),
    "accounts:user_create": Rule(STAFF),
    # registry staff of the object's territory (Вера of Vyselki gets 403 or 404)
    "registry:site_edit": Rule(AMURSKY_STAFF),
    "registry:site_state": Rule(AMURSKY_STAFF),
    "registry:organization_edit": Rule(AMURSKY_STAFF),
    "registry:order_edit": Rule(AMURSKY_STAFF),
    # members and agreements of a complex: its territory's staff and the head of its lead organization (Ирина)
    "registry:site_network": Rule(AMURSKY_STAFF | {"orgadmin"}),
    "registry:member_create": Rule(AMURSKY_STAFF | {"orgadmin"}),
    "registry:member_edit": Rule(AMURSKY_STAFF | {"orgadmin"}),
    "registry:member_delete": Rule(AMURSKY_STAFF | {"orgadmin"}, method="POST"),
    "registry:agreement_create": Rule(AMURSKY_STAFF | {"orgadmin"}),
    "registry:agreement_edit": Rule(AMURSKY_STAFF | {"orgadmin"}),
    "registry:agreement_delete": Rule(AMURSKY_STAFF | {"orgadmin"}, method="POST"),
    "registry:agreement_file": Rule(AMURSKY_STAFF | {"orgadmin"}, hides=True),  # the parties' heads, not everyone
    "registry:agreements": Rule(STAFF),
    "accounts:user": Rule(AMURSKY_STAFF),
    "accounts:user_edit": Rule(AMURSKY_STAFF),
    "accounts:user_set_active": Rule(AMURSKY_STAFF, method="POST"),
    "accounts:user_send_link": Rule(AMURSKY_STAFF, method="POST"),
    "accounts:membership_add": Rule(AMURSKY_STAFF, method="POST"),
    "accounts:membership_end": Rule(AMURSKY_STAFF, method="POST"),
    "accounts:membership_remove": Rule(AMURSKY_STAFF, method="POST"),
    # the whole installation
    "settings": Rule(INSTALLATION_ADMIN),
    "mail": Rule(INSTALLATION_ADMIN),
    "mail-resend": Rule(INSTALLATION_ADMIN, method="POST"),
    # plans: the world's plan is a draft of Amursky's education authority
    "plans:list": Rule(PUBLIC),
    "plans:create": Rule(PLAN_AUTHORS),
    "plans:import": Rule(PLAN_AUTHORS),
    "plans:import_preview": Rule(PLAN_AUTHORS, ok=(302,)),  # nothing uploaded yet: back to the upload
    "plans:dashboard": Rule(PLAN_AUTHORS),
    "plans:dashboard_plans": Rule(PLAN_AUTHORS),  # the dashboard's plan filter, as JSON
    "plans:detail": Rule(AMURSKY_STAFF, hides=True),
    "plans:export_docx": Rule(AMURSKY_STAFF, hides=True),
    "plans:export_xlsx": Rule(AMURSKY_STAFF, hides=True),
    "plans:report_docx": Rule(AMURSKY_STAFF, hides=True),
    "plans:report_xlsx": Rule(AMURSKY_STAFF, hides=True),
    "plans:table": Rule(AMURSKY_STAFF),
    "plans:edit": Rule(AMURSKY_STAFF),
    "plans:section_add": Rule(AMURSKY_STAFF),
    "plans:section_edit": Rule(AMURSKY_STAFF),
    "plans:item_add": Rule(AMURSKY_STAFF),
    "plans:item_edit": Rule(AMURSKY_STAFF),
    "plans:item_dates": Rule(AMURSKY_STAFF),
    "plans:occurrence": Rule(AMURSKY_STAFF),
    "plans:evidence_file": Rule(AMURSKY_STAFF, hides=True),  # evidence of the draft plan: for its staff
    "plans:state": Rule(AMURSKY_STAFF, method="POST"),
    "plans:copy": Rule(AMURSKY_STAFF, method="POST"),
    "plans:delete": Rule(AMURSKY_STAFF, method="POST"),
    "plans:section_delete": Rule(AMURSKY_STAFF, method="POST"),
    "plans:section_move": Rule(AMURSKY_STAFF, method="POST"),
    "plans:section_reorder": Rule(AMURSKY_STAFF, method="POST"),
    "plans:item_delete": Rule(AMURSKY_STAFF, method="POST"),
    "plans:item_move": Rule(AMURSKY_STAFF, method="POST"),
    "plans:occurrence_done": Rule(AMURSKY_STAFF, method="POST"),
    "plans:calendar": Rule(LOGGED_IN),
    # calendar feeds open with their private token only; the walk knows none, so everybody gets 404
    "plans:plan-ics": Rule(NOBODY, hides=True),
    "plans:organization-ics": Rule(NOBODY, hides=True),
    "plans:plan-ics-reset": Rule(AMURSKY_STAFF, method="POST"),
    "plans:organization-ics-reset": Rule(AMURSKY_STAFF | {"orgadmin"}, method="POST"),
    # calls and expert review: the world's call is Amursky's, published, in its applications stage; its
    # application is a draft of the school (the orgadmin applies), assigned to an outside expert with a review
    "review:call_list": Rule(PUBLIC),
    "review:call": Rule(PUBLIC),
    "review:call_create": Rule(STAFF),
    "review:call_edit": Rule(AMURSKY_STAFF),
    "review:call_stages": Rule(AMURSKY_STAFF),
    "review:call_applications": Rule(AMURSKY_STAFF),
    "review:outbox": Rule(AMURSKY_STAFF),
    "review:ranking": Rule(AMURSKY_STAFF),
    "review:progress": Rule(AMURSKY_STAFF),
    "review:ranking_xlsx": Rule(AMURSKY_STAFF),
    "review:matrix_xlsx": Rule(AMURSKY_STAFF),
    "review:call_copy": Rule(AMURSKY_STAFF, method="POST"),
    "review:call_publish": Rule(AMURSKY_STAFF, method="POST"),
    "review:call_release": Rule(AMURSKY_STAFF, method="POST"),
    "review:auto_assign": Rule(AMURSKY_STAFF, method="POST"),
    "review:document_add": Rule(AMURSKY_STAFF, method="POST"),
    "review:document": Rule(PUBLIC),  # a document of the published call
    "review:document_delete": Rule(AMURSKY_STAFF, method="POST"),
    # the superuser passes every permission check; the form then offers no organization of theirs
    "review:apply": Rule(frozenset({"orgadmin", "admin_user"})),
    "review:my_applications": Rule(LOGGED_IN),
    "review:application": Rule(AMURSKY_STAFF | {"orgadmin"}, hides=True),
    "review:application_edit": Rule(frozenset({"orgadmin", "admin_user"})),
    "review:blind_copy": Rule(AMURSKY_STAFF),
    "review:summary_docx": Rule(AMURSKY_STAFF, hides=True),
    # the application to sign and stamp, for those who see the application; the PDF goes through LibreOffice
    "review:application_docx": Rule(AMURSKY_STAFF | {"orgadmin"}, hides=True),
    "review:application_pdf": Rule(AMURSKY_STAFF | {"orgadmin"}, hides=True),
    "review:file": Rule(AMURSKY_STAFF | {"orgadmin"}, hides=True),
    "review:application_action": Rule(AMURSKY_STAFF, method="POST"),  # «check»: the methodist's action
    "review:file_add": Rule(AMURSKY_STAFF | {"orgadmin"}, method="POST"),
    "review:assign": Rule(AMURSKY_STAFF, method="POST"),
    "review:unassign": Rule(AMURSKY_STAFF, method="POST"),
    "review:reopen_review": Rule(AMURSKY_STAFF, method="POST"),
    "review:rubrics": Rule(STAFF),
    "review:rubric": Rule(STAFF),
    "review:rubric_edit": Rule(STAFF, ok=(302,)),  # the world's rubric has scores: back to its page
    "review:rubric_copy": Rule(STAFF, method="POST"),
    "review:desk": Rule(LOGGED_IN),
    "review:conflicts": Rule(frozenset({"expert"})),
    "review:assignment": Rule(AMURSKY_STAFF, hides=True),  # and the assigned expert, who is not a persona
    "review:review_docx": Rule(AMURSKY_STAFF, hides=True),
    "review:respond": Rule(NOBODY, method="POST"),  # only the assigned expert answers
    # the council: the world's body is Amursky's expert council, Олег (expert) an ordinary member; its chair and
    # secretary are no personas (tests/council/test_access.py walks the council with them too)
    "council:bodies": Rule(LOGGED_IN),
    "council:meetings": Rule(LOGGED_IN),
    "council:body_create": Rule(STAFF),
    "council:body": Rule(COUNCIL_READERS, hides=True),
    "council:body_edit": Rule(AMURSKY_STAFF),
    "council:member_add": Rule(AMURSKY_STAFF, method="POST"),
    "council:member_end": Rule(AMURSKY_STAFF, method="POST"),
    "council:meeting_create": Rule(AMURSKY_STAFF),
    "council:meeting": Rule(COUNCIL_READERS, hides=True),
    "council:meeting_edit": Rule(AMURSKY_STAFF),
    "council:meeting_state": Rule(AMURSKY_STAFF),
    "council:protocol_sign": Rule(AMURSKY_STAFF),
    "council:attendance": Rule(COUNCIL_READERS),
    "council:item_add": Rule(AMURSKY_STAFF),
    "council:item_edit": Rule(AMURSKY_STAFF),
    "council:item_delete": Rule(AMURSKY_STAFF, method="POST"),
    "council:decision": Rule(AMURSKY_STAFF),
    "council:votes": Rule(AMURSKY_STAFF, ok=(302,)),  # no decision on the item yet: back to the meeting
    "council:protocol_docx": Rule(COUNCIL_READERS, hides=True),
    "council:order_docx": Rule(AMURSKY_STAFF, ok=(302,)),  # no decision to order yet: back to the meeting
    "council:order_issue": Rule(AMURSKY_STAFF),
    # events: the world's event is published, organized by the school; the participant's link needs its token
    "events:list": Rule(PUBLIC),
    "events:month": Rule(PUBLIC),
    "events:organizers": Rule(PUBLIC),  # the organizer filter's options, as JSON
    "registry:municipality_options": Rule(PUBLIC),  # a long municipality select's options, as JSON
    "events:ics": Rule(PUBLIC),
    "events:detail": Rule(PUBLIC),
    "events:manage": Rule(EVENT_ORGANIZERS),
    "events:mine": Rule(LOGGED_IN),  # «Мои мероприятия и сертификаты»: anyone's own registrations
    # a school's head registers its staff, staff of a territory its schools' staff (the world's event is published)
    "events:staff": Rule(STAFF | {"orgadmin"}),
    "events:group_register": Rule(STAFF | {"orgadmin"}),
    "events:create": Rule(EVENT_ORGANIZERS),
    "events:edit": Rule(EVENT_RUNNERS),
    "events:participants": Rule(EVENT_RUNNERS),
    "events:participants_xlsx": Rule(EVENT_RUNNERS),
    "events:state": Rule(EVENT_RUNNERS, method="POST"),
    "events:attendance": Rule(EVENT_RUNNERS, method="POST"),
    "events:registration_action": Rule(EVENT_RUNNERS, method="POST"),
    "events:unregister": Rule(LOGGED_IN, method="POST"),  # not registered: back to the event with a message
    "events:certificates": Rule(EVENT_RUNNERS),
    "events:certificates_preview": Rule(EVENT_RUNNERS),
    "events:certificates_batch": Rule(EVENT_RUNNERS),
    "events:certificates_issue": Rule(EVENT_RUNNERS, method="POST"),
    "events:certificates_batch_restart": Rule(EVENT_RUNNERS, method="POST"),
    "events:certificates_people": Rule(EVENT_RUNNERS, method="POST"),
    "events:certificates_template": Rule(EVENT_RUNNERS, method="POST"),
    "events:certificate_revoke": Rule(EVENT_RUNNERS, method="POST"),
    "events:certificate_templates": Rule(EVENT_ORGANIZERS),
    "events:certificate_template_create": Rule(EVENT_ORGANIZERS),
    "events:certificate_template_edit": Rule(EVENT_RUNNERS),  # the world's template is the school's
    # anyone checks a certificate by its number
    "certificates:check": Rule(PUBLIC),
    "certificates:verify": Rule(PUBLIC),
    "certificates:download": Rule(PUBLIC),
    "events:participant": Rule(NOBODY, hides=True),
    "events:participant_cancel": Rule(NOBODY, method="POST", hides=True),
    # the programme, the materials (the world's material is a file for participants only: whoever is not
    # seated or running the event learns nothing of it) and the feedback
    "events:programme": Rule(EVENT_RUNNERS),
    "events:session_edit": Rule(EVENT_RUNNERS),
    "events:session_delete": Rule(EVENT_RUNNERS, method="POST"),
    "events:materials": Rule(EVENT_RUNNERS),
    "events:material": Rule(EVENT_RUNNERS, hides=True),
    "events:material_delete": Rule(EVENT_RUNNERS, method="POST"),
    "events:feedback": Rule(EVENT_RUNNERS),
    "events:feedback_open": Rule(EVENT_RUNNERS, method="POST"),
    "events:participant_feedback": Rule(NOBODY, method="POST", hides=True),
    "events:participant_material": Rule(NOBODY, hides=True),
    # the check-in page of a QR code: the walk's code is no registration's (404); the anonymous log in first
    "events:checkin": Rule(NOBODY, hides=True),
    # courses: the world's course is held by the school, with a passed participant and his удостоверение
    "events:course": Rule(EVENT_RUNNERS),
    "events:course_module_delete": Rule(EVENT_RUNNERS, method="POST"),  # a held course: refused with a message
    "events:course_programme_file": Rule(PUBLIC),
    "events:course_assessment": Rule(EVENT_RUNNERS),
    "events:course_issue": Rule(EVENT_RUNNERS, method="POST"),
    "events:training_register": Rule(EVENT_ORGANIZERS),  # each sees the удостоверения of what they run
    "events:training_register_xlsx": Rule(EVENT_ORGANIZERS),
    "events:training_certificate_pdf": Rule(EVENT_RUNNERS, hides=True),  # and its holder
    # the bank of normative documents: the world's document is federal, so any staff member keeps it
    "legal:documents": Rule(PUBLIC),
    "legal:document": Rule(PUBLIC),
    "legal:document_file": Rule(PUBLIC),
    "legal:document_create": Rule(STAFF),
    "legal:document_edit": Rule(STAFF),
    # approbations of the world's site (the orgadmin's and the teacher's school): kept by the territory's staff and the
    # head of the school, read by the school's people too; nobody else learns they exist
    "approbation:list": Rule(STAFF),
    "approbation:create": Rule(APPROBATION_KEEPERS),
    "approbation:detail": Rule(APPROBATION_KEEPERS | {"teacher"}, hides=True),
    "approbation:edit": Rule(APPROBATION_KEEPERS, hides=True),
    "approbation:programme_file": Rule(APPROBATION_KEEPERS | {"teacher"}, hides=True),
    # not concluded yet: back to the approbation with a message
    "approbation:conclusion_docx": Rule(APPROBATION_KEEPERS | {"teacher"}, ok=(302,), hides=True),
    "approbation:conclude": Rule(APPROBATION_KEEPERS, ok=(409,), hides=True),  # a planned one cannot be concluded
    "approbation:stage_add": Rule(APPROBATION_KEEPERS, method="POST"),  # nothing sent: the form again, 400
    "approbation:result_add": Rule(APPROBATION_KEEPERS, method="POST"),
    "approbation:start": Rule(APPROBATION_KEEPERS, method="POST"),
    "consultations:list": Rule(LOGGED_IN),  # each sees their part of the log (tests/consultations)
    "consultations:create": Rule(PLAN_AUTHORS),  # staff, and a school's head for the school
    "consultations:detail": Rule(AMURSKY_STAFF | {"orgadmin", "teacher"}, hides=True),
    "consultations:edit": Rule(AMURSKY_STAFF | {"orgadmin"}),
    "consultations:delete": Rule(AMURSKY_STAFF | {"orgadmin"}, method="POST"),
    "consultations:hours": Rule(STAFF | {"orgadmin", "teacher"}),
    "consultations:hour_offer": Rule(STAFF, method="POST"),  # nothing sent: back with a message
    "consultations:hour_book": Rule(frozenset({"orgadmin", "teacher", "admin_user"}), method="POST"),
    "consultations:hour_unbook": Rule(AMURSKY_STAFF, method="POST"),  # nobody booked: refused with a message
    "consultations:hour_cancel": Rule(AMURSKY_STAFF, method="POST"),
    "consultations:hour_held": Rule(AMURSKY_STAFF, method="POST"),
    "passports:detail": Rule(PUBLIC),
    "passports:docx": Rule(PUBLIC),  # contacts only for staff and editors
    "passports:edit": Rule(AMURSKY_STAFF | {"orgadmin"}),  # the head of the site's school, staff of its territory
    "passports:history": Rule(STAFF | {"orgadmin"}),  # editors and registry staff: the history names people
    "passports:compare": Rule(STAFF | {"orgadmin"}, ok=(302,)),  # no versions chosen: back to the history
    "publications:list": Rule(PUBLIC),
    "publications:rss": Rule(PUBLIC),
    "publications:atom": Rule(PUBLIC),
    "publications:detail": Rule(PUBLIC),
    "publications:file": Rule(PUBLIC),  # publications are public; their files go through the view all the same
    "publications:create": Rule(PRACTICE_AUTHORS),  # staff, and the people of a school for the school
    "publications:edit": Rule(PRACTICE_KEEPERS),  # who entered it (Пётр), the head of the school, staff of Amursky
    "publications:delete": Rule(PRACTICE_KEEPERS, method="POST"),
    # the data bank of practice: the world's practice is a draft of the teacher at the orgadmin's school; staff of
    # its territory and its data-bank moderator moderate, but a draft is none of the moderator's business yet
    "practices:list": Rule(PUBLIC),
    "practices:mine": Rule(LOGGED_IN),
    "practices:moderation": Rule(DATA_BANK_MODERATORS),
    "practices:create": Rule(PRACTICE_AUTHORS),
    "practices:detail": Rule(PRACTICE_KEEPERS, hides=True),
    "practices:edit": Rule(PRACTICE_KEEPERS),
    "practices:submit": Rule(PRACTICE_KEEPERS, method="POST"),
    "practices:withdraw": Rule(PRACTICE_KEEPERS, method="POST"),  # a draft: refused with a message
    "practices:publish": Rule(AMURSKY_STAFF, method="POST"),
    "practices:return": Rule(AMURSKY_STAFF, method="POST"),
    "practices:reject": Rule(AMURSKY_STAFF, method="POST"),
    "practices:send_to_expertise": Rule(AMURSKY_STAFF, method="POST"),  # a draft: refused with a message
    "practices:revise": Rule(PRACTICE_KEEPERS, method="POST"),  # not published: refused with a message
    "practices:version": Rule(NOBODY, hides=True),  # a draft has no editions (tests/practices/test_versions.py)
    # materials of the world's (draft) practice: its keepers manage them; a draft's file is nobody else's to download
    "practices:files": Rule(PRACTICE_KEEPERS),
    "practices:file_download": Rule(PRACTICE_KEEPERS, hides=True),
    "practices:file_replace": Rule(PRACTICE_KEEPERS, method="POST"),  # nothing sent: back with a message
    "practices:file_delete": Rule(PRACTICE_KEEPERS, method="POST"),
    # collections of best practice: the world's collection is an Amursky draft; staff of Amursky compile it
    "practice_collections:list": Rule(PUBLIC),
    "practice_collections:create": Rule(STAFF),
    "practice_collections:detail": Rule(AMURSKY_STAFF, hides=True),
    "practice_collections:edit": Rule(AMURSKY_STAFF),
    "practice_collections:add": Rule(AMURSKY_STAFF, method="POST"),
    "practice_collections:publish": Rule(AMURSKY_STAFF, method="POST"),
    "practice_collections:build": Rule(AMURSKY_STAFF, method="POST"),
    "practice_collections:entry_move": Rule(AMURSKY_STAFF, method="POST"),
    "practice_collections:entry_remove": Rule(AMURSKY_STAFF, method="POST"),
    "practice_collections:build_progress": Rule(AMURSKY_STAFF),
    "practice_collections:build_download": Rule(AMURSKY_STAFF, hides=True),
    # the network translator: the world's practice is a draft (rating and commenting it are refused with a message),
    # the teacher entered it (never rates it), its one comment is published; staff of Amursky moderate
    "translator:moderation": Rule(DATA_BANK_MODERATORS),
    "translator:rate": Rule(PRACTICE_KEEPERS - {"teacher"}, method="POST"),
    "translator:comment": Rule(PRACTICE_KEEPERS, method="POST"),
    "translator:answer": Rule(frozenset({"teacher", "orgadmin", "admin_user"}), method="POST"),
    "translator:report": Rule(PRACTICE_KEEPERS, method="POST"),
    # the moderator moderates comments of submitted and published practices only: the world's draft is hidden
    "translator:publish": Rule(AMURSKY_STAFF, method="POST"),
    "translator:hide": Rule(AMURSKY_STAFF, method="POST"),
    # mentoring: the world's requests are the school's (Ирина heads it), its mentor an Amursky organization no persona
    # administers; a pair is the business of its two sides and of staff; accepting mentors are public
    "mentoring:index": Rule(LOGGED_IN),
    "mentoring:requests": Rule(LOGGED_IN),
    "mentoring:pairs": Rule(LOGGED_IN),
    "mentoring:offers": Rule(PUBLIC),
    "mentoring:offer": Rule(PUBLIC),
    "mentoring:request_create": Rule(STAFF | {"orgadmin"}),
    "mentoring:offer_create": Rule(STAFF | {"orgadmin"}),
    "mentoring:offer_edit": Rule(AMURSKY_STAFF),
    "mentoring:request": Rule(AMURSKY_STAFF | {"orgadmin"}),
    "mentoring:request_withdraw": Rule(AMURSKY_STAFF | {"orgadmin"}, method="POST"),
    "mentoring:request_match": Rule(AMURSKY_STAFF, method="POST"),
    "mentoring:pair": Rule(AMURSKY_STAFF | {"orgadmin"}),
    "mentoring:meeting_add": Rule(AMURSKY_STAFF | {"orgadmin"}, method="POST"),
    "mentoring:pair_close": Rule(AMURSKY_STAFF | {"orgadmin"}, method="POST"),
    # network communities: the world's community is open, of Amursky, created (so moderated) by Лариса, Пётр its
    # member and the author of its discussion and material; a closed community holds a request to approve; joining
    # and leaving are tried on another open community (anyone logged in may try: a refusal is a message)
    "communities:list": Rule(PUBLIC),
    "communities:detail": Rule(PUBLIC),
    "communities:post": Rule(PUBLIC),
    "communities:material": Rule(PUBLIC),
    "communities:mine": Rule(LOGGED_IN),
    "communities:members": Rule(LOGGED_IN),
    "communities:create": Rule(STAFF | {"orgadmin"}),
    "communities:edit": Rule(AMURSKY_STAFF),
    "communities:post_create": Rule(COMMUNITY_MEMBERS),
    "communities:join": Rule(LOGGED_IN, method="POST"),
    "communities:leave": Rule(LOGGED_IN, method="POST"),
    "communities:digest": Rule(COMMUNITY_MEMBERS, method="POST"),
    "communities:reply": Rule(COMMUNITY_MEMBERS, method="POST"),
    "communities:post_hide": Rule(AMURSKY_STAFF, method="POST"),
    "communities:post_pin": Rule(AMURSKY_STAFF, method="POST"),
    "communities:reply_hide": Rule(AMURSKY_STAFF, method="POST"),
    "communities:member_approve": Rule(AMURSKY_STAFF, method="POST"),
    "communities:member_remove": Rule(AMURSKY_STAFF, method="POST"),
    "communities:member_role": Rule(AMURSKY_STAFF, method="POST"),
    "communities:material_promote": Rule(AMURSKY_STAFF | {"teacher"}, method="POST"),
    # reports: the world's campaign is Amursky's and open; its one report is the school's site's, a draft with a file
    "reports:index": Rule(LOGGED_IN),
    "reports:mine": Rule(LOGGED_IN),
    "reports:campaign_create": Rule(STAFF),
    "reports:campaign": Rule(AMURSKY_STAFF),
    "reports:campaign_edit": Rule(AMURSKY_STAFF),
    "reports:campaign_xlsx": Rule(AMURSKY_STAFF),
    "reports:form_builder": Rule(AMURSKY_STAFF),
    "reports:item_edit": Rule(AMURSKY_STAFF),
    "reports:campaign_state": Rule(AMURSKY_STAFF, method="POST"),
    "reports:item_delete": Rule(AMURSKY_STAFF, method="POST"),  # collecting has begun: refused with a message
    "reports:item_move": Rule(AMURSKY_STAFF, method="POST"),
    "reports:report": Rule(AMURSKY_STAFF | {"orgadmin"}, hides=True),
    "reports:report_docx": Rule(AMURSKY_STAFF | {"orgadmin"}, hides=True),
    "reports:answer_file": Rule(AMURSKY_STAFF | {"orgadmin"}, hides=True),
    "reports:report_fill": Rule(frozenset({"orgadmin", "admin_user"}), hides=True),  # curators read, never fill
    "reports:report_prefill": Rule(frozenset({"orgadmin", "admin_user"}), method="POST"),
    "reports:report_accept": Rule(AMURSKY_STAFF, method="POST"),  # a draft: refused with a message
    "reports:report_return": Rule(AMURSKY_STAFF, method="POST"),
    "reports:report_agenda": Rule(AMURSKY_STAFF, method="POST"),
    # monitoring: staff of any territory, each seeing their own territory's figures (tests/monitoring)
    "monitoring:index": Rule(STAFF),
    "monitoring:applications": Rule(STAFF),
    "monitoring:plans": Rule(STAFF),
    "monitoring:events": Rule(STAFF),
    "monitoring:deficits": Rule(STAFF),
    "monitoring:table_xlsx": Rule(STAFF),
    "monitoring:report": Rule(STAFF, ok=(302,)),  # the old address: to the button that builds it in the background
    # the search of the whole system
    "search": Rule(PUBLIC),
    # criteria of effectiveness: staff read scores; the world's criteria are Amursky's
    "effectiveness:scores": Rule(STAFF),
    "effectiveness:scores_xlsx": Rule(STAFF),
    "effectiveness:sets": Rule(STAFF),
    "effectiveness:set_create": Rule(STAFF),
    "effectiveness:set": Rule(AMURSKY_STAFF),
    "effectiveness:new_edition": Rule(AMURSKY_STAFF, method="POST"),
    "effectiveness:criterion_edit": Rule(AMURSKY_STAFF, method="POST"),
    "effectiveness:criterion_delete": Rule(AMURSKY_STAFF, method="POST"),
    # one's own notifications (the world's notification is the teacher's)
    "notifications:list": Rule(LOGGED_IN),
    "notifications:read": Rule(frozenset({"teacher"}), method="POST"),
    "notifications:read-all": Rule(LOGGED_IN, method="POST"),
    # background exports: anyone signed in has the list of their own; a job and its file are its requester's
    # (Лариса's in the world) and the administrators'; others get 404
    "exports:list": Rule(LOGGED_IN),
    "exports:start": Rule(STAFF, method="POST"),
    "exports:job": Rule(frozenset({"methodist", "admin_user"})),
    "exports:download": Rule(frozenset({"methodist", "admin_user"})),
}


def _walk(resolver: URLResolver, prefix: str = "", namespace: str = ""):
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry, route, ns)
        elif isinstance(entry, URLPattern):
            yield route, f"{namespace}{entry.name}" if entry.name else route


def project_urls() -> dict[str, str]:
    """url name (or route, if unnamed) → route; the first of two equal routes wins, as in Django."""
    found: dict[str, str] = {}
    seen_routes: set[str] = set()
    for route, key in _walk(get_resolver()):
        if route.startswith(SKIPPED_PREFIXES) or route in seen_routes:
            continue
        seen_routes.add(route)
        found.setdefault(key, route)
    return found


def test_every_url_is_classified():
    urls = project_urls()
    unclassified = sorted(set(urls) - set(ACCESS))
    assert not unclassified, f"say who may open these URLs in ACCESS of {__name__}: {unclassified}"
    stale = sorted(set(ACCESS) - set(urls))
    assert not stale, f"these URLs no longer exist, remove them from ACCESS: {stale}"


@pytest.fixture
def world(school, teacher, amursky, expert, methodist):
    """One of everything, all in Amursky; the teacher is the account the user pages are opened on."""
    site = make_site(organization=school, directions=[DirectionFactory()])
    plan = make_plan(amursky, items=[("Семинар", "октябрь"), ("Круглый стол", "май")])
    doomed = make_plan(amursky, title="План, который удалят")
    notification = Notification.objects.create(user=teacher, title="Приближается срок", key="walk")
    call, application, assignment, attached = review_world(amursky, school)
    body = Membership.objects.get(user=expert).body
    leaving = MembershipFactory(user=UserFactory(), role=Role.EXPERT, body=body, body_position=BodyPosition.MEMBER)
    meeting = council_services.create_meeting(body=body, date=timezone.localdate(), place="г. Амурск", by=None)
    event = make_event(school, capacity=10)
    sign_up(event, 1)
    session = events_services.add_session(event, starts_at=event.starts_at, title="Открытие")
    material = events_services.add_material(
        event, title="Презентация", file=SimpleUploadedFile("slides.pdf", b"%PDF-1.4"), participants_only=True
    )
    mentor_offer = make_offer(organization=OrganizationFactory(municipality=amursky, short_name="МБОУ Гимназия № 8"))
    practice = make_practice(school, by=teacher)
    practice_files = [
        practice_file_services.attach_file(
            practice, title=title, file=SimpleUploadedFile("material.txt", "Текст".encode()), by=teacher
        )
        for title in ("Программа", "Материал, который удалят")
    ]
    certificate_template = certificates.save_template(
        None, title="Школьный", body="<p>{{ фио }}</p>", organization=school
    )
    # a past edition: the walk's POSTs are refused by the service (302) and the criterion outlives the delete
    criteria_set = CriteriaSet.objects.create(title="Критерии", municipality=amursky, first_year=2000)
    # every kind of stored file is there to be downloaded (or refused) through its view
    legal_document = make_document()
    publications = [
        make_publication(school, by=teacher, title=title, site=site, practice=practice)
        for title in ("Статья о проекте", "Статья, которую удалят")
    ]
    consultations = [
        make_consultation(school, by=methodist, topic=topic) for topic in ("Паспорт проекта", "Запись, которую удалят")
    ]
    approbation = make_approbation(site, by=methodist)
    approbation.programme_file.save("Программа.pdf", ContentFile(b"%PDF-1.4"), save=True)
    for record in (site.order, legal_document, publications[0]):
        record.file.save("Документ.pdf", ContentFile(b"%PDF-1.4"), save=True)
    evidence = Evidence(occurrence=plan.occurrences.first(), title="Фотоотчёт")
    evidence.file.save("Фотоотчёт.pdf", ContentFile(b"%PDF-1.4"), save=True)
    course, _people = held_course(school, present=1, absent=0)
    course.programme_file.save("ДПП.pdf", pdf_upload(), save=True)
    training_certificate = courses.issue_training_certificates(course)[0]
    return {
        "event": event,
        "course": course,
        "module": course.course_modules.first(),
        "training_certificate": training_certificate,
        "criteria_set": criteria_set,
        "criterion": Criterion.objects.create(
            criteria_set=criteria_set, title="План", formula="plan_items_done / plan_items_due", target=1
        ),
        "session": session,
        "material": material,
        "certificate_template": certificate_template,
        "certificate": Certificate.objects.create(
            event=event, number="2026-WALK-TEST", full_name="Участникова Мария", issued_at=timezone.now()
        ),
        "certificate_batch": CertificateBatch.objects.create(event=event, total=1),
        "legal_document": legal_document,
        "publication": publications[0],
        "consultation": consultations[0],
        "approbation": approbation,
        "consultation_to_delete": consultations[1],
        "consultation_hour": make_hour(methodist),
        "publication_to_delete": publications[1],
        "evidence": evidence,
        **collection_world(amursky, school),
        "export_job": export_world(methodist),
        "practice": practice,
        "practice_file": practice_files[0],
        "practice_file_to_delete": practice_files[1],
        "translator_comment": Comment.objects.create(
            practice=practice, author=UserFactory(), text="Спасибо за опыт!", state=CommentState.PUBLISHED
        ),
        "mentoring_request": make_request(school),
        **community_world(amursky, methodist, teacher),
        "mentor_offer": mentor_offer,
        "mentoring_pair": make_pair(make_request(school, topic="Цифровая образовательная среда"), mentor_offer),
        "body": body,
        "leaving_member": leaving,
        "meeting": meeting,
        "agenda_item": council_services.add_agenda_item(meeting, kind=AgendaKind.OTHER, title="О конкурсе"),
        "call": call,
        "application": application,
        "assignment": assignment,
        "review": assignment.review,
        "rubric": call.rubric,
        "application_file": attached,
        "call_document": call.documents.create(
            title="Положение о конкурсе", file=ContentFile(b"%PDF-1.4", name="Положение.pdf")
        ),
        "notification": notification,
        "outgoing_mail": OutgoingMail.objects.create(
            to="petr@example.org", subject="Приближается срок", body="…", status="failed", attempts=5
        ),
        **report_world(amursky),
        "plan": plan,
        "plan_to_delete": doomed,
        "section": plan.sections.get(),
        "item": plan.items.order_by("position").first(),
        "item_to_delete": plan.items.order_by("position").last(),
        "occurrence": plan.occurrences.first(),
        "site": site,
        **network_world(school),
        "organization": school,
        "order": site.order,
        "kind": site.kind,
        "user": teacher,
        "membership": Membership.objects.get(user=teacher),
    }


def network_world(school) -> dict:
    """An innovation complex led by Ирина's school, with a creative team and an agreement with its signed file."""
    from innoinfra.registry import networks

    complex_ = make_site(kind_abbr="ИК", organization=school, theme="Инклюзивное образование: детский сад — школа")
    member = networks.add_member(site=complex_, kind="team", name="Творческая группа «Навигатор»", role="participant")
    agreement = networks.add_agreement(
        site=complex_,
        number="12",
        date=timezone.localdate(),
        subject="Сетевое взаимодействие",
        organizations=[school],
        external_parties="ФГБОУ ВО «АмГПГУ»",
        file=SimpleUploadedFile("Соглашение.pdf", b"%PDF-1.4\n%test\n"),
    )
    return {"complex": complex_, "complex_member": member, "agreement": agreement}


def collection_world(amursky, school) -> dict:
    """A draft collection of Amursky with one published practice and a finished DOCX build."""
    from django.core.files.base import ContentFile

    from innoinfra.practices.enums import PracticeState

    published = make_practice(school, state=PracticeState.PUBLISHED, title="Опубликованная практика")
    collection = make_collection(amursky, [published])
    build = collection.builds.create(format="docx", state="done", total=2, done=2)
    build.file.save("walk.docx", ContentFile(b"PK"))
    return {"collection": collection, "collection_entry": collection.entries.get(), "collection_build": build}


def export_world(methodist):
    """Лариса's finished export."""
    from innoinfra.core.models import ExportJob

    job = ExportJob.objects.create(
        kind="monitoring-report", title="Справка", requested_by=methodist, state="done", filename="walk.docx"
    )
    job.file.save("walk.docx", ContentFile(b"PK"))
    return job


def community_world(amursky, methodist, teacher) -> dict:
    """An open community of Лариса with Пётр's discussion, material and her reply; a request to a closed one."""
    from innoinfra.communities import services as community_services

    community = make_community(methodist, amursky)
    add_member(community, teacher)
    post = make_post(community, teacher, material_title="Чек-лист", material_file=checklist())
    closed = make_community(methodist, amursky, title="Закрытая группа", is_open=False)
    return {
        "community": community,
        "other_community": make_community(methodist, amursky, title="Другое сообщество"),
        "community_request": community_services.join(closed, user=UserFactory(username="applicant")),
        "community_request_to_decline": community_services.join(closed, user=UserFactory(username="applicant2")),
        "community_post": post,
        "community_reply": community_services.reply(post, by=methodist, body="Спасибо за вопрос"),
        "community_material": post.materials.get(),
    }


# Which object a path's <pk> means, by the beginning of the route.
PK_OF = {
    "communities/<int:pk>/join/": "other_community",
    "communities/<int:pk>/leave/": "other_community",
    "communities/members/<int:pk>/remove/": "community_request_to_decline",
    "communities/members/": "community_request",
    "communities/posts/": "community_post",
    "communities/replies/": "community_reply",
    "communities/materials/": "community_material",
    "communities/": "community",
    "effectiveness/": "criteria_set",
    "events/certificate-templates/": "certificate_template",
    "events/<int:pk>/course/": "course",
    "events/training-certificates/": "training_certificate",
    "events/": "event",
    "plans/organizations/": "organization",
    "notifications/": "notification",
    "exports/": "export_job",
    "documents/": "legal_document",
    "publications/<int:pk>/delete/": "publication_to_delete",
    "approbation/": "approbation",
    "consultations/hours/": "consultation_hour",
    "consultations/<int:pk>/delete/": "consultation_to_delete",
    "consultations/": "consultation",
    "publications/": "publication",
    "practices/": "practice",
    "collections/entries/": "collection_entry",
    "collections/builds/": "collection_build",
    "collections/": "collection",
    "translator/practices/": "practice",
    "translator/comments/": "translator_comment",
    "mentoring/requests/": "mentoring_request",
    "mentoring/offers/": "mentor_offer",
    "mentoring/pairs/": "mentoring_pair",
    "reports/campaigns/": "report_campaign",
    "reports/items/": "report_item",
    "reports/files/": "report_answer",
    "reports/": "report",
    "council/bodies/": "body",
    "council/members/": "leaving_member",
    "council/meetings/": "meeting",
    "council/agenda/": "agenda_item",
    "plans/<int:pk>/delete/": "plan_to_delete",
    "plans/items/<int:pk>/delete/": "item_to_delete",
    "plans/sections/": "section",
    "plans/items/": "item",
    "plans/occurrences/": "occurrence",
    "plans/evidence/": "evidence",
    "plans/": "plan",
    "registry/sites/": "site",
    "registry/members/": "complex_member",
    "registry/agreements/": "agreement",
    "registry/organizations/": "organization",
    "registry/orders/": "order",
    "registry/history/": "site",
    "registry/catalogues/": "kind",
    "manage/users/": "user",
    "manage/mail/": "outgoing_mail",
    "calls/documents/": "call_document",
    "calls/": "call",
    "applications/files/": "application_file",
    "applications/": "application",
    "assignments/": "assignment",
    "expertise/": "assignment",
    "reviews/": "review",
    "rubrics/": "rubric",
}
FIXED = {
    "action": "check",
    "model": "site",
    "catalogue": "kinds",
    "uidb64": "MQ",
    "token": "wrong-token",
    "table": "sites_by_kind",
    "version": "1",
    "kind": "monitoring-report",
}


def fill(route: str, world) -> str:
    def value(match):
        name = match.group("name")
        if name in FIXED:
            return FIXED[name]
        if name == "membership_pk":
            return str(world["membership"].pk)
        if name == "number":
            return world["certificate"].number
        if name in ("plan_pk", "section_pk", "certificate_pk", "session_pk", "material_pk", "criterion_pk", "module_pk"):
            return str(world[name.removesuffix("_pk")].pk)
        if name == "file_pk" and route.startswith("practices/"):
            return str(world["practice_file_to_delete" if route.endswith("delete/") else "practice_file"].pk)
        if name == "site_pk" and route.startswith("registry/"):
            return str(world["complex"].pk)
        if name == "site_pk":
            return str(world["site"].pk)
        if name == "batch_pk":
            return str(world["certificate_batch"].pk)
        if name == "pk":
            owner = next((obj for start, obj in PK_OF.items() if route.startswith(start)), None)
            assert owner, f"add the object behind <pk> of {route} to PK_OF"
            return str(world[owner].pk)
        raise AssertionError(f"add a value for <{name}> of {route} to FIXED")

    return "/" + re.sub(r"<(?:\w+:)?(?P<name>\w+)>", value, route)


def refusal(role: str, rule: Rule, response) -> str | None:
    """None when the answer is right for this role, else what is wrong."""
    status = response.status_code
    if rule.who == PUBLIC:
        return None if status in rule.ok else f"public, answered {status}"
    if rule.who == ANYONE_MAY_POST:
        return None if status in (200, 302) else f"answered {status}"
    if role == "anonymous":
        if rule.hides and status == 404:
            return None
        if status == 302 and response.url.startswith("/accounts/login/?next="):
            return None
        return f"anonymous should go to the login page, got {status} {getattr(response, 'url', '')}"
    allowed = rule.who == LOGGED_IN or role in rule.who
    if not allowed:
        return None if status in (403, 404) else f"should be refused (403/404), got {status}"
    if rule.method == "POST":
        refused = status in (403, 404) or (status == 302 and response.url.startswith("/accounts/login/"))
        return f"allowed, but refused with {status}" if refused else None
    return None if status in rule.ok else f"allowed, expected {rule.ok}, got {status}"


@pytest.mark.parametrize("role", ["anonymous", *ROLE_FIXTURES])
def test_every_url_answers_each_role_as_the_table_says(role, world, client_for, request):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    client = client_for(user)
    urls = project_urls()
    # GETs first, then the actions (they change the world), logout last (it ends the session).
    order = sorted(urls, key=lambda key: (ACCESS[key].method == "POST", key == "logout", key))
    problems = []
    for key in order:
        rule = ACCESS[key]
        url = fill(urls[key], world)
        response = client.post(url, {}) if rule.method == "POST" else client.get(url)
        problem = refusal(role, rule, response)
        if problem:
            problems.append(f"{rule.method} {url} ({key}): {problem}")
    assert not problems, f"{role}:\n" + "\n".join(problems)


def test_the_methodist_of_amursky_edits_an_amursky_site_but_vera_may_not(world, client_for, methodist, other_methodist):
    url = f"/registry/sites/{world['site'].pk}/edit/"
    assert client_for(methodist).get(url).status_code == 200
    response = client_for(other_methodist).get(url)
    assert response.status_code == 403
    assert "Недостаточно прав для этого действия." in response.content.decode()


# Open data (innoinfra/opendata): the section's page and every file are for anyone; the walk reads a set's passport.
ACCESS.update(
    {
        "opendata:index": Rule(PUBLIC),
        "opendata:list": Rule(PUBLIC),
        "opendata:list_json": Rule(PUBLIC),
        "opendata:file": Rule(PUBLIC),
    }
)
FIXED.update({"identifier": "0000000000-innovationsites", "filename": "meta.csv"})
