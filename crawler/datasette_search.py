"""A Datasette plugin: Chinese search through Datasette's own search box and `?_search=`.

Datasette hands `_search` to FTS5 MATCH. This plugin rewrites the query
string first (crawler.search.fts_query): simplified script, each term a
phrase of character bigrams, `_searchmode=raw`. It is registered as a
Datasette plugin by the package's entry point, so `datasette` finds it once
the project is installed.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl

from .search import fts_query

ASGIApp = Callable[[dict, Callable, Callable], Awaitable[None]]


def rewrite_query_string(query_string: bytes) -> bytes:
    """Rewrite `_search` and `_search_<column>` values into bigram FTS5 queries."""
    pairs = parse_qsl(query_string.decode("utf-8", "replace"), keep_blank_values=True)
    if not any(key == "_search" or key.startswith("_search_") for key, _ in pairs):
        return query_string
    out: list[tuple[str, str]] = []
    for key, value in pairs:
        if key == "_searchmode":
            continue
        if (key == "_search" or key.startswith("_search_")) and value.strip():
            value = fts_query(value)
        out.append((key, value))
    out.append(("_searchmode", "raw"))
    return urlencode(out).encode("ascii")


# The search box shows what the reader typed, not the bigram phrase the query
# became (facet and sort links carry the phrase, which rewrites to itself).
SHOW_TYPED_QUERY = """
(function () {
  var box = document.querySelector('input[name="_search"]');
  if (!box || !/^\\s*("[^"]*"\\s*\\*?\\s*(AND\\s+)?)+$/.test(box.value)) return;
  var raw = box.value;
  var typed = raw.match(/"[^"]*"/g).map(function (phrase) {
    var parts = phrase.slice(1, -1).split(/\\s+/).filter(Boolean);
    return parts.reduce(function (text, part, i) {
      var prev = parts[i - 1];
      if (i === 0) return part;
      if (prev.length === 2 && part.length === 2 && prev[1] === part[0]) return text + part[1];
      return text + " " + part;
    }, "");
  }).join(" ");
  box.value = typed;
  document.querySelectorAll("h3").forEach(function (h) {
    h.textContent = h.textContent.split('"' + raw + '"').join("“" + typed + "”");
  });
  document.title = document.title.split('"' + raw + '"').join("“" + typed + "”");
})();
"""


@hookimpl
def extra_body_script(view_name: str) -> str:
    """On table pages, put the typed words back in the search box."""
    return SHOW_TYPED_QUERY if view_name == "table" else ""


@hookimpl
def asgi_wrapper(datasette: Any) -> Callable[[ASGIApp], ASGIApp]:
    """Wrap Datasette's app so that searches reach FTS5 as bigram phrases."""

    def wrap(app: ASGIApp) -> ASGIApp:
        async def search_rewriting_app(scope: dict, receive: Callable, send: Callable) -> None:
            if scope.get("type") == "http" and scope.get("query_string"):
                scope = {**scope, "query_string": rewrite_query_string(scope["query_string"])}
            await app(scope, receive, send)

        return search_rewriting_app

    return wrap
