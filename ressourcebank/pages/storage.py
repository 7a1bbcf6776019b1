"""Static files as served in production (whitenoise's compressed files with hashed names), with
each file's URL worked out once per process.

Every page asks for seven static URLs, and each cost the manifest lookup and Django's URL joining
anew: a sixth of base.html's rendering (bench/RESULTS.md). The manifest cannot change while the
process runs (collectstatic comes with a deploy, and a deploy starts new processes), so the answer
for a name stays right.
"""

from typing import Any

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name: str | None, force: bool = False) -> str:
        if force or name is None:
            return str(super().url(name, force))
        found = self._urls.get(name)
        if found is None:
            found = self._urls[name] = str(super().url(name))
        return found
