"""Beacon's one settings module.

Everything that differs between a laptop and production comes from the environment;
the defaults are safe for development (see docs/operations.md for the production list).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
# Created by beacon.environment.prepare(), which every entry point runs first: this
# module only reads the environment and touches no file.
VAR_DIR = Path(os.environ.get("BEACON_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Off unless set: `make run` and the tests set BEACON_DEBUG=1.
DEBUG = env_bool("BEACON_DEBUG", False)
# With DEBUG on, beacon.environment.prepare() supplies a development key kept in var/.
SECRET_KEY = os.environ.get("BEACON_SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "BEACON_SECRET_KEY is not set. Production needs its own secret key (see "
        "docs/operations.md); for development, set BEACON_DEBUG=1 and run Beacon through "
        "the `beacon` command, which generates one into var/."
    )
ALLOWED_HOSTS = env_list("BEACON_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("BEACON_CSRF_TRUSTED_ORIGINS")
# The public origin used in links inside emails and share links.
BEACON_BASE_URL = os.environ.get("BEACON_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # Before the admin, as its documentation asks: it patches translated models and admins.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "beacon.core",
    "beacon.geo",
    "beacon.officials",
    "beacon.people",
    "beacon.campaigns",
    "beacon.delivery",
    "beacon.actions",
    "beacon.dashboard",
    "beacon.organize",
]

MIDDLEWARE = [
    # First: the access log (route patterns, never raw paths), with the final status.
    "beacon.core.requestlog.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "beacon.core.signin.middleware.StaffIdleTimeoutMiddleware",
    "beacon.core.signin.middleware.StaffMfaRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "beacon.urls"
WSGI_APPLICATION = "beacon.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "beacon.core.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
# SQLite in WAL mode by default; PostgreSQL when DATABASE_URL says so.
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
    DATABASES["default"].setdefault("TEST", {})
    if os.environ.get("BEACON_TEST_DATABASE_NAME"):
        DATABASES["default"]["TEST"]["NAME"] = os.environ["BEACON_TEST_DATABASE_NAME"]
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("BEACON_SQLITE_PATH", str(VAR_DIR / "beacon.sqlite3")),
            # Keep connections: the task worker closes "old" ones after every task, and
            # closing the last WAL connection checkpoints (measured: 9 ms per message).
            "CONN_MAX_AGE": 60,
            "OPTIONS": {
                # WAL lets readers and one writer work at once; IMMEDIATE takes the write
                # lock at BEGIN so concurrent writers queue instead of failing mid-transaction.
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA busy_timeout=10000;"
                    "PRAGMA foreign_keys=ON;"
                ),
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            # A file (not memory) so that worker subprocesses in tests can share it; one
            # per test process so that concurrent runs never collide.
            "TEST": {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "beacon",
    }
}

# --- Background work --------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": os.environ.get("BEACON_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# --- Auth -----------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Organizer sign-in (django-allauth) ---------------------------------------------------
# Only staff (organizers and operators) have accounts; supporters never sign in. Everyone
# signs in through allauth's pages with a password and then a TOTP code (or a recovery
# code); the admin's own login page sends to them. docs/security.md, "Organizer sign-in".
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/organize/"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "beacon.core.signin.adapters.AccountAdapter"
MFA_ADAPTER = "beacon.core.signin.adapters.MFAAdapter"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
# Accounts are made by operators (later by invitations), so addresses are not verified by
# mail, and allauth's "unverified address" guard on MFA does not apply.
ACCOUNT_EMAIL_VERIFICATION = "none"
MFA_ALLOW_UNVERIFIED_EMAIL = True
# A reset asked for an unknown address sends nothing at all (the page reads the same).
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
# Sessions end when the browser closes, and after BEACON_STAFF_SESSION_IDLE_SECONDS idle.
ACCOUNT_SESSION_REMEMBER = False
# Beacon's limiter (beacon.core.limits) counts failed sign-ins, reset requests and MFA
# codes, in counters every process shares; allauth's own cache-based limiter is off.
ACCOUNT_RATE_LIMITS = False
ACCOUNT_FORMS = {"reset_password": "beacon.core.signin.forms.ResetPasswordForm"}
MFA_FORMS = {
    "authenticate": "beacon.core.signin.forms.AuthenticateForm",
    "reauthenticate": "beacon.core.signin.forms.ReauthenticateForm",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# Every staff account must have an authenticator before it reaches any organizer page. Turn
# off only on a laptop (BEACON_STAFF_MFA_REQUIRED=0); `beacon check --deploy` warns.
BEACON_STAFF_MFA_REQUIRED = env_bool("BEACON_STAFF_MFA_REQUIRED", True)
# A staff session unused for this long is signed out (supporters' sessions are not).
BEACON_STAFF_SESSION_IDLE_SECONDS = int(
    os.environ.get("BEACON_STAFF_SESSION_IDLE_SECONDS", str(2 * 3600))
)

# --- Languages and time -----------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
    ("ht", _("Haitian Creole")),
    ("zh-hans", _("Simplified Chinese")),
    ("vi", _("Vietnamese")),
]
# Django ships no entry for Haitian Creole; without one, language menus fail.
LANG_INFO.setdefault(
    "ht", {"bidi": False, "code": "ht", "name": "Haitian Creole", "name_local": "Kreyòl ayisyen"}
)
LOCALE_PATHS = [BASE_DIR / "locale"]
# Organizers' content (campaign texts, letter templates, scripts) in every language of the
# interface: one column per language (ADR 0014). A campaign's own main language, not a
# global one, is the fallback on public pages (beacon/campaigns/content.py), so the
# library's own fallback only serves code that reads the plain attribute (admin lists,
# emails): English first, then any language written.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en", "es", "pt", "ht", "zh-hans", "vi")
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True

# --- Static and media -------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# The project package is not an app, so its static/ folder must be named here.
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("BEACON_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# --- Mail -------------------------------------------------------------------------------
# In development and tests a local aiosmtpd server (beacon mailserver) receives everything.
EMAIL_BACKEND = os.environ.get(
    "BEACON_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("BEACON_EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = int(os.environ.get("BEACON_EMAIL_PORT", "8025"))
EMAIL_HOST_USER = os.environ.get("BEACON_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("BEACON_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("BEACON_EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = int(os.environ.get("BEACON_EMAIL_TIMEOUT", "15"))
DEFAULT_FROM_EMAIL = os.environ.get("BEACON_FROM_EMAIL", "Beacon <noreply@beacon.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
BEACON_MAIL_DIR = Path(os.environ.get("BEACON_MAIL_DIR", VAR_DIR / "mail"))

# --- Security headers -------------------------------------------------------------------
# Only our own origin: no third-party scripts, fonts, pixels or CDNs, and no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "beacon.core.views.csrf_failure"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("BEACON_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("BEACON_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("BEACON_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        # Preloading binds the whole domain to HTTPS in browsers for months; that is the
        # hosting organization's decision (BEACON_HSTS_PRELOAD=1), not a default.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]

# --- Logging: never personal data -------------------------------------------------------
# Paths in emailed links are tokens: Django's request lines name the route pattern
# instead (beacon.core.requestlog; the access log is RequestLogMiddleware's).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"routes": {"()": "beacon.core.requestlog.RoutesNotPathsFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("BEACON_LOG_LEVEL", "INFO")},
    "loggers": {
        # Django logs the URL of 4xx requests; only errors are kept, with routes for paths.
        "django.request": {"level": "ERROR", "filters": ["routes"]},
        "django.security.csrf": {"filters": ["routes"]},
        # runserver's request lines, as Django configures them, with routes for paths.
        "django.server": {
            "handlers": ["django.server"],
            "level": "INFO",
            "propagate": False,
            "filters": ["routes"],
        },
        # aiosmtpd logs each peer's address and envelope at INFO.
        "mail.log": {"level": "WARNING"},
        # With DEBUG on, Django logs every SQL statement with its parameters (addresses,
        # names) at DEBUG: never, whatever BEACON_LOG_LEVEL says.
        "django.db.backends": {"level": "INFO"},
    },
}

# --- Beacon -----------------------------------------------------------------------------
# How long a confirmation link stays valid.
BEACON_CONFIRM_MAX_AGE = int(os.environ.get("BEACON_CONFIRM_MAX_AGE", str(7 * 24 * 3600)))
# How long a link to the "Your data" page stays valid (it shows and erases everything).
BEACON_DATA_LINK_MAX_AGE = int(os.environ.get("BEACON_DATA_LINK_MAX_AGE", str(2 * 3600)))
# How long the "Your data" page stays open in the browser that opened its link.
BEACON_DATA_SESSION_SECONDS = int(os.environ.get("BEACON_DATA_SESSION_SECONDS", "3600"))
# Fonts for the share images Beacon draws (beacon.actions.shareimage): the first file that
# exists of each kind. Debian: fonts-dejavu-core, and fonts-noto-cjk for Chinese titles.
BEACON_SHARE_FONTS = {
    "latin": [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    ],
    "cjk": [
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
        "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc",
    ],
}
# Days a letter's private status link works after the letter's last change.
BEACON_STATUS_LINK_DAYS = int(os.environ.get("BEACON_STATUS_LINK_DAYS", "90"))
# The retention schedule: days each class of personal data is kept, enforced hourly by
# `beacon enforce_retention` and shown on /privacy/ (beacon.people.retention says what each
# class holds, what happens to it and from when the days count; docs/privacy.md). Each is
# overridable as BEACON_RETENTION_<CLASS>_DAYS, e.g. BEACON_RETENTION_PENDING_DAYS=14.
BEACON_RETENTION_DEFAULTS = {
    "pending": 30,  # unconfirmed signatures and letters
    "street_addresses": 30,  # after every recipient of the letter has it (or failed for good)
    "letter_texts": 30,  # likewise
    "outbound_mail": 30,  # bodies and addresses of sent (or failed) mail
    "call_records": 90,  # first names on calls
    "phone_hashes": 1,  # patch-through number and requester hashes
    "sessions": 7,  # browser sessions, from their last change (SESSION_COOKIE_AGE)
    "live_signatures": 365,  # contacts of signers on live campaigns who did not opt in
    "after_close": 90,  # contacts of supporters who did not opt in, once a campaign ends
    "opted_in": 730,  # contacts of supporters who opted in, once a campaign ends
    "audit_log": 365,  # audit log entries
    "data_links": 1,  # addresses that asked for a "Your data" link
    "withdrawn_consents": 30,  # anonymous records of news consents withdrawn
}


def _retention_days(name: str, default: int) -> int:
    variable = f"BEACON_RETENTION_{name.upper()}_DAYS"
    value = os.environ.get(variable, str(default)).strip()
    if not value.isdigit() or int(value) < 1:
        raise ImproperlyConfigured(f"{variable} must be a whole number of days, 1 or more.")
    return int(value)


BEACON_RETENTION = {
    name: _retention_days(name, days) for name, days in BEACON_RETENTION_DEFAULTS.items()
}
# A session (the address step's answers, a call list) lasts as long as the schedule says.
SESSION_COOKIE_AGE = BEACON_RETENTION["sessions"] * 24 * 3600
# Where `beacon import_officials` downloads the Open States people of Massachusetts from.
BEACON_OPENSTATES_URL = os.environ.get(
    "BEACON_OPENSTATES_URL", "https://data.openstates.org/people/current/ma.csv"
)
# Where the public data (MassGIS boundaries, Open States people) is read from.
BEACON_DATA_DIR = Path(os.environ.get("BEACON_DATA_DIR", PROJECT_DIR.parent / "shared" / "data"))

# --- Geo: boundaries, point lookup and geocoding (beacon.geo) ------------------------------
# Which geocoder places street addresses: "auto" (the default: "local" once address data is
# imported, else "town"), "local" (public address data in our database; nothing leaves the
# server), "town" (offline, resolves the city or town only) or "census" (the US Census
# Bureau; the address is sent to a federal agency), or a dotted path to a provider class.
BEACON_GEOCODER = os.environ.get("BEACON_GEOCODER", "auto")
BEACON_CENSUS_GEOCODER_URL = os.environ.get(
    "BEACON_CENSUS_GEOCODER_URL", "https://geocoding.geo.census.gov/geocoder/locations/address"
)
BEACON_CENSUS_GEOCODER_TIMEOUT = float(os.environ.get("BEACON_CENSUS_GEOCODER_TIMEOUT", "4"))
BEACON_CENSUS_GEOCODER_BENCHMARK = os.environ.get(
    "BEACON_CENSUS_GEOCODER_BENCHMARK", "Public_AR_Current"
)
# Seconds between checks that the boundary data changed (0: check on every lookup).
BEACON_GEO_INDEX_TTL = float(os.environ.get("BEACON_GEO_INDEX_TTL", "0"))
# A town's overlap with a district below this share of its area is boundary noise.
BEACON_GEO_SLIVER_SHARE = 0.005
# Seconds each process keeps the officials of a district set for the lookup page and the
# letter and call flows (0: read them on every lookup). Staff corrections and imports made
# in another process show within this time.
BEACON_OFFICIALS_CACHE_SECONDS = float(os.environ.get("BEACON_OFFICIALS_CACHE_SECONDS", "30"))
# Official sources of each boundary layer, used when BEACON_DATA_DIR lacks the file.
BEACON_DATA_URLS = {
    "house2021": "https://s3.us-east-1.amazonaws.com/download.massgis.digital.mass.gov/shapefiles/state/HOUSE2021.zip",
    "senate2021": "https://s3.us-east-1.amazonaws.com/download.massgis.digital.mass.gov/shapefiles/state/SENATE2021.zip",
    "city_town_2024": "https://s3.us-east-1.amazonaws.com/download.massgis.digital.mass.gov/shapefiles/state/townssurvey_shp.zip",
}
# Address data for the local geocoder, fetched only by `load_ma_data --download`: TIGER/Line
# address range features (one zipped shapefile per county; FIPS 25001 to 25027, odd) and
# MassGIS address points (no stable statewide shapefile URL; an operator sets one here or
# places the file in BEACON_DATA_DIR/ma/addresses/points/).
BEACON_ADDRESS_VINTAGES = {"addrfeat": "TIGER/Line 2024", "address_points": "MassGIS MAD"}
BEACON_ADDRESS_URLS = {
    "addrfeat": [
        f"https://www2.census.gov/geo/tiger/TIGER2024/ADDRFEAT/tl_2024_25{n:03d}_addrfeat.zip"
        for n in range(1, 28, 2)
    ],
    "address_points": [u for u in [os.environ.get("BEACON_ADDRESS_POINTS_URL", "")] if u],
}

# --- Delivery: outbound mail (beacon.delivery, docs/delivery.md) --------------------------
# Beacon's own sending address for mail written by supporters ("Rosa via Beacon <...>").
BEACON_DELIVERY_FROM_EMAIL = os.environ.get("BEACON_DELIVERY_FROM_EMAIL", DEFAULT_FROM_EMAIL)
# Seconds a worker may hold a message it is sending before the sweeper rescues it.
BEACON_DELIVERY_LEASE_SECONDS = float(os.environ.get("BEACON_DELIVERY_LEASE_SECONDS", "120"))
# Dotted path of the mail provider class (beacon.delivery.ports.MailProvider).
BEACON_DELIVERY_PROVIDER = os.environ.get(
    "BEACON_DELIVERY_PROVIDER", "beacon.delivery.providers.django_mail.DjangoMailProvider"
)
# Seconds before each retry of a temporary failure: 1 min, 5, 15, 1 h, 3 h, 6 h, 12 h. With
# the first attempt that makes eight; then the message fails for good.
BEACON_DELIVERY_RETRY_DELAYS = (60, 300, 900, 3600, 3 * 3600, 6 * 3600, 12 * 3600)
# The name shown after "via" in From headers.
BEACON_SITE_NAME = os.environ.get("BEACON_SITE_NAME", "Beacon")
# "user:password" that ESP bounce webhooks must send as basic auth; empty closes them.
BEACON_DELIVERY_WEBHOOK_SECRET = os.environ.get("BEACON_DELIVERY_WEBHOOK_SECRET", "")
# django-anymail settings as JSON, e.g. {"POSTMARK_SERVER_TOKEN": "..."}, used with
# BEACON_EMAIL_BACKEND=anymail.backends.postmark.EmailBackend.
ANYMAIL = json.loads(os.environ.get("BEACON_ANYMAIL", "{}"))

# --- Telephony: calls and patch-through (beacon.delivery.telephony, ADR 0006) -------------
# Dotted path of the Telephony provider class; empty: no patch-through, calls by tel: link.
BEACON_TELEPHONY_PROVIDER = os.environ.get("BEACON_TELEPHONY_PROVIDER", "")
# The number every patch-through call shows as caller ID (never the supporter's).
BEACON_TWILIO_CALLER_ID = os.environ.get("BEACON_TWILIO_CALLER_ID", "")
BEACON_TWILIO_ACCOUNT_SID = os.environ.get("BEACON_TWILIO_ACCOUNT_SID", "")
BEACON_TWILIO_AUTH_TOKEN = os.environ.get("BEACON_TWILIO_AUTH_TOKEN", "")
BEACON_TWILIO_API_URL = os.environ.get("BEACON_TWILIO_API_URL", "https://api.twilio.com")
# Seconds to wait for Twilio's REST API.
BEACON_TWILIO_TIMEOUT = float(os.environ.get("BEACON_TWILIO_TIMEOUT", "10"))

# --- Limits (beacon.core.limits, docs/security.md) ----------------------------------------
# Counters live in the database (one atomic upsert per hit) unless REDIS_URL names a Redis
# server shared by every process.
BEACON_REDIS_URL = os.environ.get("REDIS_URL", "")
BEACON_LIMITS_REDIS_PREFIX = os.environ.get("BEACON_LIMITS_REDIS_PREFIX", "beacon:limits:")
# Seconds each process keeps the RateLimit rows before reading them again.
BEACON_LIMITS_CACHE_SECONDS = float(os.environ.get("BEACON_LIMITS_CACHE_SECONDS", "30"))
# How many proxies in front of Beacon append to X-Forwarded-For (0: clients connect
# directly, and the header is ignored).
BEACON_TRUSTED_PROXY_HOPS = int(os.environ.get("BEACON_TRUSTED_PROXY_HOPS", "0"))
# The challenge past a per-client limit: a browser tries up to this many hashes (about a
# second for 100,000 on a phone).
BEACON_CHALLENGE_MAX_NUMBER = int(os.environ.get("BEACON_CHALLENGE_MAX_NUMBER", "100000"))
