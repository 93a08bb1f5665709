"""crawler.challenge: anti-bot and login pages."""

import pytest

from crawler.challenge import challenge_marker


@pytest.mark.parametrize(
    ("status", "text"),
    [
        (412, "<script>document.cookie='__jsl_clearance=1'</script>"),
        (200, "<title>Just a moment...</title>"),
        (200, "<div>请完成安全验证后继续访问</div>"),
        (200, "<h1>用户登录</h1><form>"),
        (521, ""),
        (403, "Forbidden"),
    ],
)
def test_challenges_are_recognised(status, text):
    assert challenge_marker(status, text)


@pytest.mark.parametrize(
    ("status", "text"),
    [
        (200, "<p>会议强调，要加强疫情防控。</p>"),
        (404, "Not Found"),
        (503, "Service Unavailable"),
        (200, "<p>正文</p>" * 2000 + "验证码："),
    ],
)
def test_ordinary_pages_and_errors_are_not_challenges(status, text):
    assert challenge_marker(status, text) is None
