"""Django settings, read from the environment.

Every knob is an environment variable (see README "Configuration"). A value
that cannot be parsed fails at start with ImproperlyConfigured, never later.
``HOLARCHY_PRODUCTION=1`` switches on the hardened mode that passes
``manage.py check --deploy``.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

PRODUCTION = env.bool("HOLARCHY_PRODUCTION", default=False)
# Debug pages show settings and source: only when asked for, for local development (and then only to staff,
# see holarchy.exceptions.StaffOnlyExceptionReporter).
DEBUG = env.bool("DJANGO_DEBUG", default=False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DJANGO_DEBUG must be off when HOLARCHY_PRODUCTION=1")

DEVELOPMENT_SECRET_KEY = "dev-only-insecure-key-change-me"
if PRODUCTION:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY")
    if SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be a secret of at least 50 characters in production")
else:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY", default=DEVELOPMENT_SECRET_KEY)

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[] if PRODUCTION else ["*"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files, served by us: /api/docs/ works offline
    "holarchy.accounts",
    "holarchy.modeling",
    "simulations",
    "holarchy.reviews",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "holarchy.security.ContentSecurityPolicyMiddleware",
    "holarchy.accounts.audit.AuditMiddleware",
]

ROOT_URLCONF = "holarchy.urls"
DEFAULT_EXCEPTION_REPORTER = "holarchy.exceptions.StaffOnlyExceptionReporter"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Password-reset and invitation e-mails: printed on the console unless an SMTP server is configured.
EMAIL_BACKEND = env.str("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("DJANGO_EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("DJANGO_EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("DJANGO_EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("DJANGO_EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("DJANGO_EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="holarchy@localhost")
WSGI_APPLICATION = "holarchy.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SQLite is the embedded default; DATABASE_URL=postgres://... selects PostgreSQL.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'holarchy.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(exist_ok=True)
    # The test database is a file so that real worker processes can open it too.
    DATABASES["default"]["TEST"] = {"NAME": env.str("TEST_DATABASE_PATH", default=str(VAR_DIR / "test.sqlite3"))}
    # Concurrent edits wait for each other instead of failing with "database is locked": readers never block
    # the writer (WAL), a writer waits up to 30 s for another (busy timeout), and a transaction takes the write
    # lock when it begins (IMMEDIATE), so two transactions never both read and then deadlock on upgrading.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        timeout=30, transaction_mode="IMMEDIATE", init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# The built single-page app (frontend/dist) is served as static files by WhiteNoise.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
FRONTEND_DIST = BASE_DIR / "frontend" / "dist"
STATICFILES_DIRS = [FRONTEND_DIST] if FRONTEND_DIST.is_dir() else []
# Uploaded and produced files (run traces): local files under MEDIA_ROOT by default; STORAGE_BACKEND and
# STORAGE_OPTIONS (JSON) select any Django storage, e.g. a django-storages object store shared by every machine.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {
        "BACKEND": env.str("STORAGE_BACKEND", default="django.core.files.storage.FileSystemStorage"),
        "OPTIONS": env.json("STORAGE_OPTIONS", default={}),
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "holarchy.accounts.tokens.ApiTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": [
        "holarchy.api.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "holarchy.api.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["holarchy.accounts.permissions.TeamFilterBackend"],
    # Every request counts against its user's or its address's rate; a 429 names the limit.
    "DEFAULT_THROTTLE_CLASSES": [
        "holarchy.accounts.throttles.UserThrottle",
        "holarchy.accounts.throttles.AnonymousThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "login": env.str("LOGIN_RATE", default="10/min"),
        "user": env.str("API_RATE", default="1200/min"),
        "anonymous": env.str("ANONYMOUS_RATE", default="300/min"),
    },
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "holarchy.exceptions.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Holarchy API",
    "DESCRIPTION": "Model distributed systems as nested holons and simulate them under faults.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # The reviews' choices are named apart from the jobs' "status" and the comparisons' "kind".
    "ENUM_NAME_OVERRIDES": {
        "StatusEnum": "simulations.models.JobStatus",
        "KindEnum": ["run", "sweep", "study"],
        "ReviewStatusEnum": "holarchy.reviews.models.ReviewStatus",
        "NotificationKindEnum": "holarchy.reviews.models.NotificationKind",
    },
}

#: Model documents (YAML or JSON text) larger than this are refused before they are parsed (see holarchy/limits.py).
MODEL_DOCUMENT_MAX_BYTES = env.int("MODEL_DOCUMENT_MAX_BYTES", default=256 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * MODEL_DOCUMENT_MAX_BYTES

# Celery: the database row of a job is the truth about its status; the broker
# only carries work (simulations/reaper.py re-enqueues what the broker lost).
REDIS_URL = env.str("REDIS_URL", default="redis://127.0.0.1:6379/0")
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL)
#: Steps of a run kept in its stored trace for the step viewer; the rest of a long run is counted, not traced.
RUN_TRACE_STEPS = env.int("RUN_TRACE_STEPS", default=1_000_000)
#: Steps per stored trace chunk, each starting with a snapshot (the viewer reads one chunk per step).
TRACE_CHUNK_STEPS = env.int("TRACE_CHUNK_STEPS", default=1000)
#: A trace produced on demand whose worker gave no sign of life for this long is asked for again.
TRACE_PRODUCTION_STALE_SECONDS = env.int("TRACE_PRODUCTION_STALE_SECONDS", default=120)
if RUN_TRACE_STEPS < 1 or TRACE_CHUNK_STEPS < 1:
    raise ImproperlyConfigured("RUN_TRACE_STEPS and TRACE_CHUNK_STEPS must be at least 1")

# Job limits. They are read by the worker that runs the job (tasks send no limits
# in their messages), so the time limit and the visibility timeout below come
# from one setting of one process.
JOB_TIME_LIMIT_SECONDS = env.float("JOB_TIME_LIMIT_SECONDS", default=3600.0)
JOB_SOFT_TIME_LIMIT_SECONDS = env.float(
    "JOB_SOFT_TIME_LIMIT_SECONDS", default=max(JOB_TIME_LIMIT_SECONDS - 30, JOB_TIME_LIMIT_SECONDS * 0.9)
)
JOB_MAX_STEPS = env.int("JOB_MAX_STEPS", default=2_000_000)
JOB_MEMORY_LIMIT_MB = env.int("JOB_MEMORY_LIMIT_MB", default=2048)
JOB_MAX_ATTEMPTS = env.int("JOB_MAX_ATTEMPTS", default=3)
#: A running job's worker touches its row this often; a row untouched for JOB_STALE_SECONDS has no live worker.
JOB_HEARTBEAT_SECONDS = env.float("JOB_HEARTBEAT_SECONDS", default=10.0)
JOB_STALE_SECONDS = env.float("JOB_STALE_SECONDS", default=60.0)
JOB_REAPER_SECONDS = env.float("JOB_REAPER_SECONDS", default=30.0)
#: A level study's runs go to the workers in about this many batches of at most this many runs (batches.py).
JOB_STUDY_BATCHES = env.int("JOB_STUDY_BATCHES", default=16)
JOB_STUDY_BATCH_MAX_RUNS = env.int("JOB_STUDY_BATCH_MAX_RUNS", default=25)
TEAM_MAX_ACTIVE_JOBS = env.int("TEAM_MAX_ACTIVE_JOBS", default=20)
TEAM_MAX_RUNS_PER_SWEEP = env.int("TEAM_MAX_RUNS_PER_SWEEP", default=500)
TEAM_MAX_EXPLORATION_STATES = env.int("TEAM_MAX_EXPLORATION_STATES", default=20_000_000)
if not 0 < JOB_SOFT_TIME_LIMIT_SECONDS < JOB_TIME_LIMIT_SECONDS:
    raise ImproperlyConfigured("JOB_SOFT_TIME_LIMIT_SECONDS must be positive and below JOB_TIME_LIMIT_SECONDS")
if not 0 < JOB_HEARTBEAT_SECONDS * 2 <= JOB_STALE_SECONDS:
    raise ImproperlyConfigured("JOB_STALE_SECONDS must be at least twice JOB_HEARTBEAT_SECONDS")
if min(JOB_MAX_ATTEMPTS, JOB_MEMORY_LIMIT_MB, JOB_MAX_STEPS, JOB_STUDY_BATCHES, JOB_STUDY_BATCH_MAX_RUNS) < 1:
    raise ImproperlyConfigured("JOB_MAX_ATTEMPTS, JOB_MEMORY_LIMIT_MB, JOB_MAX_STEPS, JOB_STUDY_BATCHES and "
                               "JOB_STUDY_BATCH_MAX_RUNS must be at least 1")

CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = JOB_TIME_LIMIT_SECONDS
CELERY_TASK_SOFT_TIME_LIMIT = JOB_SOFT_TIME_LIMIT_SECONDS
#: A pool child past the memory bound is replaced after its job (the job itself stops at its next report).
CELERY_WORKER_MAX_MEMORY_PER_CHILD = JOB_MEMORY_LIMIT_MB * 1024
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": JOB_TIME_LIMIT_SECONDS + JOB_STALE_SECONDS}
#: Short runs, sweep runs and long explorations wait in separate queues; a worker started
#: without -Q listens to all of them (README "Dedicating workers to a queue").
JOB_QUEUES = ("runs", "sweeps", "explorations")
#: The reaper's own queue, taken by a small worker of its own, so busy job workers never starve it.
MAINTENANCE_QUEUE = "maintenance"
CELERY_TASK_DEFAULT_QUEUE = "runs"
CELERY_TASK_CREATE_MISSING_QUEUES = True
CELERY_TASK_QUEUES = {name: {"routing_key": name} for name in (*JOB_QUEUES, MAINTENANCE_QUEUE)}
CELERY_TASK_ROUTES = {"simulations.tasks.explore_version": {"queue": "explorations"},
                      "simulations.tasks.reap_jobs": {"queue": MAINTENANCE_QUEUE}}
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Publishing gives up within about a second when the broker is down (the submit answers 503).
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_RESULT_EXPIRES = 24 * 3600
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
if CELERY_BROKER_URL.startswith("filesystem://"):
    # Embedded fallback broker: real worker processes exchanging messages through a folder.
    _queue_dir = env.str("CELERY_FILESYSTEM_DIR", default=str(VAR_DIR / "broker"))
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        **CELERY_BROKER_TRANSPORT_OPTIONS,
        "data_folder_in": _queue_dir,
        "data_folder_out": _queue_dir,
        "processed_folder": _queue_dir + "-processed",
        "control_folder": _queue_dir + "-control",
        "store_processed": False,
    }
    for _folder in (_queue_dir, _queue_dir + "-processed", _queue_dir + "-control"):
        Path(_folder).mkdir(parents=True, exist_ok=True)

# One JSON object per line, with the job id of the request or task that wrote it (holarchy/logs.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"job": {"()": "holarchy.logs.JobFilter"}},
    "formatters": {"json": {"()": "holarchy.logs.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["job"], "formatter": "json"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
