"""The one settings module: everything that differs between machines comes from the environment."""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY 未设置：DEBUG 关闭时必须通过环境变量提供 SECRET_KEY。")
    SECRET_KEY = "insecure-development-key-only-for-debug-mode"

# Keys for personal data at rest (portal/crypto.py): base64 of 32 random bytes each; the first encrypts.
# Generate one with: python -c "import base64,os; print(base64.urlsafe_b64encode(os.urandom(32)).decode())"
PERSONAL_DATA_KEYS = env.list("PERSONAL_DATA_KEYS", default=[])
if not PERSONAL_DATA_KEYS:
    if not DEBUG:
        raise ImproperlyConfigured("PERSONAL_DATA_KEYS 未设置：DEBUG 关闭时必须提供加密个人信息的密钥。")
    PERSONAL_DATA_KEYS = ["ZGV2ZWxvcG1lbnQtb25seS1rZXktMzItYnl0ZXMhISE="]  # development only

# The audit log's key (portal/audit_chain.py): base64 of 32 random bytes, HMAC of every audit row and signature
# of the checkpoints outside the database. Never stored in the database; rotate by moving the old key to
# AUDIT_CHAIN_OLD_KEYS (docs/operations.md).
AUDIT_CHAIN_KEY = env.str("AUDIT_CHAIN_KEY", default="")
if not AUDIT_CHAIN_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("AUDIT_CHAIN_KEY 未设置：DEBUG 关闭时必须提供审计日志的密钥。")
    AUDIT_CHAIN_KEY = "ZGV2ZWxvcG1lbnQtb25seS1hdWRpdC1rZXktMzJieXQ="  # development only
AUDIT_CHAIN_OLD_KEYS = env.list("AUDIT_CHAIN_OLD_KEYS", default=[])
# Days a checkpoint is kept under object lock (compliance mode) where the private bucket has object lock on.
AUDIT_CHECKPOINT_LOCK_DAYS = env.int("AUDIT_CHECKPOINT_LOCK_DAYS", default=400)

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "portal.apps.PortalAdminConfig",
    "django_filters",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks_db",
    "portal.apps.PortalConfig",
    "disclosure.apps.DisclosureConfig",
    "requests_app.apps.RequestsAppConfig",
    "review.apps.ReviewConfig",
    "supervision.apps.SupervisionConfig",
    "consultations.apps.ConsultationsConfig",
]

MIDDLEWARE = [
    # The header-setting middleware stands first, so that a request refused further in (a 400 for an unknown
    # host, a 403 for a missing CSRF token) carries the same security headers as any page.
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "portal.middleware.SignInPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
    "portal.middleware.NoStoreMiddleware",
    "portal.visits.VisitCounter",
]
# Page views and daily unique visitors, counted without cookies or stored identifiers (portal/visits.py).
VISIT_COUNTING = env.bool("VISIT_COUNTING", default=True)

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

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
                "django.template.context_processors.csp",
                "portal.context_processors.site",
            ],
            "builtins": ["portal.templatetags.portal_tags"],
        },
    },
]

# Database: SQLite under var/ by default; PostgreSQL (or any backend) through DATABASE_URL.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    if DATABASES["default"]["NAME"] not in ("", ":memory:"):
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # WAL lets readers go on while one writer writes; foreign keys are on in Django's backend.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
# Connections kept between requests (each worker its own): opening one costs SQLite about 10 ms a request with
# its PRAGMAs, and PostgreSQL a round trip and authentication. bench/consultation.py measures the difference.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://portal")}

# EMAIL_URL (smtp+tls://user:password@host:587, consolemail://, …) becomes Django 6.1's MAILERS.
_email = env.email("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
_smtp_options = {
    "host": _email.get("EMAIL_HOST"),
    "port": _email.get("EMAIL_PORT"),
    "username": _email.get("EMAIL_HOST_USER"),
    "password": _email.get("EMAIL_HOST_PASSWORD"),
    "use_tls": _email.get("EMAIL_USE_TLS", False),
    "use_ssl": _email.get("EMAIL_USE_SSL", False),
    "timeout": 20,
}
MAILERS = {
    "default": {
        "BACKEND": _email["EMAIL_BACKEND"],
        "OPTIONS": {k: v for k, v in _smtp_options.items() if v not in (None, "")}
        if _email["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
        else {},
    }
}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="noreply@localhost")
# The portal's own address, for links in emails sent outside a request (reminders, digests), the sitemap and the
# export files: configured once, required in production (and `check --deploy` wants it https and public).
SITE_URL = env.str("SITE_URL", default="").rstrip("/")
if not SITE_URL:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SITE_URL 未设置：DEBUG 关闭时必须提供门户对外的地址（例如 https://gk.example.gov.cn），"
            "邮件中的链接、站点地图和目录文件都使用它。"
        )
    SITE_URL = "http://127.0.0.1:8000"
# The national 政府网站找错 platform the footer links to (empty: no link).
NATIONAL_ERROR_PLATFORM_URL = env.str("NATIONAL_ERROR_PLATFORM_URL", default="https://zfwzzc.www.gov.cn/")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Audit rows are kept this many days (at least 180, 网络安全法 第二十一条) before the audit administrator
# may purge them.
AUDIT_RETENTION_DAYS = env.int("AUDIT_RETENTION_DAYS", default=180)

# Staff passwords (portal/passwords.py). Defaults follow 等保 三级; docs/operations.md says where OWASP ASVS differs
# (it asks for no composition rules and no rotation: PASSWORD_CHARACTER_CLASSES=0 PASSWORD_MAX_AGE_DAYS=0).
PASSWORD_MIN_LENGTH = env.int("PASSWORD_MIN_LENGTH", default=12)
PASSWORD_CHARACTER_CLASSES = env.int("PASSWORD_CHARACTER_CLASSES", default=3)
PASSWORD_HISTORY = env.int("PASSWORD_HISTORY", default=5)
PASSWORD_MAX_AGE_DAYS = env.int("PASSWORD_MAX_AGE_DAYS", default=90)
# A password set by an administrator (initial or reset) must be changed by its owner at the next sign-in.
PASSWORD_CHANGE_ON_RESET = env.bool("PASSWORD_CHANGE_ON_RESET", default=True)
# A reset link mailed to the owner works this long (seconds).
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=24 * 3600)
RESERVED_USERNAMES = env.list(
    "RESERVED_USERNAMES",
    default=["admin", "administrator", "root", "test", "guest", "system", "sa", "superuser", "user", "demo",
             "support", "operator", "webmaster", "postmaster", "null", "anonymous"],
)  # fmt: skip
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "portal.passwords.CharacterClassesValidator"},
    {"NAME": "portal.passwords.PasswordHistoryValidator"},
]
# Argon2 first; older hashes are upgraded at the owner's next sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# A one-time code from an authenticator app (TOTP, django-otp) as every staff member's second factor, with
# recovery codes. The demo (`make run`) turns it off so the README's accounts sign in with a password alone.
STAFF_SECOND_FACTOR = env.bool("STAFF_SECOND_FACTOR", default=True)
STAFF_RECOVERY_CODES = env.int("STAFF_RECOVERY_CODES", default=10)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="政府信息公开平台")
# A staff session ends after this long without a request, and in any case this long after signing in.
STAFF_IDLE_MINUTES = env.int("STAFF_IDLE_MINUTES", default=15)
STAFF_SESSION_HOURS = env.int("STAFF_SESSION_HOURS", default=8)
# A refused sign-in answers no sooner than this (seconds), whether the account exists or not: checking a real
# account's password (an older PBKDF2 hash especially) takes longer than the dummy hash for an unknown name.
SIGN_IN_FAILURE_SECONDS = env.float("SIGN_IN_FAILURE_SECONDS", default=0.6)
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling (django-axes): after LOGIN_FAILURE_LIMIT failures from one address for one account,
# that pair is locked for LOGIN_LOCKOUT_MINUTES; the security administrator can unlock it earlier.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "portal/staff/locked_out.html"
AXES_ENABLE_ADMIN = False  # registered under the security administrator's duty in portal/admin.py
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "portal.services.client_ip"  # one rule for the client's address, proxy-aware
# Reverse proxies (addresses or networks) whose X-Forwarded-For is believed; empty: REMOTE_ADDR is the client.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
LOGIN_URL = "portal:staff-login"
LOGIN_REDIRECT_URL = "portal:workbench"
LOGOUT_REDIRECT_URL = "portal:staff-login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]  # Chinese for what Django and django-axes leave in English
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["portal.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "var" / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files go through Django's storage API (portal/storage.py): local folders by default, S3-compatible object storage
# shared by every node when S3_ENDPOINT_URL is set (docs/deployment.md).
S3_ENDPOINT_URL = env("S3_ENDPOINT_URL", default="")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "portal.storage.PrivateFolder"},
    "exports": {"BACKEND": "portal.storage.ExportFolder"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
if S3_ENDPOINT_URL:
    _needed = ("S3_ACCESS_KEY", "S3_SECRET_KEY", "S3_BUCKET", "S3_PRIVATE_BUCKET")
    _missing = [name for name in _needed if not env(name, default="")]
    if _missing:
        raise ImproperlyConfigured(f"已设置 S3_ENDPOINT_URL，但缺少 {'、'.join(_missing)}：对象存储需要这些设置。")
    from portal.storage import s3_storages

    STORAGES |= s3_storages(
        endpoint=S3_ENDPOINT_URL, access_key=env("S3_ACCESS_KEY"), secret_key=env("S3_SECRET_KEY"),
        region=env("S3_REGION", default=""), public=env("S3_BUCKET"), private=env("S3_PRIVATE_BUCKET"),
    )  # fmt: skip
WHITENOISE_USE_FINDERS = DEBUG
Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
# Files that are never public (applicants' attachments): no URL, served by staff views after a permission check.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "var" / "private")
# The whole catalogue's CSV and Excel files, rebuilt in the background after changes (disclosure/exports.py).
EXPORT_ROOT = env.path("EXPORT_ROOT", default=BASE_DIR / "var" / "exports")
# Where `manage.py backup` writes (docs/operations.md: copy it off the server).
BACKUP_DIR = env.path("BACKUP_DIR", default=BASE_DIR / "var" / "backups")

# Background work (mail delivery) through Django's tasks framework: the database backend persists tasks, and
# `manage.py db_worker` runs them (started by `make run`; run it beside gunicorn in production).
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}}
MAIL_MAX_ATTEMPTS = env.int("MAIL_MAX_ATTEMPTS", default=8)

# 依申请公开 (requests_app): whether waiting for a processing fee pauses the reply clock (regulation.md §1.6,
# [choice], default off); the working days between telling a third party its objection is overruled and
# providing the information (§1.3, [choice], default 0); whether final replies wait for the disclosure office
# head's sign-off (§1.5, [choice], default on); and the working days before a deadline when reminders start.
FEE_WAIT_PAUSES_CLOCK = env.bool("FEE_WAIT_PAUSES_CLOCK", default=False)
OVERRIDE_WAIT_WORKING_DAYS = env.int("OVERRIDE_WAIT_WORKING_DAYS", default=0)
REPLY_SIGN_OFF = env.bool("REPLY_SIGN_OFF", default=True)
# An online application not submitted within this many hours is discarded, its uploads too (the form says so).
DRAFT_LIFETIME_HOURS = env.int("DRAFT_LIFETIME_HOURS", default=48)
# Online applications one address may submit in an hour (anti-automation; a family or office shares an address).
APPLICATIONS_PER_ADDRESS_HOUR = env.int("APPLICATIONS_PER_ADDRESS_HOUR", default=20)
# Public forms (online applications, tracking look-ups) ask the browser to solve a proof-of-work challenge once
# one address has made this many submissions (or failed look-ups) within the window; the difficulty is the
# largest number the browser may have to try (on average half of it, one SHA-256 each).
CHALLENGE_AFTER = env.int("CHALLENGE_AFTER", default=3)
CHALLENGE_MAX_NUMBER = env.int("CHALLENGE_MAX_NUMBER", default=100_000)
# An application's ID number, phone, address and e-mail are destroyed this many days after it closed (the case,
# its notices and the statistics stay): two years covers reconsideration (60 days) and a lawsuit (six months,
# one year where the notice omitted the right to sue) with room for a remand.
PERSONAL_DATA_RETENTION_DAYS = env.int("PERSONAL_DATA_RETENTION_DAYS", default=730)
# Comments on consultations one address may send in an hour (the challenge comes first, after CHALLENGE_AFTER).
COMMENTS_PER_ADDRESS_HOUR = env.int("COMMENTS_PER_ADDRESS_HOUR", default=30)
REMINDER_WORKING_DAYS = env.int("REMINDER_WORKING_DAYS", default=3)
# Complaints and reports about disclosure work (条例 第四十七条、第五十一条) are answered within this many working
# days; an error reported about the site itself (网站纠错) within 3, as website inspections score it.
COMPLAINT_REPLY_WORKING_DAYS = env.int("COMPLAINT_REPLY_WORKING_DAYS", default=15)
SITE_ERROR_REPLY_WORKING_DAYS = env.int("SITE_ERROR_REPLY_WORKING_DAYS", default=3)
# Questions to an organisation (政务咨询, 互动交流) are answered within this many working days; the inspection of
# government websites fails a site whose messages stay unanswered (互动回应差), in practice for three months.
QUESTION_REPLY_WORKING_DAYS = env.int("QUESTION_REPLY_WORKING_DAYS", default=5)
# 三同步 (国办发〔2016〕80号 实施细则): an interpretation follows its policy within this many working days (local
# rules allow at most three); the genres that need one (行政规范性文件 by default).
INTERPRETATION_WORKING_DAYS = env.int("INTERPRETATION_WORKING_DAYS", default=3)
INTERPRETATION_GENRES = env.list("INTERPRETATION_GENRES", default=["normative"])
# The supervision dashboard's figures are kept this many seconds (the page says when they were computed).
DASHBOARD_CACHE_SECONDS = env.int("DASHBOARD_CACHE_SECONDS", default=300)

# Security: production defaults follow `check --deploy`; each can be relaxed by the environment.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_PROXY", default=False) else None
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
# __Host- cookies: only over HTTPS, for this host alone, for the whole site (no Domain attribute can be set)
SESSION_COOKIE_NAME = "__Host-sessionid" if SESSION_COOKIE_SECURE else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if CSRF_COOKIE_SECURE else "csrftoken"
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=STAFF_SESSION_HOURS * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}


# Where the working-day calendar's local copy is checked against the shared cache (seconds).
WORKDAYS_RECHECK_SECONDS = env.float("WORKDAYS_RECHECK_SECONDS", default=1.0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
