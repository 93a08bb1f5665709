"""Anti-bot challenges and login walls: pages served instead of content.

A site that answers with a challenge has not stopped publishing; the run
must say so rather than count the page as a parse failure.
"""

from __future__ import annotations

import re

# Statuses anti-bot services answer with (412: 知道创宇/加速乐 style JS
# challenges; 521: the same vendors' cookie challenge).
CHALLENGE_STATUSES = frozenset({401, 403, 412, 429, 521})

_MARKERS = re.compile(
    r"__jsl_clearance|acw_sc__v2|_waf_|waf\.js|wzws_cid|yunsuo_session|"
    r"Just a moment\.\.\.|cf-browser-verification|challenge-platform|"
    r"Please enable JavaScript|JavaScript is required|"
    r"安全验证|人机验证|访问验证|滑动验证|请完成验证|请输入验证码后继续|"
    r"访问过于频繁|访问频率过高|您的访问被拦截|网站防火墙|"
    r"请登录后|用户登录|请先登录|统一身份认证",
    re.I,
)


def challenge_marker(status: int, text: str) -> str | None:
    """Why the page looks like a challenge or login wall, or None.

    Markers are searched in the head of the page only (challenge pages are
    short; real articles may mention 验证 or 登录 further down).
    """
    head = text[:6000]
    match = _MARKERS.search(head)
    if match:
        return match.group(0)
    if status in CHALLENGE_STATUSES:
        return f"HTTP {status}"
    return None
