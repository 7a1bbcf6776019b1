"""Settings for Ressourcebanken, read from environment variables.

The defaults are safe for development: an SQLite file under var/, mail to the console, DEBUG on.
Production sets DJANGO_DEBUG=0, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and DATABASE_URL.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("RESSOURCEBANK_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)
DEVELOPMENT_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-5f1c2b"  # noqa: S105 - committed on purpose
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "").strip() or DEVELOPMENT_SECRET_KEY


def _is_real_secret_key(key: str) -> bool:
    """Django's own measure (check W009: 50 characters, 5 different ones), and never a key in the repository."""
    return (
        key != DEVELOPMENT_SECRET_KEY
        and not key.startswith("django-insecure-")
        and len(key) >= 50
        and len(set(key)) >= 5
    )


if not DEBUG and not _is_real_secret_key(SECRET_KEY):
    # The committed key signs sessions and reset links anyone could forge: refuse to start at all.
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "DJANGO_DEBUG=0 needs a real DJANGO_SECRET_KEY: at least 50 random characters, not the development key. "
        'Make one with: python -c "import secrets; print(secrets.token_urlsafe(50))"'
    )
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")
# A form sent from a page left open too long is answered in Danish, in the site's layout.
CSRF_FAILURE_VIEW = "ressourcebank.pages.views.csrf_failure"
# The address links in mails point to; requests are not trusted for it.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "ressourcebank.accounts",
    "ressourcebank.taxonomy",
    "ressourcebank.offers",
    "ressourcebank.needs",
    "ressourcebank.search",
    "ressourcebank.matching",
    "ressourcebank.connections",
    "ressourcebank.inbox",
    "ressourcebank.appointments",
    "ressourcebank.cases",
    "ressourcebank.placements",
    "ressourcebank.activities",
    "ressourcebank.guide",
    "ressourcebank.brochure",
    "ressourcebank.notifications",
    "ressourcebank.pages",
    "ressourcebank.staff",
    "ressourcebank.api",
    "ressourcebank.audit",
    "ressourcebank.schedule",
    "ressourcebank.transfer",
    "ressourcebank.demo",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_tasks_db",
    # Only for its bundled Swagger UI files: /api/v1/docs then loads no script from a CDN (CSP).
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Above sessions and authentication: a hit for an anonymous visitor skips them (see its docstring).
    "ressourcebank.pages.cache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ressourcebank.pages.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "ressourcebank.accounts.middleware.SecondFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Last, so that it sees the outcome of the authentication backends.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ressourcebank.notifications.context_processors.unread_events",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# Embedded default: SQLite in WAL mode with IMMEDIATE transactions, so that concurrent writers
# queue on the busy timeout instead of failing with "database is locked" mid-transaction.
DEFAULT_SQLITE_PATH = VAR_DIR / "ressourcebank.sqlite3"
if "DATABASE_URL" not in os.environ:
    # So that `manage.py runserver` works on a fresh clone with no set-up at all.
    DEFAULT_SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DEFAULT_SQLITE_PATH}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA foreign_keys=ON;"
            "PRAGMA mmap_size=268435456;"
            "PRAGMA cache_size=-65536;"
        ),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Each process keeps its own cache by default; REDIS_URL shares one between app servers.
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
        if os.environ.get("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}}
    )
}
# The public lists anonymous visitors share (ressourcebank/pages/cache.py), and for how long.
PUBLIC_PAGE_CACHE_SECONDS = int(os.environ.get("PUBLIC_PAGE_CACHE_SECONDS", "30"))
PUBLIC_PAGE_CACHE_PATHS = ["/tilbud/", "/behov/", "/api/v1/offers", "/api/v1/categories", "/api/v1/areas"]

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out client is refused before its password is even checked.
    "axes.backends.AxesStandaloneBackend",
    # Django's, reading the logged-in person's row with one plain query (accounts/backends.py).
    "ressourcebank.accounts.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "pages:home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day: long enough for a citizen who checks mail rarely

# django-axes: five wrong passwords for the same account from the same address lock it for 30 min.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
# Counted by the e-mail as login matches it (any letter case), from the address our proxies saw.
AXES_USERNAME_CALLABLE = "ressourcebank.accounts.lockout.lockout_username"
AXES_CLIENT_IP_CALLABLE = "ressourcebank.accounts.lockout.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

OTP_TOTP_ISSUER = "Ressourcebanken"

# --- Sessions and security ------------------------------------------------------------------
# Django's database sessions, read with one plain query per request (accounts/sessions.py).
SESSION_ENGINE = "ressourcebank.accounts.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 12
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = 0 if DEBUG else 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("DJANGO_BEHIND_PROXY", False) else None
# How many proxies of ours stand in front of the app: the client's address is then the one the first
# of them appended to X-Forwarded-For (ressourcebank/accounts/lockout.py). 0: REMOTE_ADDR, the header
# ignored. Defaults to 1 behind a proxy, so that the lockout and rate limits see clients, not the proxy.
TRUSTED_PROXY_COUNT = int(
    os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "1" if env_bool("DJANGO_BEHIND_PROXY", False) else "0")
)
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Scripts only from our own origin: DKFDS and htmx are served from static files.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    # No inline scripts at all, so no nonce: pages stay the same for every visitor and can be cached.
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# --- Mail -----------------------------------------------------------------------------------
# Django 6.1's MAILERS. MAIL_BACKEND chooses: "smtp" in production, "console" (the default) or
# "file" (one file per mail under EMAIL_FILE_PATH) in development.
_MAIL_BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
}
_mail_backend = os.environ.get("MAIL_BACKEND", "console")
MAILERS = {
    "default": {
        "BACKEND": _MAIL_BACKENDS.get(_mail_backend, _mail_backend),
        "OPTIONS": {
            "smtp": {
                "host": os.environ.get("EMAIL_HOST", "localhost"),
                "port": int(os.environ.get("EMAIL_PORT", "25")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", False),
                "timeout": 30,
            },
            "file": {"file_path": os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))},
        }.get(_mail_backend, {}),
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Ressourcebanken <noreply@ressourcebank.test>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# A mail or SMS "sending" for longer than this was left by a worker that died, and is sent again
# (notifications/delivery.py). Longer than any real send; 15 minutes.
OUTBOX_STUCK_AFTER_SECONDS = int(os.environ.get("OUTBOX_STUCK_AFTER_SECONDS", "900"))

# --- SMS ------------------------------------------------------------------------------------
# Like MAIL_BACKEND (ressourcebank/notifications/sms.py): "console" (the default) or "file" (one
# file per SMS under SMS_FILE_PATH) in development, "http" (the municipality's SMS gateway) in
# production, or a dotted path to a backend class. SMS go through the same outbox as mail.
SMS_BACKEND = os.environ.get("SMS_BACKEND", "console")
SMS_FILE_PATH = os.environ.get("SMS_FILE_PATH", str(VAR_DIR / "sms"))
SMS_GATEWAY_URL = os.environ.get("SMS_GATEWAY_URL", "")
SMS_GATEWAY_TOKEN = os.environ.get("SMS_GATEWAY_TOKEN", "")
# The sender name the phone shows: at most 11 letters or digits for an alphanumeric sender.
SMS_SENDER = os.environ.get("SMS_SENDER", "Randers")
SMS_GATEWAY_TIMEOUT = int(os.environ.get("SMS_GATEWAY_TIMEOUT", "30"))

# --- Background work ------------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# --- Language and time ----------------------------------------------------------------------
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Dansk")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# Citizens' attachments (inbox): outside the web root and without a URL; staff get them through a
# view that checks who asks and logs the read. Behind several app servers, a shared volume.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("dkfds", BASE_DIR / "node_modules" / "dkfds" / "dist"),
    ("htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            # whitenoise's, each URL worked out once per process (pages/storage.py).
            else "ressourcebank.pages.storage.StaticFilesStorage"
        )
    },
}

# --- Inbox: citizens' messages to the municipality ---------------------------------------------
# The status link in the receipt and in each answer works this many days; every answer sends a new one.
INBOX_LINK_MAX_AGE_DAYS = int(os.environ.get("INBOX_LINK_MAX_AGE_DAYS", "90"))
# Messages one client may send in an hour, through the form and the API together (no CAPTCHA).
INBOX_RATE_PER_HOUR = int(os.environ.get("INBOX_RATE_PER_HOUR", "10"))

# --- Search ---------------------------------------------------------------------------------
# At most this many matches are ranked for one query; see ressourcebank/search/README in the module
# docstring for why common words must not decide the latency.
# 1,000 (was 2,000): counting further doubled the cost of a common word at a million offers on
# PostgreSQL (bench/RESULTS.md); past 1,000 the page says "more than 1.000".
SEARCH_MAX_CANDIDATES = int(os.environ.get("SEARCH_MAX_CANDIDATES", "1000"))
# Only the newest this many matches are ranked by relevance; older ones follow newest first.
SEARCH_RANK_WINDOW = int(os.environ.get("SEARCH_RANK_WINDOW", "200"))

# --- The access log (ressourcebank/audit) ----------------------------------------------------
# The organisation an employee acted for, as the log remembers it ("a tovholder at …").
ACCESS_LOG_ORGANISATION = os.environ.get("ACCESS_LOG_ORGANISATION", "Randers Kommune")
# Where anchor_access_log appends the log's head (last number and hash). In production: storage the
# database's users cannot rewrite (an append-only mount, another host), so a removed tail shows.
ACCESS_LOG_ANCHOR_PATH = Path(os.environ.get("ACCESS_LOG_ANCHOR_PATH", VAR_DIR / "access-log-anchors.jsonl"))
# Who may search the log at /staff/adgangslog/. Not administrators by default: they are the ones
# break-glass lets read more, and the log is what holds them to account.
ACCESS_LOG_READER_ROLES = env_list("ACCESS_LOG_READER_ROLES", "auditor")
# Who may open break-glass access, and for how long at most.
BREAK_GLASS_ROLES = env_list("BREAK_GLASS_ROLES", "admin")
BREAK_GLASS_MAX_MINUTES = int(os.environ.get("BREAK_GLASS_MAX_MINUTES", "240"))

# --- The citizen's rights (accounts.personal_data, cases.retention) --------------------------
# Who may take out a citizen's data on the citizen's request (/staff/borgerdata/); every export
# is in the access log with the reason. Not administrators: they administer the site, not people.
DATA_REQUEST_ROLES = env_list("DATA_REQUEST_ROLES", "staff")
# How long a closed case is kept before the daily job anonymises it (days after it closed; 5 years).
CASE_RETENTION_DAYS = int(os.environ.get("CASE_RETENTION_DAYS", str(5 * 365)))

# --- Logging: no personal data; request paths carry none by design. -------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # The brochure's PDF: WeasyPrint logs every layout step and fontTools every glyph at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
