"""The one settings module. Everything that differs between environments is an environment
variable (listed with safe development values in .env.example). Settings fail closed: DEBUG is
off unless asked for, and a production start without its secrets stops with a clear error.
"""

from __future__ import annotations

import os
import re
import zoneinfo
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _read_dot_env(path: Path) -> None:
    """Fill the environment from a development .env file; real variables always win."""
    if not path.is_file() or os.environ.get("DJANGO_READ_DOT_ENV_FILE", "1") in _FALSE:
        return
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        name, _, value = line.partition("=")
        os.environ.setdefault(name.strip(), value.strip().strip("'\""))


_read_dot_env(BASE_DIR / ".env")


def env_str(name: str, default: str = "") -> str:
    """A string variable; NAME_FILE may name a file holding it (container secrets)."""
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        return Path(file_path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if raw == "":
        return default
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be 1/0, true/false, yes/no or on/off, not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def _required(name: str) -> str:
    raise ImproperlyConfigured(
        f"{name} is not set. It is required when DJANGO_DEBUG is off; see .env.example."
    )


# --- Core -------------------------------------------------------------------------------------

DEBUG = env_bool("DJANGO_DEBUG", default=False)

# A development-only key, accepted only with DEBUG on. It signs nothing of value.
_DEV_SECRET_KEY = "dev-only-insecure-key-never-used-when-debug-is-off"  # noqa: S105
SECRET_KEY = env_str("DJANGO_SECRET_KEY") or (
    _DEV_SECRET_KEY if DEBUG else _required("DJANGO_SECRET_KEY")
)
SECRET_KEY_FALLBACKS = env_list("DJANGO_SECRET_KEY_FALLBACKS", [])

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "clinic.core",  # before django_tasks_db: its db_worker adds the clinic's housekeeping
    "django_tasks_db",
    "clinic.audit",
    "clinic.locations",
    "clinic.accounts",
    "clinic.patients",
    "clinic.questionnaires",
    "clinic.enquiries",
    "clinic.newsletter",
    "clinic.content",
    "clinic.scheduling",
    "clinic.intake",
    "clinic.treatments",
    "clinic.public",
    "clinic.chart",
    "clinic.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "clinic.core.middleware.RequestIdMiddleware",
    "clinic.core.middleware.PermissionsPolicyMiddleware",
    "clinic.core.middleware.ClinicTimeZoneMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Messages before the session-lifetime check: it tells the person why they were signed out.
    "django.contrib.messages.middleware.MessageMiddleware",
    "clinic.accounts.middleware.SessionLifetimeMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "clinic.accounts.middleware.MfaEnrolmentMiddleware",
    "clinic.core.middleware.PrivateCacheMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "clinic" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # Times are printed through these filters in every template (no {% load %}).
            "builtins": ["clinic.core.templatetags.clinic_time"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "clinic.core.context_processors.branding",
                "clinic.accounts.context_processors.navigation",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------------

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DJANGO_DB_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work beside a writer; IMMEDIATE takes the write lock at BEGIN, so two
    # writers queue instead of failing half-way (the embedded database's serialised writes).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

# --- Cache ------------------------------------------------------------------------------------

_CACHE_BACKEND = env_str("DJANGO_CACHE_BACKEND", "database")
if _CACHE_BACKEND == "database":
    # Shared by every worker process, so sign-in throttles hold across gunicorn workers.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "clinic_cache",
        }
    }
elif _CACHE_BACKEND == "locmem":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    raise ImproperlyConfigured("DJANGO_CACHE_BACKEND must be 'database' or 'locmem'.")

# --- Background tasks -------------------------------------------------------------------------

_TASKS_BACKEND = env_str("DJANGO_TASKS_BACKEND", "database")
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django.tasks.backends.immediate.ImmediateBackend",
        }.get(_TASKS_BACKEND)
        or _required("DJANGO_TASKS_BACKEND (database or immediate)")
    }
}

# --- Accounts, sign-in, MFA -------------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
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
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:home"

ACCOUNT_ADAPTER = "clinic.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"  # accounts are created by the clinic, not by sign-up
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False  # a reset never skips the second factor
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False  # a reset request for an unknown address sends nothing
# allauth's own limits key on REMOTE_ADDR and count with read-then-write; the clinic's limits
# (clinic.accounts.throttle, clinic.core.ratelimit) replace every one of them.
ACCOUNT_RATE_LIMITS = False
MFA_ADAPTER = "clinic.accounts.adapter.MfaAdapter"
MFA_FORMS = {
    "authenticate": "clinic.accounts.mfa.ThrottledAuthenticateForm",
    "reauthenticate": "clinic.accounts.mfa.ThrottledReauthenticateForm",
    "authenticate_webauthn": "clinic.accounts.mfa.ThrottledAuthenticateWebAuthnForm",
    "reauthenticate_webauthn": "clinic.accounts.mfa.ThrottledReauthenticateWebAuthnForm",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG

# Sign-in throttle: failures counted per account and per address within a window.
CLINIC_SIGNIN_MAX_FAILURES_PER_ACCOUNT = env_int("CLINIC_SIGNIN_MAX_FAILURES_PER_ACCOUNT", 5)
CLINIC_SIGNIN_MAX_FAILURES_PER_IP = env_int("CLINIC_SIGNIN_MAX_FAILURES_PER_IP", 20)
CLINIC_SIGNIN_LOCKOUT_SECONDS = env_int("CLINIC_SIGNIN_LOCKOUT_SECONDS", 15 * 60)
# Second factor: a pending sign-in ends after this many wrong codes; an account locks (for the
# lockout window) after this many across sign-ins.
CLINIC_MFA_MAX_FAILURES_PER_SIGNIN = env_int("CLINIC_MFA_MAX_FAILURES_PER_SIGNIN", 5)
CLINIC_MFA_MAX_FAILURES_PER_ACCOUNT = env_int("CLINIC_MFA_MAX_FAILURES_PER_ACCOUNT", 10)
# Password reset, password change and the reset link, per client address and per hour.
CLINIC_PASSWORD_RESET_EMAILS_PER_HOUR = env_int("CLINIC_PASSWORD_RESET_EMAILS_PER_HOUR", 3)
CLINIC_ACCOUNT_FORMS_PER_HOUR = env_int("CLINIC_ACCOUNT_FORMS_PER_HOUR", 20)
# Number of trusted proxies in front of the app; 0 means REMOTE_ADDR is the client.
CLINIC_TRUSTED_PROXY_COUNT = env_int("CLINIC_TRUSTED_PROXY_COUNT", 0)

# --- Sessions ---------------------------------------------------------------------------------

# Idle sign-out: the session expires this many seconds after the last request (saved on every
# request). Absolute limit: a session older than CLINIC_SESSION_MAX_AGE is ended whatever its
# activity (NIST SP 800-63B AAL2: 30 min idle at most, 12 h overall).
SESSION_ENGINE = "clinic.accounts.session_store"  # encrypted at rest, like patient fields
# Messages live in the (encrypted) session, never in a cookie the browser could show or keep.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_COOKIE_AGE = env_int("CLINIC_SESSION_IDLE_SECONDS", 15 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CLINIC_SESSION_MAX_AGE = env_int("CLINIC_SESSION_MAX_AGE_SECONDS", 12 * 60 * 60)

# --- Transport and browser security -----------------------------------------------------------

_SECURE_COOKIES = env_bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_SECURE = _SECURE_COOKIES
CSRF_COOKIE_SECURE = _SECURE_COOKIES
# The __Host- prefix pins a cookie to this exact host over HTTPS; browsers refuse it on HTTP.
SESSION_COOKIE_NAME = "__Host-sessionid" if _SECURE_COOKIES else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if _SECURE_COOKIES else "csrftoken"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("DJANGO_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy: this host only, scripts and styles only with the per-response nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# --- Static files -----------------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "clinic" / "static"]
_MANIFEST = env_bool("DJANGO_STATIC_MANIFEST", default=not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if _MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not _MANIFEST

# --- Email ------------------------------------------------------------------------------------

# Django 6.1 mailers. Development prints mail to the console; production sends by SMTP.
_MAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND", "console" if DEBUG else "smtp")
MAILERS: dict[str, dict[str, object]]
if _MAIL_BACKEND == "console":
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
elif _MAIL_BACKEND == "smtp":
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env_str("DJANGO_EMAIL_HOST", "localhost"),
                "port": env_int("DJANGO_EMAIL_PORT", 587),
                "username": env_str("DJANGO_EMAIL_HOST_USER"),
                "password": env_str("DJANGO_EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("DJANGO_EMAIL_USE_TLS", True),
                "timeout": 20,
            },
        }
    }
else:
    raise ImproperlyConfigured("DJANGO_EMAIL_BACKEND must be 'console' or 'smtp'.")
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "clinic@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Time and language ------------------------------------------------------------------------

LANGUAGE_CODE = "en-us"
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"  # storage; the clinic's own zone is CLINIC_TIME_ZONE, used for display and rules
CLINIC_TIME_ZONE = env_str("CLINIC_TIME_ZONE", "America/Chicago")
try:
    zoneinfo.ZoneInfo(CLINIC_TIME_ZONE)
except (zoneinfo.ZoneInfoNotFoundError, ValueError):
    raise ImproperlyConfigured(
        f"CLINIC_TIME_ZONE {CLINIC_TIME_ZONE!r} is not an IANA zone."
    ) from None

# --- The clinic's own identity (checked for contrast by clinic.core.checks) ------------------

CLINIC_NAME = env_str("CLINIC_NAME", "Prairie Ketamine Clinics")
CLINIC_LOGO = env_str("CLINIC_LOGO", "img/logo.svg")  # a path among the static files
CLINIC_BRAND_COLOR = env_str("CLINIC_BRAND_COLOR", "#0b5563")
CLINIC_ACCENT_COLOR = env_str("CLINIC_ACCENT_COLOR", "#8a3b12")
for _name in ("CLINIC_BRAND_COLOR", "CLINIC_ACCENT_COLOR"):
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", globals()[_name]):
        raise ImproperlyConfigured(f"{_name} must be a colour of the form #rrggbb.")
CLINIC_CRISIS_PHONE = env_str("CLINIC_CRISIS_PHONE", "988")
CLINIC_MAIN_PHONE = env_str("CLINIC_MAIN_PHONE", "(214) 555-0100")

ADMIN_URL = env_str("DJANGO_ADMIN_URL", "admin/")
# The address staff and patients reach the site at, for links in emails.
CLINIC_BASE_URL = env_str("CLINIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# Text messages for reminders: "console" writes them to the log (development only: it shows
# numbers and appointments), "locmem" keeps them in memory (tests), "none" sends no text
# messages (reminders go by email alone); a provider's backend is a dotted path to a class with
# send_messages(). Without DEBUG it must be set: no reminder is ever marked sent unsent.
_SMS_BACKENDS = {
    "console": "clinic.core.sms.ConsoleBackend",
    "locmem": "clinic.core.sms.LocmemBackend",
    "none": "",
}
_SMS_CHOICE = env_str("CLINIC_SMS_BACKEND", "console" if DEBUG else "")
if not _SMS_CHOICE:
    raise ImproperlyConfigured(
        "CLINIC_SMS_BACKEND is not set: name a text-message provider's backend (a dotted path), "
        "or 'none' to send reminders by email only."
    )
if _SMS_CHOICE == "console" and not DEBUG:
    raise ImproperlyConfigured(
        "CLINIC_SMS_BACKEND=console writes messages to the log instead of sending them; it is "
        "for development. Set a provider's backend, or 'none'."
    )
CLINIC_SMS_BACKEND = _SMS_BACKENDS.get(_SMS_CHOICE, _SMS_CHOICE)  # "" means no text messages

# The outbox and the worker's housekeeping (clinic.core.outbox, clinic.core.worker).
CLINIC_OUTBOX_GIVE_UP_HOURS = env_int("CLINIC_OUTBOX_GIVE_UP_HOURS", 24)  # then shown as failed
CLINIC_OUTBOX_LEASE_SECONDS = env_int("CLINIC_OUTBOX_LEASE_SECONDS", 300)  # longer than a send
CLINIC_OUTBOX_FIRST_RETRY_SECONDS = env_int("CLINIC_OUTBOX_FIRST_RETRY_SECONDS", 60)  # doubles
CLINIC_OUTBOX_KEEP_DAYS = env_int("CLINIC_OUTBOX_KEEP_DAYS", 30)  # sent messages, then deleted
CLINIC_TASK_RESULTS_KEEP_HOURS = env_int("CLINIC_TASK_RESULTS_KEEP_HOURS", 24)
CLINIC_WORKER_SWEEP_SECONDS = env_int("CLINIC_WORKER_SWEEP_SECONDS", 30)
CLINIC_WORKER_JOBS = ["clinic.scheduling.reminders.reminders_send_due"]

# --- Keys for patient data (never derived from SECRET_KEY, never stored in the database) -----

# Development-only keys, accepted only with DEBUG on: anything encrypted with them is not secret.
_DEV_ENCRYPTION_KEYS = "dev:ZGV2LW9ubHktZmllbGQta2V5LW5vdC1hLXNlY3JldCE="
_DEV_BLIND_INDEX_KEY = "ZGV2LW9ubHktYmxpbmQtaW5kZXgta2V5LXNlY3JldCE="
_DEV_AUDIT_KEY = "ZGV2LW9ubHktYXVkaXQtY2hhaW4ta2V5LXNlY3JldCE="
# Field encryption keyring: "id:base64,id:base64"; the active key encrypts, all decrypt.
CLINIC_ENCRYPTION_KEYS = env_str("CLINIC_ENCRYPTION_KEYS") or (
    _DEV_ENCRYPTION_KEYS if DEBUG else _required("CLINIC_ENCRYPTION_KEYS")
)
CLINIC_ENCRYPTION_ACTIVE_KEY = env_str("CLINIC_ENCRYPTION_ACTIVE_KEY")  # default: the first
CLINIC_BLIND_INDEX_KEY = env_str("CLINIC_BLIND_INDEX_KEY") or (
    _DEV_BLIND_INDEX_KEY if DEBUG else _required("CLINIC_BLIND_INDEX_KEY")
)
CLINIC_AUDIT_KEY = env_str("CLINIC_AUDIT_KEY") or (
    _DEV_AUDIT_KEY if DEBUG else _required("CLINIC_AUDIT_KEY")
)
# --- Clinical thresholds: clinic settings with safe defaults (see clinical.md §3) ------------

# SAFE DEFAULT 1: any answer above "Not at all" to PHQ-9 item 9 (thoughts of being better off
# dead or of self-harm) shows crisis resources and marks a request urgent. Raising it is refused.
CLINIC_SAFETY_ITEM_ALERT_AT = env_int("CLINIC_SAFETY_ITEM_ALERT_AT", 1)
if CLINIC_SAFETY_ITEM_ALERT_AT != 1:
    raise ImproperlyConfigured(
        "CLINIC_SAFETY_ITEM_ALERT_AT must stay 1: any sign of suicidal thoughts opens the "
        "crisis path."
    )
# DEFAULT 33: PCL-5 provisional PTSD cut-point (31-33 in the literature).
CLINIC_PCL5_CUTPOINT = env_int("CLINIC_PCL5_CUTPOINT", 33)

# Break-glass access to a chart outside one's locations lasts this long.
CLINIC_BREAK_GLASS_SECONDS = env_int("CLINIC_BREAK_GLASS_SECONDS", 60 * 60)
# An intake link works for this many days after it is sent.
CLINIC_INTAKE_LINK_DAYS = env_int("CLINIC_INTAKE_LINK_DAYS", 14)
# Uploaded scans (consents, insurance cards): at most this many bytes each.
CLINIC_UPLOAD_MAX_BYTES = env_int("CLINIC_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)

# --- Logging ----------------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "clinic.core.logging.RequestIdFilter"}},
    "formatters": {
        "plain": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
}
