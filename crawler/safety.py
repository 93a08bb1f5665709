"""Never crawl into a private network: refuse private, loopback and reserved addresses.

A news site's link, or a redirect, could point the crawler at
``http://127.0.0.1:8001/`` or ``http://10.0.0.1/`` on the machine or network
it runs in. Outside OFFLINE mode, :class:`PrivateAddressMiddleware` checks
each request's host before anything is sent: a literal IP is checked as it
is, a name is resolved (off the reactor thread, cached per host) and refused
when any of its addresses is private, loopback, link-local, multicast,
reserved or unspecified. The refusal is logged with the URL and counted as
``errors/private_address``. ``ALLOW_PRIVATE_ADDRESSES = True`` turns the
check off (for an intranet portal, say); OFFLINE mode never checks, since the
fixture mirror itself is on 127.0.0.1.

The check is made before the download, not on the connected socket, so a
host whose DNS answer changes in between is not caught (DNS rebinding); it
guards against links and redirects, not against a hostile DNS server.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import TYPE_CHECKING

from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet import threads

from .middlewares import refuse

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler


def is_public(address: str) -> bool:
    """Is `address` (an IPv4 or IPv6 literal) a public, routable unicast address?"""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
                or ip.is_reserved or ip.is_unspecified or not ip.is_global)


def literal_ip(host: str) -> str | None:
    """`host` when it is an IP literal (brackets removed), else None."""
    host = host.strip("[]")
    try:
        ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        return None
    return host


def resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (blocking: call it off the reactor thread)."""
    infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    return sorted({info[4][0] for info in infos})


class PrivateAddressMiddleware:
    """Downloader middleware refusing requests to non-public addresses (outside OFFLINE)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.verdicts: dict[str, str | None] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PrivateAddressMiddleware:
        """Enabled unless OFFLINE or ALLOW_PRIVATE_ADDRESSES is set."""
        settings = crawler.settings
        if settings.getbool("OFFLINE") or settings.getbool("ALLOW_PRIVATE_ADDRESSES"):
            raise NotConfigured  # without a message: Scrapy then disables it quietly
        return cls(crawler)

    async def _verdict(self, host: str, port: int) -> str | None:
        """Why `host` must not be crawled, or None when it is public."""
        if host in self.verdicts:
            return self.verdicts[host]
        literal = literal_ip(host)
        if literal is not None:
            addresses = [literal]
        else:
            try:
                addresses = await maybe_deferred_to_future(
                    threads.deferToThread(resolve, host, port))
            except OSError:
                return None  # unresolvable: the download fails with its own DNS error
        private = [a for a in addresses if not is_public(a)]
        verdict = None
        if private:
            verdict = (f"{host} is not a public address" if literal is not None
                       else f"{host} resolves to non-public {', '.join(private)}")
        self.verdicts[host] = verdict
        return verdict

    async def process_request(self, request: Request, spider: Spider | None = None) -> None:
        """Refuse `request` (RefusedRequest, kind ``private_address``) if its host is not public."""
        parts = urlparse_cached(request)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return None
        port = parts.port or (443 if parts.scheme == "https" else 80)
        verdict = await self._verdict(parts.hostname, port)
        if verdict:
            raise refuse(self.crawler, request, "private_address", verdict)
        return None
