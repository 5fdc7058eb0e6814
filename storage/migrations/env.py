"""Alembic environment: runs migrations against the URL given by storage.migrate."""

from alembic import context

from storage.database import make_engine
from storage.models import Base

config = context.config


def run_migrations() -> None:
    """Run migrations online; SQLite gets batch mode so ALTERs work."""
    url = config.get_main_option("sqlalchemy.url")
    if url is None:  # only storage.migrate runs Alembic, and it always sets the URL
        raise RuntimeError("no sqlalchemy.url: run migrations through storage.migrate")
    engine = make_engine(url)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=Base.metadata,
                          render_as_batch=connection.dialect.name == "sqlite")
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()
    engine.dispose()


run_migrations()
