"""Where files live (design.md "Many nodes"): every file goes through Django's storage API, so that any node can
read what another wrote. Three storages (settings.STORAGES): `default` for public files (items' attachments),
`private` for everything that is never public (applicants' uploads, pending ones too, comments', complaints' and
hearings' files, a decision's documents before publication), `exports` for the catalogue's CSV and Excel files.
Without S3_ENDPOINT_URL they are local folders (MEDIA_ROOT, PRIVATE_MEDIA_ROOT, EXPORT_ROOT) for the one-machine
demo; with it, buckets of an S3-compatible object store shared by every node (django-storages)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty

EXPORTS_FOLDER = "exports"  # the catalogue's files in the public bucket, left out of backups (portal/backup.py)


class _Folder(FileSystemStorage):
    """A local folder named by a setting read at each use (tests and management commands may change it)."""

    setting = ""

    @property
    def base_location(self) -> str:
        return str(getattr(settings, self.setting))

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("此类文件不对外提供网址，由平台核对权限后提供下载。")

    def delete(self, name: str) -> None:
        """Delete the file and the folders it leaves empty (a bucket has no folders to leave behind)."""
        super().delete(name)
        folder = os.path.dirname(self.path(name))
        while folder != self.location and folder.startswith(self.location + os.sep):
            try:
                os.rmdir(folder)
            except OSError:  # not empty, or gone already
                break
            folder = os.path.dirname(folder)


class PrivateFolder(_Folder):
    setting = "PRIVATE_MEDIA_ROOT"


class ExportFolder(_Folder):
    setting = "EXPORT_ROOT"
    file_permissions_mode = 0o644  # a public file: readable by a web server that serves it directly


class _Named(LazyObject):
    """One of settings.STORAGES, looked up at first use and again after the setting changes."""

    def __init__(self, alias: str) -> None:
        super().__init__()
        self.__dict__["alias"] = alias

    def _setup(self) -> None:
        self._wrapped = storages[self.__dict__["alias"]]


_PRIVATE, _EXPORTS = _Named("private"), _Named("exports")


def private() -> Storage:
    """The storage of files that are never public (a callable, so FileFields and migrations name it, not a folder)."""
    return _PRIVATE  # type: ignore[return-value]


def exports() -> Storage:
    return _EXPORTS  # type: ignore[return-value]


@receiver(setting_changed)
def _forget(*, setting: str, **kwargs: Any) -> None:
    if setting == "STORAGES":
        for named in (_PRIVATE, _EXPORTS):
            named.__dict__["_wrapped"] = empty  # looked up again at the next use


def walk(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file's name under a folder of a storage, sorted, through the storage API (a local folder or a
    bucket alike)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    prefix = f"{folder.rstrip('/')}/" if folder else ""
    yield from (prefix + name for name in sorted(files))
    for name in sorted(folders):
        yield from walk(storage, prefix + name)


def s3_storages(*, endpoint: str, access_key: str, secret_key: str, region: str | None, public: str,
                private: str) -> dict[str, dict[str, Any]]:  # fmt: skip
    """settings.STORAGES' three file storages in two buckets of an S3-compatible object store."""
    options = {
        "endpoint_url": endpoint,
        "access_key": access_key,
        "secret_key": secret_key,
        "region_name": region or None,
        "signature_version": "s3v4",
        "addressing_style": "path",
        "file_overwrite": False,  # a name already taken gets a suffix, as in a local folder
        "default_acl": None,  # objects take the bucket's policy: neither bucket is listable or readable anonymously
        "querystring_expire": 300,  # a signed link, issued only after the portal's permission check, lasts 5 minutes
    }
    backend = "storages.backends.s3.S3Storage"
    return {
        "default": {"BACKEND": backend, "OPTIONS": {**options, "bucket_name": public}},
        "private": {"BACKEND": backend, "OPTIONS": {**options, "bucket_name": private}},
        "exports": {"BACKEND": backend, "OPTIONS": {**options, "bucket_name": public, "location": EXPORTS_FOLDER}},
    }
