"""The layouts (page templates) the crawler can read, by name."""

from .base import Layout
from .liuzhou_trs import LiuzhouTrsLayout
from .scgov import ScgovLayout
from .shanxidayuan import ShanxidayuanLayout
from .zjknews import ZjknewsLayout

LAYOUTS: dict[str, Layout] = {
    layout.name: layout
    for layout in (ZjknewsLayout(), ShanxidayuanLayout(), LiuzhouTrsLayout(), ScgovLayout())
}

__all__ = ["LAYOUTS", "Layout"]
