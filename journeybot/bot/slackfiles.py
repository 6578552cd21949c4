"""Fetching files users share in Slack, safely.

Three things go wrong in practice: a download URL that points somewhere unexpected (the
bot token must only ever be sent to Slack's own file hosts), a file far too large to hold
in memory, and a token that lacks ``files:read``, in which case Slack answers 200 with its
HTML login page instead of the file. Each becomes a ``SlackFileError`` naming the file.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from http.client import HTTPException, HTTPMessage
from typing import IO, Any
from urllib.parse import urlsplit

from pydantic import SecretStr
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from journeybot.core.errors import FileTooLargeError, SlackFileError

LOGIN_PAGE = (
    "Slack returned a web page instead of the file; reinstall the app or check the files:read scope"
)
_HTML_NAMES = (".html", ".htm")
_HTML_STARTS = (b"<!doctype html", b"<html")
_READ_CHUNK = 1 << 16


@dataclass(frozen=True)
class SharedFile:
    """A file's details as ``files.info`` gives them, once resolved."""

    id: str
    name: str
    size: int | None
    mimetype: str
    url: str | None
    mode: str
    permalink: str | None
    shared_ts: str | None = None
    thread_ts: str | None = None

    @property
    def is_html(self) -> bool:
        return self.name.lower().endswith(_HTML_NAMES) or self.mimetype == "text/html"


class FileFetcher:
    def __init__(
        self,
        client: WebClient,
        token: SecretStr,
        *,
        allowed_hosts: list[str],
        max_bytes: int,
        timeout: float = 60.0,
    ) -> None:
        self._client = client
        self._token = token
        self._allowed_hosts = {h.lower() for h in allowed_hosts}
        self._max_bytes = max_bytes
        self._timeout = timeout
        self._opener = urllib.request.build_opener(_CheckedRedirects(self._host_allowed))

    def resolve(self, stub: dict[str, Any], channel: str | None = None) -> SharedFile:
        """Complete a file stub; Slack Connect and ``file_shared`` stubs carry only ids."""
        info = stub
        if stub.get("file_access") == "check_file_info" or not _complete(stub):
            try:
                info = self._client.files_info(file=stub["id"]).get("file") or {}
            except SlackApiError as err:
                name = stub.get("name") or stub["id"]
                raise SlackFileError(
                    f"{name}: Slack would not describe this file ({err.response.get('error')}); "
                    "check that the app has the files:read scope and is in this channel."
                ) from err
        return _shared_file(info, channel)

    def download(self, file: SharedFile) -> bytes:
        if file.size is not None and file.size > self._max_bytes:
            raise FileTooLargeError(file.name, file.size, self._max_bytes)
        if file.mode in {"external", "snippet_external"} or not file.url:
            raise SlackFileError(
                f"{file.name}: Slack gave no download link for this file (it may be an "
                "external link or hidden by the workspace's plan); share the file itself."
            )
        if not self._host_allowed(file.url):
            raise SlackFileError(
                f"{file.name}: its download address is on {urlsplit(file.url).netloc}, "
                "which is not an allowed Slack file host; add it to "
                "JOURNEYBOT_SLACK_FILE_HOSTS only if you trust it."
            )
        request = urllib.request.Request(
            file.url, headers={"Authorization": f"Bearer {self._token.get_secret_value()}"}
        )
        try:
            with self._opener.open(request, timeout=self._timeout) as response:
                data = self._read_capped(file, response)
                headers: HTTPMessage = response.headers
        except urllib.error.HTTPError as err:
            raise SlackFileError(
                f"{file.name}: Slack refused the download (HTTP {err.code}); check that the "
                "app has the files:read scope and is in this channel."
            ) from err
        except urllib.error.URLError as err:
            raise SlackFileError(
                f"{file.name}: could not reach Slack to download it ({err.reason}); "
                "share it again in a minute."
            ) from err
        except (HTTPException, OSError, ValueError) as err:
            raise SlackFileError(
                f"{file.name}: the download from Slack failed ({type(err).__name__}); "
                "share it again in a minute."
            ) from err
        _check_not_login_page(file, headers.get_content_type(), data)
        return data

    def _read_capped(self, file: SharedFile, response: IO[bytes]) -> bytes:
        chunks: list[bytes] = []
        total = 0
        while chunk := response.read(_READ_CHUNK):
            total += len(chunk)
            if total > self._max_bytes:
                raise FileTooLargeError(file.name, total, self._max_bytes)
            chunks.append(chunk)
        return b"".join(chunks)

    def _host_allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        return parts.scheme in {"https", "http"} and (
            host in self._allowed_hosts or parts.netloc.lower() in self._allowed_hosts
        )


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to an allowed host: the request carries the bot token."""

    def __init__(self, allowed: Any) -> None:
        self._allowed = allowed

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if not self._allowed(newurl):
            raise SlackFileError(
                f"Slack redirected a download to {urlsplit(newurl).netloc}, which is not an "
                "allowed file host; nothing was downloaded."
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _complete(stub: dict[str, Any]) -> bool:
    return bool(stub.get("name") and stub.get("url_private_download") and "size" in stub)


def _shared_file(info: dict[str, Any], channel: str | None) -> SharedFile:
    return SharedFile(
        id=str(info.get("id") or ""),
        name=str(info.get("name") or info.get("title") or info.get("id") or "file"),
        size=int(info["size"]) if info.get("size") is not None else None,
        mimetype=str(info.get("mimetype") or ""),
        url=info.get("url_private_download") or info.get("url_private"),
        mode=str(info.get("mode") or "hosted"),
        permalink=info.get("permalink"),
        **_share(info, channel),
    )


def _share(info: dict[str, Any], channel: str | None) -> dict[str, str | None]:
    """Where the file was shared in ``channel``: the message ts and its thread, if any."""
    shares = info.get("shares") or {}
    for scope in ("public", "private"):
        for share in (shares.get(scope) or {}).get(channel or "", []):
            if share.get("ts"):
                thread = share.get("thread_ts")
                return {"shared_ts": str(share["ts"]), "thread_ts": str(thread) if thread else None}
    return {}


def _check_not_login_page(file: SharedFile, content_type: str, data: bytes) -> None:
    if file.is_html:
        return
    looks_html = data[:64].lstrip().lower().startswith(_HTML_STARTS)
    if content_type == "text/html" or looks_html:
        raise SlackFileError(f"{file.name}: {LOGIN_PAGE}.")
