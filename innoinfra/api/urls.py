from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from innoinfra.accounts import api as accounts_api
from innoinfra.accounts.api import ObtainTokenView
from innoinfra.approbation import api as approbation_api
from innoinfra.communities import api as communities_api
from innoinfra.consultations import api as consultations_api
from innoinfra.core import api as core_api
from innoinfra.council import api as council_api
from innoinfra.effectiveness import api as effectiveness_api
from innoinfra.events import api as events_api
from innoinfra.legal import api as legal_api
from innoinfra.mentoring import api as mentoring_api
from innoinfra.monitoring import api as monitoring_api
from innoinfra.passports import api as passports_api
from innoinfra.plans import api as plans_api
from innoinfra.practice_collections import api as collections_api
from innoinfra.practices import api as practices_api
from innoinfra.publications import api as publications_api
from innoinfra.registry import api as registry_api
from innoinfra.registry import network_api
from innoinfra.reports import api as reports_api
from innoinfra.review import api as review_api
from innoinfra.translator import api as translator_api

router = DefaultRouter()
router.register("regions", registry_api.RegionViewSet, basename="region")
router.register("municipalities", registry_api.MunicipalityViewSet, basename="municipality")
router.register("subsystems", registry_api.SubsystemViewSet, basename="subsystem")
router.register("directions", registry_api.DirectionViewSet, basename="direction")
router.register("site-kinds", registry_api.SiteKindViewSet, basename="site-kind")
router.register("organizations", registry_api.OrganizationViewSet, basename="organization")
router.register("orders", registry_api.OrderViewSet, basename="order")
router.register("sites", registry_api.SiteViewSet, basename="site")
router.register("site-passports", passports_api.SitePassportViewSet, basename="site-passport")
router.register("complex-members", network_api.ComplexMemberViewSet, basename="complex-member")
router.register("agreements", network_api.AgreementViewSet, basename="agreement")
router.register("plans", plans_api.PlanViewSet, basename="plan")
router.register("plan-items", plans_api.PlanItemViewSet, basename="plan-item")
router.register("occurrences", plans_api.OccurrenceViewSet, basename="occurrence")
router.register("calls", review_api.CallViewSet, basename="call")
router.register("applications", review_api.ApplicationViewSet, basename="application")
router.register("assignments", review_api.AssignmentViewSet, basename="assignment")
router.register("reviews", review_api.ReviewViewSet, basename="review")
router.register("bodies", council_api.BodyViewSet, basename="body")
router.register("meetings", council_api.MeetingViewSet, basename="meeting")
router.register("decisions", council_api.DecisionViewSet, basename="decision")
router.register("legal-documents", legal_api.LegalDocumentViewSet, basename="legal-document")
router.register("publications", publications_api.PublicationViewSet, basename="publication")
router.register("consultations", consultations_api.ConsultationViewSet, basename="consultation")
router.register("consultation-hours", consultations_api.ConsultationSlotViewSet, basename="consultation-hour")
router.register("approbations", approbation_api.ApprobationViewSet, basename="approbation")
router.register("practices", practices_api.PracticeViewSet, basename="practice")
router.register("collections", collections_api.CollectionViewSet, basename="collection")
router.register("mentoring-requests", mentoring_api.MentoringRequestViewSet, basename="mentoring-request")
router.register("mentoring-offers", mentoring_api.MentorOfferViewSet, basename="mentoring-offer")
router.register("mentoring-pairs", mentoring_api.MentoringPairViewSet, basename="mentoring-pair")
router.register("communities", communities_api.CommunityViewSet, basename="community")
router.register("events", events_api.EventViewSet, basename="event")
router.register("registrations", events_api.RegistrationViewSet, basename="registration")
router.register("certificates", events_api.CertificateViewSet, basename="certificate")
router.register("course-modules", events_api.CourseModuleViewSet, basename="course-module")
router.register("training-certificates", events_api.TrainingCertificateViewSet, basename="training-certificate")
router.register("campaigns", reports_api.CampaignViewSet, basename="campaign")
router.register("reports", reports_api.ReportViewSet, basename="report")
router.register("indicators", reports_api.IndicatorViewSet, basename="indicator")
# Issue 21: resources the pages had and the API lacked.
router.register("users", accounts_api.UserViewSet, basename="user")
router.register("notifications", core_api.NotificationViewSet, basename="notification")
router.register("effectiveness-criteria", effectiveness_api.CriteriaSetViewSet, basename="effectiveness-criteria")
router.register("community-posts", communities_api.PostViewSet, basename="community-post")
router.register("conflict-declarations", review_api.ConflictDeclarationViewSet, basename="conflict-declaration")
router.register("practice-comments", translator_api.CommentViewSet, basename="practice-comment")
router.register("practice-ratings", translator_api.RatingViewSet, basename="practice-rating")

urlpatterns = [
    path("", include(router.urls)),
    path("effectiveness-scores/", effectiveness_api.ScoresView.as_view(), name="effectiveness-scores"),
    path("stats/overview/", monitoring_api.OverviewView.as_view(), name="stats-overview"),
    path("stats/<slug:section>/", monitoring_api.SectionView.as_view(), name="stats-section"),
    path("auth/token/", ObtainTokenView.as_view(), name="api-token"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view loads its start-up script from a URL instead of inlining it; Swagger UI's page still has a
    # <style> block of its own, so this page alone allows inline styles (scripts stay 'self' only).
    path(
        "docs/",
        csp_update({"style-src": [UNSAFE_INLINE]})(SpectacularSwaggerSplitView.as_view(url_name="api-schema")),
        name="api-docs",
    ),
]
