"""A small HTTP client for the network sources: timeouts, retries, JSON, paging.

Only this module talks to ``httpx``. It retries connection errors, timeouts and
HTTP 429/5xx with exponential backoff (``backoff * 2**attempt`` seconds, or the
server's ``Retry-After`` when that is longer, capped at :data:`MAX_WAIT`), and
turns every failure into a :class:`~pipelines.errors.SourceError` that names
the URL. Statuses a caller knows to be deterministic (CBS answers HTTP 500 when
a result would exceed 10,000 rows) can be excluded from retrying with
``no_retry``; they raise :class:`HttpStatusError` at once.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from pipelines.errors import SourceError, SourceUnavailableError
from pipelines.settings import Settings

logger = logging.getLogger(__name__)

RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
MAX_WAIT = 60.0
MAX_PAGES = 10_000
USER_AGENT = "kernenkaart/0.1 (CBS open data client)"

Params = Mapping[str, str | int]


class HttpStatusError(SourceError):
    """A server answered with an HTTP error status that is not worth retrying."""

    def __init__(self, message: str, *, url: str, status: int, hint: str = "") -> None:
        super().__init__(message, hint=hint)
        self.url = url
        self.status = status


@dataclass(frozen=True)
class HttpPolicy:
    """Timeout (seconds), number of retries after the first try, and backoff base."""

    timeout: float = 30.0
    retries: int = 4
    backoff: float = 1.0

    @classmethod
    def from_settings(cls, settings: Settings) -> HttpPolicy:
        return cls(settings.http_timeout, settings.http_retries, settings.http_backoff)


def full_url(url: str, params: Params | None) -> str:
    """The URL with its query string, as it is logged and cited in provenance."""
    return str(httpx.URL(url, params=dict(params) if params else None))


class HttpClient:
    """GET JSON with retries; use as a context manager so the connection closes.

    Parameters
    ----------
    policy : HttpPolicy
        Timeout, retries and backoff.
    hint : str
        Hint attached to every error, e.g. how to work offline.
    transport : httpx.BaseTransport, optional
        For tests; the default opens real connections.
    sleep : callable
        Called with the seconds to wait between attempts.
    """

    def __init__(
        self,
        policy: HttpPolicy,
        *,
        hint: str = "",
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.policy = policy
        self.hint = hint
        self._sleep = sleep
        self._client = httpx.Client(
            timeout=policy.timeout,
            transport=transport,
            follow_redirects=True,
            headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
        )

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get_json(
        self,
        url: str,
        params: Params | None = None,
        *,
        no_retry: frozenset[int] = frozenset(),
    ) -> Any:
        """GET ``url`` and decode JSON, retrying transient failures.

        Raises
        ------
        SourceUnavailableError
            The server could not be reached, timed out or kept answering
            429/5xx after all retries.
        HttpStatusError
            Any other HTTP error status, or a status listed in ``no_retry``.
        SourceError
            The body is not JSON.
        """
        shown = full_url(url, params)
        response = self._get_with_retries(url, params, shown, no_retry)
        try:
            return response.json()
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise SourceError(
                f"{shown} did not answer with JSON ({exc}); it starts with "
                f"{response.text[:120]!r}.",
                hint=self.hint,
            ) from exc

    def _get_with_retries(
        self, url: str, params: Params | None, shown: str, no_retry: frozenset[int]
    ) -> httpx.Response:
        attempts = self.policy.retries + 1
        for attempt in range(attempts):
            last = attempt == attempts - 1
            try:
                logger.debug("GET %s (attempt %d/%d)", shown, attempt + 1, attempts)
                response = self._client.get(url, params=params)
            except httpx.TransportError as exc:
                if last:
                    raise SourceUnavailableError(
                        f"Cannot reach {shown} after {attempts} attempt(s): "
                        f"{type(exc).__name__}: {exc}.",
                        hint=self.hint,
                    ) from exc
                self._wait(attempt, shown, f"{type(exc).__name__}: {exc}", None)
                continue
            status = response.status_code
            if status < 400:
                return response
            if status in no_retry or status not in RETRY_STATUS:
                raise HttpStatusError(
                    f"{shown} answered HTTP {status}: {_snippet(response)}",
                    url=shown,
                    status=status,
                    hint=self.hint,
                )
            if last:
                raise SourceUnavailableError(
                    f"{shown} kept answering HTTP {status} after {attempts} "
                    f"attempt(s): {_snippet(response)}",
                    hint=self.hint,
                )
            self._wait(attempt, shown, f"HTTP {status}", response)
        raise AssertionError("unreachable")  # pragma: no cover

    def _wait(
        self, attempt: int, shown: str, reason: str, response: httpx.Response | None
    ) -> None:
        delay = self.policy.backoff * 2**attempt
        retry_after = response.headers.get("Retry-After") if response else None
        if retry_after and retry_after.strip().isdigit():
            delay = max(delay, float(retry_after))
        delay = min(delay, MAX_WAIT)
        logger.warning("%s for %s; retrying in %.2f s", reason, shown, delay)
        self._sleep(delay)

    def iter_pages(
        self,
        url: str,
        params: Params | None,
        next_link: Callable[[Any], str | None],
        *,
        no_retry: frozenset[int] = frozenset(),
    ) -> Iterator[Any]:
        """Yield decoded pages, following ``next_link(page)`` until it is None.

        The next link is used as given (servers put the paging token in it);
        a relative link is resolved against the page it came from. A link that
        repeats raises :class:`SourceError` instead of looping forever.
        """
        seen: set[str] = set()
        current: str | None = url
        current_params = params
        for _ in range(MAX_PAGES):
            if current is None:
                return
            page = self.get_json(current, current_params, no_retry=no_retry)
            yield page
            base = full_url(current, current_params)
            seen.add(base)
            link = next_link(page)
            current = str(httpx.URL(base).join(link)) if link else None
            current_params = None
            if current is not None and current in seen:
                raise SourceError(
                    f"Paging loops: {base} links back to {current}.", hint=self.hint
                )
        raise SourceError(f"More than {MAX_PAGES} pages at {url}; giving up.")


def _snippet(response: httpx.Response) -> str:
    text = " ".join(response.text.split())
    return (text[:300] + "...") if len(text) > 300 else (text or "(empty body)")
