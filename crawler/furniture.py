"""Page furniture: lines that are never part of an article.

Every pattern is matched against the simplified form of a cleaned line, so
one list serves pages in both scripts.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .clean import to_simplified

# A line that starts one of these ends the article: nothing after it is body.
_END = re.compile(
    r"^(?:【?[^】]{0,12}版权声明|版权所有|本文地址|留言与评论|【专题】|\d\.\s*本网|"
    # a site's footer, not an event notice's `主办单位：县文化馆`
    r"主办单位.*(?:网站|版权|备案|ICP|技术支持|联系我们|标识码)|"
    r"扫一扫在手机打开当前页|相关新闻|相关阅读|上一篇|下一篇|分享到)"
)

# Lines dropped wherever they stand.
_LINE = re.compile(
    r"^(?:"
    r"您?当前的?位置.*|当前位置.*|.*首页\s*>.*|"  # breadcrumbs
    r"【字体.*|字体[:：]?\s*[大中小].*|【打印】.*|【关闭】.*|打印本页|关闭窗口|"
    r"扫一扫.*|分享到.*|微信|微博|客户端|头条号|抖音.*|手机版.*|电脑版|Baidu|map|"
    r"Copyright.*|copyright.*|©.*|.*版权所有.*|"
    # page numbers; `01`, `02` are an article's section numbers
    r"验证码.*|(?!0\d)\d{1,3}|[|｜]|•|"
    r"运行维护单位.*|网站标识码.*|[京蜀冀晋桂]ICP备.*|"
    # credit-only captions: 图片来源：视觉中国, （图片来自网络）, 照片由…提供, 图/新华社, 资料图
    r"(?:资料图片?\s*)?[（(【\[]?(?:图片|照片|配图|题图|图)\s*(?:来源|来自|均来自|提供|由)[^，,。；！？]{0,24}[）)】\]]?。?|"
    r"[（(]?图\s*[/|｜]\s*[^，,。；！？\s]{1,20}[）)]?|[（(]?资料图片?[）)]?|"
    r".*如有侵权.{0,12}联系.*|"
    # photo credits alone: 鹭川网记者 蔡文斌 摄, （记者 张三 摄）; a caption before the
    # credit (`游客在花海中拍照 张三 摄`) makes it a caption
    r"[（(]?(?:[^，,。；！？\s]{0,10}(?:记者|通讯员|摄影师?|社|报|网|台|中心|图))?[\s　]*"
    r"[^，,。；！？\s]{2,4}[\s　]+摄(?:影)?[）)]?|"
    # breadcrumbs without 首页: 鹭川网 > 新闻中心 > 正文
    r"(?:[^>»，。；！？]{1,12}\s*[>»›]\s*){2,}[^>»，。；！？]{0,12}|"
    r"【广告】.*|广告|点击(?:上方)?蓝字\s*关注.{0,8}|"
    # a platform's closing plea: 分享、点赞、在看，都是对我们最大的支持
    r"(?=.{0,40}$).*(?:分享|点赞|在看|转发)[、，,和与]\s*(?:分享|点赞|在看|转发).*|"
    # platform disclaimers: 本文仅代表作者观点，不代表某某立场。未经作者许可，不得转载。
    r"(?=.{0,40}$).*(?:未经.{0,12}(?:许可|授权).{0,8}(?:转载|使用)|仅代表作者(?:本人|个人)?观点|"
    r"不代表.{0,12}(?:立场|观点)).*"
    r")$"
)


@lru_cache(maxsize=8192)
def simplified(line: str) -> str:
    """The simplified form used for matching (each line is tested several times,
    and furniture lines repeat from page to page: converted once)."""
    return to_simplified(line) or ""


def is_nav_line(line: str) -> bool:
    """A navigation bar: `首页 新闻中心 即时新闻 时政 …` (many short words)."""
    words = simplified(line).split()
    return len(words) >= 5 and words[0] == "首页" and all(len(w) <= 6 for w in words)


def is_end_marker(line: str) -> bool:
    """True when `line` starts the furniture that follows an article."""
    return bool(_END.match(simplified(line)))


def is_furniture(line: str) -> bool:
    """True when `line` is page furniture wherever it stands."""
    return bool(_LINE.match(simplified(line))) or is_nav_line(line)


def is_url_only(line: str) -> bool:
    """A line that is only a link (`https://mp.weixin.qq.com/s/…`)."""
    return bool(re.fullmatch(r"(?:https?://\S+\s*)+", line))


_LEADING_URLS = re.compile(r"^\s*(?:https?://[\x21-\x7e]+\s*)+")


def strip_urls(text: str) -> str:
    """Remove the bare URLs a copy glues to the start of a paragraph
    (`https://mp.weixin.qq.com/s/… 2月9日，…`); a URL inside the text is the text's."""
    return _LEADING_URLS.sub("", text).strip()


_BULLET = re.compile(r"^[•·▪●◆■]\s*(?=[^•·▪●◆■\s])")


def strip_bullet(line: str) -> str:
    """Remove a list bullet that starts a line."""
    return _BULLET.sub("", line)
