"""Backups that can be trusted: the database (SQLite's online backup API, or pg_dump of one snapshot), every
public and private file read through the storage API (local folders, or the buckets every node shares), and a
manifest of row counts and file checksums taken from the same state; `restore_files` writes the files back
through the same API.
`check` restores a backup into a scratch place and compares it with its manifest. The personal-data keys are
never in a backup (docs/operations.md: they are kept apart); the manifest names which keys its data needs."""

import hashlib
import json
import os
import shutil
import sqlite3

# pg_dump and pg_restore, with argument lists, never a shell
import subprocess  # nosec B404
import tarfile
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, default_storage
from django.db import connection, transaction
from django.utils import timezone

from portal import audit_chain, crypto
from portal.storage import EXPORTS_FOLDER, walk
from portal.storage import private as private_storage

DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}
FILES = "files.tar"
MANIFEST = "manifest.json"


class BackupError(Exception):
    pass


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _count_tables(cursor: Any, tables: list[str]) -> dict[str, int]:
    counts = {}
    for table in sorted(tables):
        # table names come from the schema itself, quoted
        cursor.execute(f"SELECT COUNT(*) FROM {_quoted(table)}")  # nosec B608
        counts[table] = cursor.fetchone()[0]
    return counts


def _storages() -> dict[str, Storage]:
    return {"media": default_storage, "private": private_storage()}


def _add(archive: tarfile.TarFile, arcname: str, storage: Storage, name: str) -> str:
    """Copy one stored file into the archive (through a local scratch file: the size comes first); its SHA-256."""
    digest = hashlib.sha256()
    with storage.open(name, "rb") as source, tempfile.TemporaryFile() as copy:
        for block in iter(lambda: source.read(1 << 20), b""):
            digest.update(block)
            copy.write(block)
        info = tarfile.TarInfo(arcname)
        info.size, info.mtime, info.mode = copy.tell(), int(time.time()), 0o600
        copy.seek(0)
        archive.addfile(info, copy)
    return digest.hexdigest()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _pg_args() -> tuple[list[str], dict[str, str]]:
    db = settings.DATABASES["default"]
    args = [f"--dbname={db['NAME']}"]
    if db.get("HOST"):
        args.append(f"--host={db['HOST']}")
    if db.get("PORT"):
        args.append(f"--port={db['PORT']}")
    if db.get("USER"):
        args.append(f"--username={db['USER']}")
    environment = {**os.environ, "PGPASSWORD": str(db.get("PASSWORD") or "")}
    return args, environment


def _dump_database(target: Path) -> dict[str, int]:
    """Write the database to `target`; the row counts of that same state."""
    tables = connection.introspection.table_names()
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)  # the online backup API: consistent while the portal runs
            return _count_tables(copy.cursor(), tables)
        finally:
            copy.close()
    if connection.vendor != "postgresql":
        raise BackupError(f"不支持备份 {connection.vendor} 数据库。")
    args, environment = _pg_args()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        # a fixed program with an argument list
        result = subprocess.run(  # nosec B603 B607
            ["pg_dump", "--format=custom", "--no-owner", f"--snapshot={snapshot}", f"--file={target}", *args],
            env=environment, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if result.returncode != 0:
            raise BackupError(f"pg_dump 失败：{result.stderr.strip()}")
        return _count_tables(cursor, tables)


def make(destination: Path) -> Path:
    """A new backup folder under `destination`; returns its path."""
    folder = destination / f"backup-{timezone.localtime():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:6]}"
    folder.mkdir(parents=True)
    database_file = folder / DATABASE_FILES.get(connection.vendor, "database")
    anchor = audit_chain.checkpoint(reason="backup")  # before the dump, so that the dump holds the row it names
    counts = _dump_database(database_file)
    checksums = {}
    with tarfile.open(folder / FILES, "w") as archive:
        for label, storage in _storages().items():
            for name in walk(storage):
                if label == "media" and name.startswith(f"{EXPORTS_FOLDER}/"):
                    continue  # the catalogue's files, rebuilt by build_exports
                checksums[f"{label}/{name}"] = _add(archive, f"{label}/{name}", storage, name)
    manifest = {
        "made_at": timezone.now().isoformat(),
        "database": connection.vendor,
        "database_file": database_file.name,
        "database_sha256": _sha256(database_file),
        "rows": counts,
        "files": checksums,
        "personal_data_key_ids": crypto.key_ids(),
        "audit_checkpoint": anchor,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return folder


def _audit_hash(cursor: Any, row: int | None, sql: str) -> str | None:
    """The restored hash of the audit row the backup's checkpoint names (sql in the driver's own paramstyle)."""
    if row is None:
        return None
    cursor.execute(sql, [row])
    found = cursor.fetchone()
    return found[0] if found else None


def _restored_counts_sqlite(
    database_file: Path, scratch: Path, tables: list[str], audit_row: int | None
) -> tuple[dict[str, int], str | None]:
    copy = scratch / "restored.sqlite3"
    shutil.copyfile(database_file, copy)
    restored = sqlite3.connect(copy)
    try:
        found = {row[0] for row in restored.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        cursor = restored.cursor()
        return _count_tables(cursor, [t for t in tables if t in found]), _audit_hash(
            cursor, audit_row, "SELECT row_hash FROM portal_auditevent WHERE id = ?"
        )
    finally:
        restored.close()


def _restored_counts_postgresql(
    database_file: Path, tables: list[str], audit_row: int | None
) -> tuple[dict[str, int], str | None]:
    import psycopg
    from psycopg.conninfo import make_conninfo

    args, environment = _pg_args()
    db = settings.DATABASES["default"]
    scratch_name = f"restore_check_{uuid.uuid4().hex[:10]}"
    given = {"host": db.get("HOST"), "port": db.get("PORT"), "user": db.get("USER"), "password": db.get("PASSWORD")}
    params = {key: str(value) for key, value in given.items() if value}
    with psycopg.connect(make_conninfo(dbname="postgres", **params), autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {_quoted(scratch_name)}")
    try:
        target = [a if not a.startswith("--dbname=") else f"--dbname={scratch_name}" for a in args]
        # a fixed program with an argument list
        result = subprocess.run(  # nosec B603 B607
            ["pg_restore", "--no-owner", "--exit-on-error", *target, str(database_file)],
            env=environment, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if result.returncode != 0:
            raise BackupError(f"pg_restore 失败：{result.stderr.strip()}")
        with psycopg.connect(make_conninfo(dbname=scratch_name, **params)) as restored, restored.cursor() as cursor:
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            found = {row[0] for row in cursor.fetchall()}
            return _count_tables(cursor, [t for t in tables if t in found]), _audit_hash(
                cursor, audit_row, "SELECT row_hash FROM portal_auditevent WHERE id = %s"
            )
    finally:
        with psycopg.connect(make_conninfo(dbname="postgres", **params), autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {_quoted(scratch_name)}")


def check(folder: Path) -> tuple[dict[str, Any], list[str]]:
    """Restore `folder` into a scratch place and compare it with its manifest: (manifest, problems)."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(f"无法读取备份清单 {folder / MANIFEST}：{error}") from error
    problems = []
    database_file = folder / manifest["database_file"]
    if not database_file.is_file():
        return manifest, [f"缺少数据库文件 {database_file.name}"]
    if _sha256(database_file) != manifest["database_sha256"]:
        problems.append(f"数据库文件 {database_file.name} 的校验值与清单不符")
    tables = list(manifest["rows"])
    anchor = manifest.get("audit_checkpoint") or {}
    with tempfile.TemporaryDirectory(prefix="restore-check-") as scratch:
        if manifest["database"] == "sqlite":
            restored, audit_hash = _restored_counts_sqlite(database_file, Path(scratch), tables, anchor.get("row"))
        else:
            restored, audit_hash = _restored_counts_postgresql(database_file, tables, anchor.get("row"))
        problems += audit_chain.backup_problems(anchor, audit_hash)
        for table, expected in manifest["rows"].items():
            if restored.get(table) != expected:
                problems.append(f"表 {table}：清单 {expected} 行，恢复后 {restored.get(table, '缺失')}")
        files_dir = Path(scratch) / "files"
        with tarfile.open(folder / FILES) as archive:
            archive.extractall(files_dir, filter="data")
        for name, expected in manifest["files"].items():
            path = files_dir / name
            if not path.is_file():
                problems.append(f"文件 {name} 缺失")
            elif _sha256(path) != expected:
                problems.append(f"文件 {name} 的校验值与清单不符")
    missing_keys = sorted(set(manifest.get("personal_data_key_ids", [])) - set(crypto.key_ids()))
    if missing_keys:
        problems.append(f"本机未配置解密所需的个人信息密钥 {', '.join(missing_keys)}（PERSONAL_DATA_KEYS）")
    return manifest, problems


def restore_files(folder: Path) -> int:
    """Write every file of a backup back through the storage API, under its own name (a restore onto new
    machines or buckets); a file already there is replaced. The number written."""
    storages = _storages()
    written = 0
    with tarfile.open(folder / FILES) as archive:
        for member in archive.getmembers():
            label, _, name = member.name.partition("/")
            source = archive.extractfile(member) if member.isfile() else None
            if source is None or label not in storages or not name:
                continue
            storage = storages[label]
            if storage.exists(name):
                storage.delete(name)
            saved = storage.save(name, File(source))
            if saved != name:
                raise BackupError(f"文件 {member.name} 恢复后的名称为 {saved}，与原名称不同")
            written += 1
    return written
