"""Django settings for OpenCEN, read from the environment.

Every setting an operator may change is an ``OPENCEN_*`` variable, documented in the README.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent

OPENCEN_ENV = os.environ.get("OPENCEN_ENV", "demo").strip().lower()
if OPENCEN_ENV not in {"demo", "production"}:
    raise ImproperlyConfigured(f"OPENCEN_ENV must be 'demo' or 'production', not {OPENCEN_ENV!r}.")
PRODUCTION = OPENCEN_ENV == "production"

DATA_DIR = Path(os.environ.get("OPENCEN_DATA_DIR", PROJECT_DIR / "var")).resolve()
MEDIA_ROOT = DATA_DIR / "media"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise expects it, even before collectstatic


def _secret_key() -> str:
    """The key from the environment; in demo, one generated once and kept in the data dir."""
    key = os.environ.get("OPENCEN_SECRET_KEY", "").strip()
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("OPENCEN_ENV=production needs OPENCEN_SECRET_KEY.")
    key_file = DATA_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.touch(mode=0o600)
    key_file.write_text(key)
    return key


SECRET_KEY = _secret_key()
DEBUG = not PRODUCTION and os.environ.get("OPENCEN_DEBUG", "0") == "1"

_hosts = [h.strip() for h in os.environ.get("OPENCEN_ALLOWED_HOSTS", "").split(",") if h.strip()]
if PRODUCTION and not _hosts:
    raise ImproperlyConfigured("OPENCEN_ENV=production needs OPENCEN_ALLOWED_HOSTS.")
# The loopback names are always allowed, so a health check on the server itself works.
ALLOWED_HOSTS = [*_hosts, "127.0.0.1", "localhost", "[::1]"] + (
    [] if PRODUCTION else ["testserver"]
)

# The code other installations know us by; it is stamped on every record created here.
INSTALLATION_CODE = os.environ.get("OPENCEN_INSTALLATION_CODE", "XX-OPENCEN").strip()
INSTALLATION_COUNTRY = os.environ.get("OPENCEN_COUNTRY", "XX").strip().upper()
PORT = int(os.environ.get("OPENCEN_PORT", "8000"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "opencen.core",
    "opencen.accounts",
    "opencen.audit",
    "opencen.reference",
    "opencen.attachments",
    "opencen.seizures",
    "opencen.persons",
    "opencen.companies",
    "opencen.investigations",
    "opencen.matching",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "opencen.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "opencen.accounts.middleware.MFARequiredMiddleware",
    "opencen.core.middleware.SessionIdleTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "opencen.audit.middleware.AuditContextMiddleware",
    "opencen.core.middleware.LoginRequiredMiddleware",
]

ROOT_URLCONF = "opencen.urls"
WSGI_APPLICATION = "opencen.wsgi.application"

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
                "opencen.core.context_processors.navigation",
            ],
        },
    },
]

# Database: SQLite in the data dir unless OPENCEN_DATABASE_URL says otherwise.
_database_url = os.environ.get("OPENCEN_DATABASE_URL", "").strip()
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "opencen.sqlite3",
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Pragmas for every connection are set in opencen.core.db (connection_created signal);
    # the busy timeout is the driver's own.
    # Keep connections open between requests: a new one re-runs the pragmas and starts with a
    # cold page cache (each gunicorn thread has its own).
    DATABASES["default"]["CONN_MAX_AGE"] = 600
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update({"timeout": 20, "transaction_mode": "IMMEDIATE"})
    DATABASES["default"]["TEST"] = (
        {"NAME": str(DATA_DIR / "test-opencen.sqlite3")}
        if (os.environ.get("OPENCEN_TEST_SQLITE_FILE") == "1")
        else {}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTHENTICATION_BACKENDS = ["opencen.accounts.backends.LockoutModelBackend"]
# After this many failed sign-ins a username is refused for this many minutes.
LOCKOUT_ATTEMPTS = int(os.environ.get("OPENCEN_LOCKOUT_ATTEMPTS", "5"))
LOCKOUT_MINUTES = int(os.environ.get("OPENCEN_LOCKOUT_MINUTES", "15"))
# Two-factor authentication (TOTP): every user must enrol and verify (default in production).
MFA_REQUIRED = os.environ.get("OPENCEN_MFA_REQUIRED", "1" if PRODUCTION else "0") == "1"
OTP_TOTP_ISSUER = "OpenCEN"
# Exports (and later consultations of persons and companies) ask for a purpose first.
PURPOSE_REQUIRED = os.environ.get("OPENCEN_PURPOSE_REQUIRED", "1" if PRODUCTION else "0") == "1"
# Months after which a person's record is due for review, per data-subject category
# ("suspect=36,witness=12"; categories left out keep these defaults).
REVIEW_MONTHS = {
    "suspect": 36,
    "convicted": 60,
    "witness": 12,
    "victim": 12,
    "contact": 12,
    "other": 12,
}
for _pair in os.environ.get("OPENCEN_REVIEW_MONTHS", "").split(","):
    if "=" in _pair:
        _category, _months = (part.strip() for part in _pair.split("=", 1))
        if _category in REVIEW_MONTHS and _months.isdigit():
            REVIEW_MONTHS[_category] = int(_months)
# Days after the review date before `opencen retention apply` erases a person nobody retained.
RETENTION_GRACE_DAYS = int(os.environ.get("OPENCEN_RETENTION_GRACE_DAYS", "0") or 0)
# Staff who open the Django admin never see users' TOTP keys, QR codes or backup codes.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "opencen.accounts.validators.MaximumLengthValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
    ("ar", _("Arabic")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("OPENCEN_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Largest photo or document accepted, per file.
ATTACHMENT_MAX_BYTES = int(os.environ.get("OPENCEN_ATTACHMENT_MAX_MB", "25")) * 1024 * 1024

# Sessions and cookies.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Absolute lifetime (set at login, never extended) and idle timeout of a session, in seconds.
SESSION_COOKIE_AGE = int(os.environ.get("OPENCEN_SESSION_AGE", str(12 * 3600)))
SESSION_SAVE_EVERY_REQUEST = False
SESSION_IDLE_TIMEOUT = int(os.environ.get("OPENCEN_SESSION_IDLE", str(30 * 60)))
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = os.environ.get("OPENCEN_SSL_REDIRECT", "1") == "1"
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    CSRF_TRUSTED_ORIGINS = [f"https://{h}" for h in _hosts if not h.startswith(".")]

# Reverse proxies in front of OpenCEN that append to X-Forwarded-For (0: none; the peer
# address is the client's). With 1, the client is the last address nginx appended.
TRUSTED_PROXY_COUNT = int(os.environ.get("OPENCEN_TRUSTED_PROXIES", "0"))

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: an anonymous API call gets 401 with a WWW-Authenticate header.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "opencen.core.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "opencen.core.api.errors.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "OpenCEN API",
    "DESCRIPTION": "The OpenCEN JSON API. Code-list entries are named by their stable codes.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    # No call to the public validator service: the page must work on a closed network.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Fields of the same name ("kind", "role", "status") hold different code lists in
    # different records: each list gets its own stable name in the schema.
    "ENUM_NAME_OVERRIDES": {
        "CompanyKindEnum": "opencen.companies.choices.CompanyKind",
        "CompanyStatusEnum": "opencen.companies.choices.CompanyStatus",
        "CompanyPersonRoleEnum": "opencen.companies.choices.CompanyPersonRole",
        "CompanyInvolvementRoleEnum": "opencen.companies.choices.CompanyInvolvementRole",
        "PersonInvolvementRoleEnum": "opencen.persons.choices.InvolvementRole",
        "RouteRoleEnum": "opencen.seizures.choices.RouteRole",
        "SeizureStatusEnum": "opencen.seizures.choices.SeizureStatus",
        "InvestigationKindEnum": "opencen.investigations.choices.CaseKind",
        "InvestigationStatusEnum": "opencen.investigations.choices.CaseStatus",
        "JournalKindEnum": "opencen.investigations.choices.JournalKind",
        "AttachmentKindEnum": "opencen.attachments.choices.AttachmentKind",
        "PlaceKindEnum": "opencen.reference.choices.PlaceKind",
        "UnitKindEnum": "opencen.accounts.choices.UnitKind",
        "RoleEnum": "opencen.accounts.choices.Role",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("OPENCEN_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
