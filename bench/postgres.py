"""A scratch PostgreSQL database for a benchmark, made afresh on each run."""


def fresh_database(server: str, name: str) -> str | None:
    """Drops and creates database `name` on the server of the URL `server`, and returns its URL;
    None (and a line saying so) when there is no PostgreSQL to reach."""
    try:
        import psycopg  # noqa: PLC0415 - only a run with PostgreSQL needs it

        with psycopg.connect(server, autocommit=True, connect_timeout=3) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {name}")
            connection.execute(f"CREATE DATABASE {name}")
    except Exception as error:  # noqa: BLE001 - any failure means "no PostgreSQL here"
        print(f"  postgresql: skipped ({error.__class__.__name__})")
        return None
    return server.rsplit("/", 1)[0] + "/" + name
