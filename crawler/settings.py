"""Scrapy settings: every setting of the project, with its default, in one place.

Override any of them on the command line (`scrapy crawl zjknews -s OFFLINE=1`)
or in the environment (`SCRAPY_REPORTS_DB=/srv/reports.db`).
"""

BOT_NAME = "epidemic-meeting-monitor"

SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# --- The project's own settings -------------------------------------------

# Path of the SQLite file that holds the reports, runs and versions.
REPORTS_DB = "data/reports.db"

# When true, every request goes to the bundled fixture mirror (fixtures/*/mirror),
# served over real HTTP on 127.0.0.1 by a server the crawler starts itself.
# Spiders and stored items keep the real site URLs.
OFFLINE = False

# Folder that holds the fixture mirrors used when OFFLINE is true.
OFFLINE_FIXTURES_DIR = None  # None: the fixtures/ folder beside the crawler package

# --- Scrapy's settings, with the values this project needs ------------------

USER_AGENT = (
    "epidemic-meeting-monitor/0.1 (+https://github.com/epidemic-meeting-monitor; "
    "research crawler for public meeting reports)"
)
ROBOTSTXT_OBEY = True

CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
DOWNLOAD_TIMEOUT = 30
RETRY_TIMES = 2

ADDONS = {
    "crawler.offline.OfflineAddon": 0,
    "crawler.distributed.DistributedAddon": 0,
}

ITEM_PIPELINES = {
    "crawler.pipelines.ReportPipeline": 300,
}

EXTENSIONS = {
    "crawler.extensions.RunRecorder": 500,
    "crawler.notify.Notifier": 510,
    "crawler.distributed.DistributedIdle": 520,
}

# No listening consoles on a crawler that runs from cron.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

LOG_FORMATTER = "crawler.logformat.ReportLogFormatter"
LOG_LEVEL = "INFO"
LOG_FORMAT = "%(asctime)s [%(name)s] %(levelname)s: %(message)s"
FEED_EXPORT_ENCODING = "utf-8"

# --- Incremental crawling ----------------------------------------------------

# Known articles published within this many days are fetched again on every
# run, to catch late edits (0: never fetch a stored article again).
REFETCH_DAYS = 2
# When true, fetch every listed article and walk every list page, as if
# nothing were stored yet (stored reports stay; unchanged ones stay unchanged).
FULL_CRAWL = False

# --- Notifications -------------------------------------------------------------

# Apprise URLs (list, or a space/comma separated string) to send each run's
# summary to; empty: the REPORTS_NOTIFY_URLS environment variable, else none.
NOTIFY_URLS = None
# Send after every run, not only after runs with new reports or failed checks.
NOTIFY_ALWAYS = False

# --- Bad days: faults, charsets, private addresses --------------------------

DOWNLOADER_MIDDLEWARES = {
    # Before robots.txt and everything else: nothing is sent to a private address.
    "crawler.safety.PrivateAddressMiddleware": 60,
    # Sees redirects before Scrapy's RedirectMiddleware (600) follows them.
    "crawler.middlewares.RedirectGuardMiddleware": 610,
    # After decompression (590): decides each HTML response's encoding.
    "crawler.encoding.EncodingMiddleware": 585,
}
# Crawl private, loopback, link-local and reserved addresses too (an intranet
# portal). Off by default; OFFLINE mode never checks (the mirror is local).
ALLOW_PRIVATE_ADDRESSES = False
# A page over 5 MiB is refused (errors/DownloadCancelledError); one over 1 MiB
# is logged. Article pages are 20-300 KB.
DOWNLOAD_MAXSIZE = 5 * 1024 * 1024
DOWNLOAD_WARNSIZE = 1024 * 1024
# Faults the offline mirror injects, on top of the fixtures' mirror.json:
# {"<host>/<path>": "timeout"} or {"<host>/<path>": {"fault": "slow", "delay": 3}}
# (a dict, or its JSON on the command line). See fixtures/README.md.
OFFLINE_FAULTS = None

# --- Distributed mode (scrapy-redis) -------------------------------------------

# redis://host:port/db: share each spider's request queue and duplicate filter
# in Redis across crawler processes, and send reports to `crawler-writer`,
# the one process that writes REPORTS_DB. None: single-machine mode.
REDIS_URL = None
# Prefix of the Redis keys (several deployments can share one Redis).
REDIS_PREFIX = "meetings"
# Crawlers of a spider that start within this many seconds of the first one
# join its run (one `runs` row), even if it could finish the work alone.
REDIS_RUN_GRACE = 10
