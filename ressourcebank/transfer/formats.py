"""The file formats: JSON Lines and CSV with the same columns, told apart by the file's extension.

Reading yields (line number, fields) pairs, or (line number, reason) for a line that cannot be
read at all, so that the importer can report every bad line at once. Line numbers are those a
person sees in an editor: for CSV the header is line 1.

CSV is opened in spreadsheets, which run a cell that begins with `=`, `+`, `-`, `@`, tab or CR
as a formula ("CSV injection"). Such cells are written with a `'` in front, as spreadsheets do
themselves, and the reader takes that `'` off again, so export → import stays exact. A cell that
begins with `'` before one of those characters gets one more `'`, so that text is kept as well.
JSON Lines is not a spreadsheet format and is written and read as it is.
"""

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ressourcebank.lib.spreadsheet import plain_cell, safe_cell

COLUMNS = ("key", "kind", "title", "description", "category", "area", "provider", "child_contact", "hours_per_month")
REQUIRED_COLUMNS = frozenset(COLUMNS) - {"hours_per_month"}
JSON_LINES_SUFFIXES = {".jsonl", ".json", ".ndjson"}
# A JSON escape of a UTF-16 surrogate: only then can a line hold a lone one (see _read_json_lines).
SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


class FileFormatError(Exception):
    """The file as a whole cannot be read (wrong CSV header, not UTF-8): no row is worth checking."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason


class LineError(str):
    """A line that could not be parsed into fields; the str is the reason."""


def detect_format(path: Path, text: str) -> str:
    """'jsonl' or 'csv', from the extension; otherwise from the first character of the content."""
    suffix = path.suffix.lower()
    if suffix in JSON_LINES_SUFFIXES:
        return "jsonl"
    if suffix == ".csv":
        return "csv"
    return "jsonl" if text.lstrip().startswith("{") else "csv"


def read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        # utf-8-sig: spreadsheets often save CSV with a byte order mark.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileFormatError(data[: error.start].count(b"\n") + 1, "the file is not UTF-8 text") from None


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, Any] | LineError]]:
    text = read_text(path)
    if detect_format(path, text) == "jsonl":
        return _read_json_lines(text)
    return _read_csv(text)


def _read_json_lines(text: str) -> Iterator[tuple[int, dict[str, Any] | LineError]]:
    # split("\n"), not splitlines(): JSON strings may hold U+2028 and other "line breaks".
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            yield number, LineError(f"malformed JSON ({error.msg})")
            continue
        except ValueError:  # e.g. a number too long to convert
            yield number, LineError("malformed JSON")
            continue
        except RecursionError:
            yield number, LineError("malformed JSON (nested too deeply)")
            continue
        if SURROGATE_ESCAPE.search(line) and not _is_unicode(value):
            # "\ud800" alone is valid JSON but no character: no database (nor UTF-8 file) can hold it.
            yield number, LineError("malformed JSON (\\u escape of a lone surrogate, not a character)")
            continue
        if not isinstance(value, dict):
            yield number, LineError("expected a JSON object")
            continue
        unknown = sorted(set(value) - set(COLUMNS))
        if unknown:
            yield number, LineError("unknown field " + ", ".join(f'"{name}"' for name in unknown))
            continue
        yield number, value


def _read_csv(text: str) -> Iterator[tuple[int, dict[str, Any] | LineError]]:
    first_line = text.split("\n", 1)[0]
    # Danish spreadsheets save CSV with semicolons.
    delimiter = ";" if ";" in first_line and "," not in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [name.strip() for name in next(reader, [])]
    if not (REQUIRED_COLUMNS <= set(header) <= set(COLUMNS)) or len(set(header)) != len(header):
        raise FileFormatError(1, "wrong header: expected the columns " + ",".join(COLUMNS))
    last_line = reader.line_num
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise FileFormatError(last_line + 1, f"unreadable CSV ({error})") from None
        # A quoted field may span lines; the row starts on the line after the previous one ended.
        number, last_line = last_line + 1, reader.line_num
        if not any(field.strip() for field in record):
            continue
        if len(record) != len(header):
            yield number, LineError(f"expected {len(header)} columns, found {len(record)}")
            continue
        yield number, {name: plain_cell(value) for name, value in zip(header, record, strict=True)}


def _is_unicode(value: Any) -> bool:
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def write_rows(path: Path, rows: Iterable[dict[str, Any]]) -> int:
    """Writes rows in the format the extension names (CSV unless .jsonl/.json/.ndjson)."""
    count = 0
    as_json = path.suffix.lower() in JSON_LINES_SUFFIXES
    with path.open("w", encoding="utf-8", newline="") as file:
        if as_json:
            for row in rows:
                file.write(json.dumps(row, ensure_ascii=False) + "\n")
                count += 1
        else:
            writer = csv.writer(file, lineterminator="\n")
            writer.writerow(COLUMNS)
            for row in rows:
                writer.writerow(_csv_value(row[column]) for column in COLUMNS)
                count += 1
    return count


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return safe_cell(str(value))
