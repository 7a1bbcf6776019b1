"""CPU time of a piece of work: this process's, plus that of the PostgreSQL backend serving its
connection when the server runs on this machine (from /proc/<pid>/schedstat, in nanoseconds).

On a machine shared by many, wall-clock time is mostly waiting for a core; the CPU a query or a
match needs is what an idle machine would take, and it does not move with the load. It leaves out
PostgreSQL's parallel workers (other processes) and time waiting for the disk.
"""

import time
from pathlib import Path


class CpuClock:
    def __init__(self) -> None:
        from django.db import connection

        self.server: Path | None = None
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                stat = Path(f"/proc/{cursor.fetchone()[0]}/schedstat")
            if stat.exists():
                self.server = stat

    @property
    def sees_server(self) -> bool:
        return self.server is not None

    def now(self) -> float:
        """Seconds of CPU so far, this process and (when seen) its PostgreSQL backend."""
        seconds = time.process_time()
        if self.server is not None:
            seconds += int(self.server.read_text().split()[0]) / 1e9
        return seconds
