"""Catalog files staged between their preview and their apply, in SQL."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import Engine, delete, insert, select, update
from sqlmodel import SQLModel

from models.admin import CatalogImport
from storefront.services.admin.catalog_import import StagedFile

STAGED = SQLModel.metadata.tables[str(CatalogImport.__tablename__)]
_S = STAGED.c


class SqlImportStaging:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def stage(self, file: StagedFile, actor_id: int, now: datetime) -> None:
        with self._engine.begin() as connection:
            connection.execute(
                insert(STAGED).values(
                    token=file.token,
                    actor_id=actor_id,
                    filename=file.filename,
                    file_format=file.file_format,
                    content=file.content,
                    seen=json.dumps(dict(file.seen), separators=(",", ":")),
                    created_at=now,
                )
            )

    def get(self, token: str) -> StagedFile | None:
        with self._engine.connect() as connection:
            row = connection.execute(
                select(
                    _S.token, _S.filename, _S.file_format, _S.content, _S.applied_at, _S.seen
                ).where(_S.token == token)
            ).first()
        if row is None:
            return None
        return StagedFile(
            row.token,
            row.filename,
            row.file_format,
            row.content,
            row.applied_at is not None,
            json.loads(row.seen or "{}"),
        )

    def claim(self, token: str, now: datetime) -> bool:
        with self._engine.begin() as connection:
            changed = connection.execute(
                update(STAGED)
                .where(_S.token == token, _S.applied_at.is_(None))
                .values(applied_at=now)
            ).rowcount
        return bool(changed)

    def release(self, token: str) -> None:
        with self._engine.begin() as connection:
            connection.execute(update(STAGED).where(_S.token == token).values(applied_at=None))

    def forget_content(self, token: str) -> None:
        with self._engine.begin() as connection:
            connection.execute(update(STAGED).where(_S.token == token).values(content=""))

    def prune(self, before: datetime) -> int:
        with self._engine.begin() as connection:
            return int(connection.execute(delete(STAGED).where(_S.created_at < before)).rowcount)
