"""The cross-app browser tests. Their fixtures live in browser.py, a plugin every test run loads;
the names below are kept importable for tests elsewhere that import them from here."""

from .browser import DESKTOP, PHONE, browser, log_in, page, page_without_js, serious_axe_violations

__all__ = ["DESKTOP", "PHONE", "browser", "log_in", "page", "page_without_js", "serious_axe_violations"]
