"""Browser test support, loaded for every test run as a pytest plugin (see pyproject.toml).

Playwright drives Debian's Chromium (/usr/bin/chromium, installed by `make test`) against Django's
live server; Playwright's own browser download cannot work on our machines. Where Chromium is
missing the browser tests are skipped locally, and fail in CI (CI=true).

Any test that asks for `page` or `page_without_js` is marked `browser` automatically.
"""

import importlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# between page steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

_started: dict[str, Any] = {}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if {"page", "page_without_js", "browser"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


def pytest_sessionfinish(session: pytest.Session) -> None:
    if "browser" in _started:
        _started.pop("browser").close()
        _started.pop("playwright").stop()


@pytest.fixture(scope="session")
def browser() -> Any:
    """One Chromium for the whole run, however many modules ask for it."""
    if "browser" not in _started:
        if not Path(CHROMIUM).exists():
            if os.environ.get("CI") == "true":
                pytest.fail(f"Chromium mangler på {CHROMIUM}: browsertestene skal køre i CI.")
            pytest.skip(f"Chromium mangler på {CHROMIUM}")
        from playwright.sync_api import sync_playwright

        _started["playwright"] = sync_playwright().start()
        _started["browser"] = _started["playwright"].chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
    return _started["browser"]


@pytest.fixture
def reference_taxonomy(transactional_db: Any) -> None:
    """The live server's tests flush the database after each test, taking the reference data the
    migrations seeded (the taxonomy, the agency kinds, the inbox's topics); seed it again the way
    the migrations do."""
    from django.apps import apps

    seed = importlib.import_module("ressourcebank.taxonomy.migrations.0002_seed_reference_taxonomy").seed
    seed(apps, None)
    importlib.import_module("ressourcebank.cases.migrations.0002_agency_kinds").seed(apps, None)
    importlib.import_module("ressourcebank.inbox.migrations.0002_seed_topics").seed(apps, None)
    importlib.import_module("ressourcebank.inbox.migrations.0005_housing_warning_topic").seed(apps, None)


def _page(browser: Any, live_server: Any, **options: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=PHONE, locale="da-DK", base_url=live_server.url, **options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def page(browser: Any, live_server: Any, reference_taxonomy: None) -> Iterator[Any]:
    yield from _page(browser, live_server)


@pytest.fixture
def page_without_js(browser: Any, live_server: Any, reference_taxonomy: None) -> Iterator[Any]:
    yield from _page(browser, live_server, java_script_enabled=False)


def serious_axe_violations(page: Any) -> list[str]:
    """Runs axe-core (from npm) in the page; returns the serious and critical violations, readably."""
    page.evaluate(Path(settings.BASE_DIR, "node_modules", "axe-core", "axe.min.js").read_text())
    result = page.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return [
        f"{v['impact']}: {v['id']} – {v['help']} – "
        + json.dumps([node["target"] for node in v["nodes"]][:5], ensure_ascii=False)
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def submit(page: Any) -> None:
    """Presses the main button of the page's form, whatever it is called, and waits for the page
    the server answers with: a test that then reads the database sees what the request wrote."""
    with page.expect_navigation():
        page.locator("main form .button-primary").last.click()


def log_in(page: Any, email: str, password: str) -> None:
    page.goto("/konto/log-ind/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()


def log_in_with_second_factor(page: Any, user: Any, password: str) -> None:
    """Logs in a coordinator, staff member or admin: the password, then the code their app would show."""
    import time

    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="Test", confirmed=True
    )
    log_in(page, user.email, password)
    page.wait_for_url("**/konto/to-trin/**")
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    page.get_by_label("Koden fra appen").fill(f"{totp.token():0{device.digits}d}")
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_load_state()


class Steps:
    """Keeps a screenshot of each step of a walk under var/screenshots/<walk>/, as test artefacts,
    and checks what every page must be: axe-clean, no wider than the screen, no console errors
    (an inline style refused by the CSP shows up there) and no duplicate ids."""

    def __init__(self, page: Any, walk: str, *, axe_page: Any = None) -> None:
        # Playwright cannot run axe in a page whose JavaScript is off: `axe_page`, a page with
        # JavaScript on the same server, is given a copy of each page to check instead.
        self.page = page
        self.axe_page = axe_page
        self.directory = Path(settings.BASE_DIR, "var", "screenshots", walk)
        self.directory.mkdir(parents=True, exist_ok=True)
        for old in self.directory.glob("*.png"):
            old.unlink()
        self.count = 0
        self.console_errors: list[str] = []
        page.on("console", self._on_console)

    def _on_console(self, message: Any) -> None:
        if message.type == "error":
            self.console_errors.append(message.text)

    def check(self, name: str) -> None:
        self.page.wait_for_load_state()
        self.count += 1
        self.page.screenshot(path=self.directory / f"{self.count:02d}-{name}.png", full_page=True)
        where = f"{name} ({self.page.url})"
        if self.axe_page is not None:
            if not self.axe_page.url.startswith("http"):
                self.axe_page.goto("/hvor-kan-jeg-henvende-mig/")
            self.axe_page.set_content(self.page.content())
            assert serious_axe_violations(self.axe_page) == [], where
        else:
            assert serious_axe_violations(self.page) == [], where
        width = self.page.evaluate("document.documentElement.scrollWidth")
        assert width <= self.page.viewport_size["width"], f"{where}: {width} px wide"
        duplicates = self.page.evaluate(
            "(() => { const ids = [...document.querySelectorAll('[id]')].map(e => e.id);"
            " return ids.filter((id, i) => ids.indexOf(id) !== i); })()"
        )
        assert duplicates == [], f"{where}: duplicate ids {duplicates}"
        assert self.console_errors == [], where
