"""Production's static files storage (pages/storage.py): hashed URLs from the manifest, each worked
out once per process."""

import json
from pathlib import Path

import pytest

from ressourcebank.pages.storage import StaticFilesStorage


def storage_with_manifest(root: Path) -> StaticFilesStorage:
    (root / "staticfiles.json").write_text(
        json.dumps({"paths": {"css/site.css": "css/site.abc123.css"}, "version": "1.1", "hash": "x"})
    )
    return StaticFilesStorage(location=str(root), base_url="/static/")


def test_a_static_url_names_the_hashed_file_every_time(tmp_path: Path) -> None:
    storage = storage_with_manifest(tmp_path)

    assert storage.url("css/site.css") == "/static/css/site.abc123.css"
    assert storage.url("css/site.css") == "/static/css/site.abc123.css"


def test_a_file_missing_from_the_manifest_is_still_an_error(tmp_path: Path) -> None:
    storage = storage_with_manifest(tmp_path)

    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            storage.url("css/missing.css")
