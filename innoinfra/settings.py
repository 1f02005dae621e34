"""Settings of innoinfra, read from the environment.

Defaults are safe for production (DEBUG off, no hosts allowed) except where `make run` and the
tests need otherwise; those set DEBUG or their own values explicitly.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [part.strip() for part in env_str(name, default).split(",") if part.strip()]


def env_secret(name: str, default: str = "") -> str:
    """A secret from NAME, or from the file named by NAME_FILE (container secrets)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text(encoding="utf-8").strip()
    return env_str(name, default)


TESTING = "pytest" in sys.modules or (len(sys.argv) > 1 and sys.argv[1] == "test")
RUNSERVER = len(sys.argv) > 1 and sys.argv[1] == "runserver"

DEBUG = env_bool("DEBUG", default=RUNSERVER)
SECRET_KEY = env_secret("SECRET_KEY")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        # A guessable key would let anyone forge sessions: production must set its own.
        raise ImproperlyConfigured("Задайте переменную окружения SECRET_KEY (или SECRET_KEY_FILE).")
    SECRET_KEY = "insecure-development-key"

DEBUG_TECHNICAL_PAGES = env_bool("DEBUG_TECHNICAL_PAGES", default=False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if (DEBUG or TESTING) else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Empty: links in e-mails and documents take the address the system is served at (core.site_url). Tests that call
# services without a request get a fixed address; those about the address itself set it (or clear it) explicitly.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000" if TESTING else "").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "innoinfra.core",
    "innoinfra.reference",
    "innoinfra.accounts",
    "innoinfra.registry",
    "innoinfra.council",
    "innoinfra.plans",
    "innoinfra.review",
    "innoinfra.passports",
    "innoinfra.events",
    "innoinfra.legal",
    "innoinfra.publications",
    "innoinfra.consultations",
    "innoinfra.practices",
    "innoinfra.practice_collections",
    "innoinfra.approbation",
    "innoinfra.translator",
    "innoinfra.mentoring",
    "innoinfra.communities",
    "innoinfra.reports",
    "innoinfra.monitoring",
    "innoinfra.effectiveness",
    "innoinfra.portal",
    "innoinfra.api",
    "innoinfra.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "innoinfra.core.site_url.SiteOriginMiddleware",  # after CommonMiddleware: the host is validated by then
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # pages in the zone of the user's municipality (core.timezones says which page shows which zone)
    "innoinfra.core.timezones.TimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "innoinfra.core.access_log.AccessLogMiddleware",
    # the Russian 404 and 500 pages with DEBUG on too (DEBUG_TECHNICAL_PAGES=1 brings Django's debug pages back)
    "innoinfra.core.error_pages.RussianErrorPagesMiddleware",
    # turns a sign-in refused by the lockout into the 429 page (last, so it sees the login view's answer)
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "innoinfra.urls"
WSGI_APPLICATION = "innoinfra.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "innoinfra.core.context_processors.installation",
                "innoinfra.core.context_processors.low_vision",
                "innoinfra.core.notification_context.unread_notifications",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env_str("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DATABASES["default"]["TEST"] = {"NAME": env_str("TEST_DATABASE_NAME") or None}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "innoinfra.accounts.backends.LockoutBackend",  # first: a locked-out client is refused before any password check
    "rules.permissions.ObjectPermissionBackend",
    "innoinfra.accounts.backends.UsernameOrEmailBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский")]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Moscow")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
FORMS_URLFIELD_ASSUME_HTTPS = True
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not (DEBUG or TESTING or env_bool("STATIC_WITHOUT_MANIFEST"))
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING or env_bool("WHITENOISE_USE_FINDERS")
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
MEDIA_URL = "/media/"
# Registration numbers of удостоверения о повышении квалификации: {year} and {number} (the sequence within the
# year, format spec allowed), e.g. «ПК-2025-0001»; the register numbers them without gaps.
TRAINING_CERTIFICATE_NUMBER = env_str("TRAINING_CERTIFICATE_NUMBER", "ПК-{year}-{number:04d}")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
MAX_UPLOAD_SIZE = int(env_str("MAX_UPLOAD_SIZE", str(20 * 1024 * 1024)))
# The upload gate (core/uploads.py): how far a ZIP-based file (DOCX, XLSX, PPTX, ODT, ZIP…) may inflate, counted
# on the bytes that really come out, not on what its headers declare; a zip bomb stops at the first limit passed.
UPLOAD_MAX_UNPACKED_SIZE = int(env_str("UPLOAD_MAX_UNPACKED_SIZE", str(100 * 1024 * 1024)))
UPLOAD_MAX_UNPACKED_MEMBER_SIZE = int(env_str("UPLOAD_MAX_UNPACKED_MEMBER_SIZE", str(50 * 1024 * 1024)))
UPLOAD_MAX_ARCHIVE_MEMBERS = int(env_str("UPLOAD_MAX_ARCHIVE_MEMBERS", "5000"))
UPLOAD_MAX_COMPRESSION_RATIO = int(env_str("UPLOAD_MAX_COMPRESSION_RATIO", "100"))
# Stored files are never served by their address: a download view checks the permission and, in production, hands
# the file to nginx by X-Accel-Redirect into its `internal` location FILES_X_ACCEL_PREFIX (see docs/deploy.md).
FILES_X_ACCEL_REDIRECT = env_bool("FILES_X_ACCEL_REDIRECT")
FILES_X_ACCEL_PREFIX = "/protected/"

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env_str("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "innoinfra <noreply@localhost>")
# Mail leaves through the task queue (innoinfra.core.mail, docs/deploy.md «Почта»): a slow server holds a worker, not
# a page, for at most EMAIL_TIMEOUT seconds per try; sent and failed letters are kept MAIL_KEEP_DAYS days.
EMAIL_TIMEOUT = int(env_str("EMAIL_TIMEOUT", "30"))
MAIL_KEEP_DAYS = int(env_str("MAIL_KEEP_DAYS", "30"))

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_HTTPS_PROXY") else None
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not (DEBUG or TESTING or RUNSERVER))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT")
SECURE_HSTS_SECONDS = int(env_str("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["innoinfra.api.permissions.RulesPermission"],
    "DEFAULT_PAGINATION_CLASS": "innoinfra.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # A service's ServiceError is a 400 with its Russian message; API views just call services.
    "EXCEPTION_HANDLER": "innoinfra.core.drf.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "innoinfra API",
    "DESCRIPTION": "API информационной системы инновационной инфраструктуры образования",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several apps call a field `kind`, `state` or `status`, each with its own choices: each set gets its own name.
    "ENUM_NAME_OVERRIDES": {
        "PlanKindEnum": "innoinfra.plans.enums.PlanKind",
        "PlanStateEnum": "innoinfra.plans.enums.PlanState",
        "OccurrenceStatusEnum": "innoinfra.plans.enums.OccurrenceStatus",
        "PracticeKindEnum": "innoinfra.practices.enums.PracticeKind",
        "BodyKindEnum": "innoinfra.reference.models.BodyKind",
        "ReviewStateEnum": "innoinfra.review.enums.ReviewState",
        "ApplicationStateEnum": "innoinfra.review.enums.ApplicationState",
        "SiteStateEnum": "innoinfra.registry.enums.SiteState",
        "MeetingStateEnum": "innoinfra.council.enums.MeetingState",
        "DocumentStatusEnum": "innoinfra.legal.enums.DocumentStatus",
        "PublicationKindEnum": "innoinfra.publications.enums.PublicationKind",
        "PublicationLevelEnum": "innoinfra.publications.enums.PublicationLevel",
        "ConsultationFormEnum": "innoinfra.consultations.enums.ConsultationForm",
        "SlotStateEnum": "innoinfra.consultations.enums.SlotState",
        "ApprobationStateEnum": "innoinfra.approbation.enums.ApprobationState",
        "ProductKindEnum": "innoinfra.approbation.enums.ProductKind",
        "VerdictEnum": "innoinfra.approbation.enums.Verdict",
        "CycleStageEnum": "innoinfra.reference.enums.CycleStage",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"access": {"format": "%(asctime)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    # WeasyPrint warns on every PDF that it subsets fonts with fontTools rather than HarfBuzz: noise, not news
    "loggers": {
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
        # lockouts of sign-in and password reset (accounts/throttling.py): kept whatever LOG_LEVEL says
        "innoinfra.security": {"level": "INFO"},
    },
}
# The access log of signed-in requests (core/access_log.py) goes to its own file in production; without one it is
# not written at all, so development consoles and test output stay quiet.
ACCESS_LOG_FILE = env_str("ACCESS_LOG_FILE")
if ACCESS_LOG_FILE:
    LOGGING["handlers"]["access"] = {
        "class": "logging.handlers.WatchedFileHandler",  # logrotate moves the file; the handler reopens it
        "filename": ACCESS_LOG_FILE,
        "formatter": "access",
    }
    LOGGING["loggers"]["innoinfra.access"] = {"handlers": ["access"], "level": "INFO", "propagate": False}

# Sign-in throttling (django-axes; docs/deploy.md, «Вход и подбор паролей»). After AXES_FAILURE_LIMIT wrong passwords
# for one account, or from one client address, sign-in is refused for LOGIN_LOCKOUT_MINUTES after the last of them, on
# the login page and the API token endpoint alike. The client address is core/client_ip.py's: REMOTE_ADDR, or the
# X-Forwarded-For entry written by the last of TRUSTED_PROXY_COUNT proxies (nginx in front: 1).
TRUSTED_PROXY_COUNT = int(env_str("TRUSTED_PROXY_COUNT", "0"))
AXES_FAILURE_LIMIT = int(env_str("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(env_str("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one reaching the limit locks
AXES_CLIENT_IP_CALLABLE = "innoinfra.core.client_ip.client_ip"
AXES_USERNAME_CALLABLE = "innoinfra.accounts.throttling.attempted_username"
AXES_LOCKOUT_CALLABLE = "innoinfra.accounts.throttling.lockout_response"
# Tries during a lockout do not prolong it, so the time the message names stays true however often one retries.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# A success does not wipe the counters: axes would delete every attempt of the address too, so a guesser holding one
# account of their own could sign into it between guesses and never be locked.
AXES_RESET_ON_SUCCESS = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_DISABLE_ACCESS_LOG = True  # successful sign-ins are in the access log already (core/access_log.py)
AXES_VERBOSE = False  # axes' own lines name the locked parameters only; core logging below records each lockout
# Password reset requests per client address and per e-mail address within PASSWORD_RESET_WINDOW_MINUTES.
PASSWORD_RESET_LIMIT = int(env_str("PASSWORD_RESET_LIMIT", "5"))
PASSWORD_RESET_WINDOW_MINUTES = int(env_str("PASSWORD_RESET_WINDOW_MINUTES", "15"))

# Installation-level behaviour (see docs/deploy.md).
INNOINFRA = {
    "INSTALLATION_NAME": env_str("INSTALLATION_NAME", "Инновационная инфраструктура образования"),
    # Tile server of the map; empty means "no tiles": the map still shows markers and a list.
    "MAP_TILE_URL": env_str("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
    "MAP_TILE_ATTRIBUTION": env_str("MAP_TILE_ATTRIBUTION", "© участники OpenStreetMap"),
    "MAP_CENTER": [float(x) for x in env_list("MAP_CENTER", "55.0,60.0")],
    "MAP_ZOOM": int(env_str("MAP_ZOOM", "3")),
}


# Content-Security-Policy (django-csp): scripts and styles only from our own static files, so text that slipped past
# escaping still cannot run. Map tiles come from the tile server of MAP_TILE_URL; `{s}` subdomains become `*`.
# Views that need more say so with django-csp's decorators (the API docs, the embeddable organization block).
def _origin_of(url: str) -> list[str]:
    parts = urlsplit(url)
    return [f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}"] if parts.scheme and parts.netloc else []


CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *_origin_of(INNOINFRA["MAP_TILE_URL"])],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# Background work (certificate batches, mailings). Without a worker the tasks run inline in the request, which is
# what tests want; `make run` starts `db_worker` and sets TASKS_BACKEND=django_tasks_db.DatabaseBackend.
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")}}
# A job (export, certificate batch, collection build) waiting or working with no sign of life for this long is
# taken for dead (its worker was killed, the server restarted): `manage.py sweep_jobs` — and any attempt to start
# the job it blocks — fails it with a Russian message, so that its people can start it again (core.jobs).
BACKGROUND_JOB_STALE_MINUTES = int(os.environ.get("BACKGROUND_JOB_STALE_MINUTES", "30"))

# Open data (innoinfra/opendata, docs/deploy.md «Открытые данные»): the sets are named «<ИНН>-<код набора>» after the
# publishing body's INN; the passports name the body and the person answering for the data. Licence: "cc-by-4.0"
# (Creative Commons Attribution 4.0) or "open" (the open licence of the recommendations).
INSTALLED_APPS += ["innoinfra.opendata"]
OPENDATA = {
    "PUBLISHER_INN": env_str("OPENDATA_PUBLISHER_INN", "0000000000"),
    "CREATOR": env_str("OPENDATA_CREATOR", INNOINFRA["INSTALLATION_NAME"]),
    "PUBLISHER_NAME": env_str("OPENDATA_PUBLISHER_NAME", ""),
    "PUBLISHER_PHONE": env_str("OPENDATA_PUBLISHER_PHONE", ""),
    "PUBLISHER_EMAIL": env_str("OPENDATA_PUBLISHER_EMAIL", ""),
    "LICENCE": env_str("OPENDATA_LICENCE", "cc-by-4.0"),
}

# A PostgreSQL streaming replica for reads (core/db_router.py; docs/deploy.md, «Топология для региона»): safe requests
# read from it, everything that writes, every transaction and the requests of a browser for REPLICA_PIN_SECONDS after
# it changed something go to the primary. Migrations run on the primary only; in tests the alias mirrors the primary.
REPLICA_PIN_SECONDS = int(env_str("REPLICA_PIN_SECONDS", "10"))
if env_str("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        env_str("DATABASE_REPLICA_URL"), conn_max_age=DATABASES["default"]["CONN_MAX_AGE"]
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["innoinfra.core.db_router.ReplicaRouter"]
    # before the session and the user are read, so they are read from the right database too
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
        "innoinfra.core.db_router.ReplicaReadsMiddleware",
    )

# Uploaded files on S3-compatible storage (Yandex Object Storage, MinIO, any S3; docs/deploy.md «Файлы в
# S3-совместимом хранилище») when S3_BUCKET is set; the local disk (MEDIA_ROOT) otherwise. The bucket stays private:
# the download views check the permission as for local files and then redirect to a presigned URL that lives
# S3_SIGNED_URL_TTL seconds and names the file (core.downloads.file_response), never to a public address.
S3_BUCKET = env_str("S3_BUCKET")
S3_SIGNED_URL_TTL = int(env_str("S3_SIGNED_URL_TTL", "300"))
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
            "access_key": env_secret("S3_ACCESS_KEY_ID") or None,
            "secret_key": env_secret("S3_SECRET_ACCESS_KEY") or None,
            "region_name": env_str("S3_REGION") or None,
            "addressing_style": env_str("S3_ADDRESSING_STYLE") or None,  # MinIO wants "path"
            "signature_version": "s3v4",
            "querystring_auth": True,  # every URL the storage gives is signed: there is no unsigned way in
            "querystring_expire": S3_SIGNED_URL_TTL,
            "default_acl": "private",
            "file_overwrite": False,  # names are random (core.files) already; a clash gets a new name, never a loss
        },
    }

# The shared cache (rate limits, sign-in lockouts, public pages of core.public_cache): Redis when REDIS_URL (or
# CACHE_URL) is set — every app server sees the same counters and the same invalidations; otherwise memory of the
# process, enough for one server. PUBLIC_CACHE_TIMEOUT bounds how long a cached public page may live even if a change
# slipped past the invalidation (a bulk UPDATE sends no signals).
CACHE_URL = env_str("REDIS_URL") or env_str("CACHE_URL")
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "innoinfra"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Public pages are cached only in a shared cache unless PUBLIC_CACHE says otherwise: the memory of one gunicorn worker
# would not hear of a change saved by another and would show the old page until the timeout.
PUBLIC_CACHE = env_bool("PUBLIC_CACHE", default=bool(CACHE_URL))
PUBLIC_CACHE_TIMEOUT = int(env_str("PUBLIC_CACHE_TIMEOUT", "600"))

# The API contract (issue 21): reads declared open to anyone, refusals (400/401/403/404) documented — see
# innoinfra/api/schema.py.
REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"] = "innoinfra.api.schema.AutoSchema"
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]["PostKindEnum"] = "innoinfra.communities.enums.PostKind"

# Calendar feeds (ICS) hold the events and due dates of this window around today, not the installation's whole
# history: a subscriber needs the recent past and what is coming, and the feed stays small whatever the region.
ICS_WINDOW_PAST_DAYS = int(env_str("ICS_WINDOW_PAST_DAYS", "31"))
ICS_WINDOW_FUTURE_DAYS = int(env_str("ICS_WINDOW_FUTURE_DAYS", "366"))

# Monitoring panels from summary storage (monitoring.snapshots): a computed table is served while no fact changed
# and for at most this many seconds (bulk updates send no signals); 0 — aggregate on every request.
MONITORING_SNAPSHOT_MAX_AGE = int(os.environ.get("MONITORING_SNAPSHOT_MAX_AGE", "900"))

# A search or a capped list found over its count cap («более 10 000») is remembered as such for this many seconds
# (core.overcap): the pages that follow list their rows without reading every match again. 0 — never remembered.
COUNT_OVER_CAP_SECONDS = int(env_str("COUNT_OVER_CAP_SECONDS", "300"))

# Single sign-on through the region's identity provider over OpenID Connect (Keycloak, ЕСИА through a regional
# gateway; accounts/oidc.py, docs/deploy.md «Единый вход (OpenID Connect)»). Off while OIDC_RP_CLIENT_ID is empty.
# The endpoints come from OIDC_OP_ISSUER's discovery document unless set one by one.
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env_secret("OIDC_RP_CLIENT_SECRET")
OIDC_OP_ISSUER = env_str("OIDC_OP_ISSUER").rstrip("/")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT")
OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT")
OIDC_OP_LOGOUT_ENDPOINT = env_str("OIDC_OP_LOGOUT_ENDPOINT")
OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env_str("OIDC_RP_SCOPES", "openid email profile")
OIDC_USE_PKCE = env_bool("OIDC_USE_PKCE", default=True)
OIDC_CREATE_USER = env_bool("OIDC_CREATE_USER", default=True)
OIDC_VERIFY_SSL = env_bool("OIDC_VERIFY_SSL", default=True)
OIDC_TIMEOUT = int(env_str("OIDC_TIMEOUT", "10"))
OIDC_STORE_ID_TOKEN = True  # sent back as id_token_hint when the person logs out (RP-initiated logout)
OIDC_BUTTON_LABEL = env_str("OIDC_BUTTON_LABEL", "Войти через региональную учётную запись")
# Last: a locked-out client is still refused by LockoutBackend first; the backend is inert while the feature is off.
AUTHENTICATION_BACKENDS.append("innoinfra.accounts.oidc.IdentityProviderBackend")
AXES_WHITELIST_CALLABLE = "innoinfra.accounts.oidc.is_provider_sign_in"  # no password, nothing to count (oidc.py)
MIDDLEWARE.append("innoinfra.accounts.oidc.ProviderLogoutMiddleware")
# Logging out posts a form whose redirect leads to the provider; browsers hold such redirects to form-action.
CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"] += [
    origin for url in (OIDC_OP_ISSUER, OIDC_OP_LOGOUT_ENDPOINT) for origin in _origin_of(url)
]
