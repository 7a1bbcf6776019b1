"""Which files a citizen may attach, told by their content: the first bytes (the magic number) must be
a PDF's or an image's. A name or a browser's claimed type says nothing; a renamed .exe is refused.

The accepted types and the limits are a rule table, `inbox/data/attachments.json`.
"""

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import IO, Any

HEAD_BYTES = 32


@dataclass(frozen=True)
class FileType:
    content_type: str
    extension: str
    name: str
    signatures: tuple[tuple[int, bytes], ...]
    needs_all: bool

    def matches(self, head: bytes) -> bool:
        hits = (head[offset : offset + len(magic)] == magic for offset, magic in self.signatures)
        return all(hits) if self.needs_all else any(hits)


@cache
def _table() -> dict[str, Any]:
    text = resources.files("ressourcebank.inbox").joinpath("data/attachments.json").read_text(encoding="utf-8")
    table: dict[str, Any] = json.loads(text)
    return table


@cache
def accepted_types() -> tuple[FileType, ...]:
    return tuple(
        FileType(
            content_type=entry["content_type"],
            extension=entry["extension"],
            name=entry["name"],
            signatures=tuple((int(s["offset"]), bytes.fromhex(s["hex"])) for s in entry["signatures"]),
            needs_all=bool(entry.get("all", False)),
        )
        for entry in _table()["types"]
    )


def max_file_bytes() -> int:
    return int(_table()["max_file_bytes"])


def max_files() -> int:
    return int(_table()["max_files"])


def accepted_names() -> str:
    """For the form's hint: "PDF, JPEG, PNG …"."""
    return ", ".join(file_type.name for file_type in accepted_types())


def detect_type(stream: IO[bytes]) -> FileType | None:
    """The accepted type the file's first bytes show, or None. Leaves the stream at its start."""
    stream.seek(0)
    head = stream.read(HEAD_BYTES)
    stream.seek(0)
    return next((file_type for file_type in accepted_types() if file_type.matches(head)), None)
