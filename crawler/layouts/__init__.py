"""The layouts (page templates) the crawler can read, by name."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import Layout
from .generic import GenericLayout, configured
from .liuzhou_trs import LiuzhouTrsLayout
from .scgov import ScgovLayout
from .shanxidayuan import ShanxidayuanLayout
from .zjknews import ZjknewsLayout

if TYPE_CHECKING:
    from ..sites import Site

LAYOUTS: dict[str, Layout] = {
    layout.name: layout
    for layout in (
        ZjknewsLayout(), ShanxidayuanLayout(), LiuzhouTrsLayout(), ScgovLayout(), GenericLayout(),
    )
}


def layout_for(site: Site) -> Layout:
    """The layout that reads `site`, with the site's own configuration where the layout takes one."""
    return configured(LAYOUTS[site.layout], site)


__all__ = ["LAYOUTS", "GenericLayout", "Layout", "layout_for"]
