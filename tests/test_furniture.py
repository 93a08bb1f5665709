"""crawler.furniture: page furniture in both scripts."""

import pytest

from crawler.furniture import (
    is_end_marker,
    is_furniture,
    is_nav_line,
    is_url_only,
    strip_bullet,
    strip_urls,
)


@pytest.mark.parametrize(
    "line",
    ["您當前的位置：首頁 > 新聞中心 > 時政", "【字體：大 中 小】", "扫一扫在手机打开当前页", "微信",
     "Copyright ©山西大院新闻网", "验证码：", "0", "|", "运行维护单位：中国电信四川公司",
     "图片来源：视觉中国", "资料图 图片来源：视觉中国", "（图片来自网络）", "圖片均來自網絡", "照片由县委宣传部提供", "图/新华社",
     "资料图", "（资料图片）", "图片来源于网络，如有侵权请联系删除", "某某网记者 蔡文斌 摄",
     "（记者 张三 摄）", "新华社记者 李四 摄", "张三 摄", "某某网 > 新闻中心 > 本地新闻 > 正文", "【广告】某某楼盘 火爆认购中",
     "本文仅代表作者观点，不代表百度立场。", "未经作者许可，不得转载。", "点击蓝字 关注我们",
     "分享、点赞、在看，都是对我们最大的支持"],
)
def test_furniture_lines(line):
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    ["会议强调，要加强宣传引导。", "市委书记主持会议", "2月9日，三江召开会议", "微信公众号发布了通知。",
     "图为会议现场。", "图书馆开放时间调整", "照片中的老人今年九十岁。",
     "8月18日，农民利用移动泵站从河道抽水灌溉稻田。", "8月17日，消防救援人员送水。 张三 摄",
     "摄影师张三拍摄了这组照片。", "a>b", "游客在花海中拍照 张三 摄", "01", "02",
     "会议强调，未经审批许可，任何单位不得转载或使用涉密文件，违者依法追究责任，请各单位严格遵守执行。"],
)
def test_article_lines_are_not_furniture(line):
    assert not is_furniture(line)


@pytest.mark.parametrize(
    "line",
    ["【張家口新聞網版權聲明 】", "版权声明", "本文地址:http://www.shanxidayuan.com/gsyl/yangquan/5927.html",
     "【專題】張家口市市長趙文鋒活動報道專集", "1.本網(張家口新聞網)稿件下……", "留言与评论(共有 条评论)"],
)
def test_end_markers(line):
    assert is_end_marker(line)


def test_nav_lines():
    assert is_nav_line("首頁 新聞中心 即時新聞 時政 獨家 縣區 小記者 教育")
    assert not is_nav_line("首页 新闻")


def test_urls():
    assert is_url_only("https://mp.weixin.qq.com/s/f32Erfs9Z4mu-9a_bivZxg")
    assert strip_urls("https://mp.weixin.qq.com/s/x 2月9日，会议召开") == "2月9日，会议召开"
    assert strip_urls("访问地址是 http://192.168.10.25/admin/ 。打开后") == "访问地址是 http://192.168.10.25/admin/ 。打开后"


def test_bullets():
    assert strip_bullet("• 1月25日，我市召开") == "1月25日，我市召开"
    assert strip_bullet("◆◆◆") == "◆◆◆"


def test_a_footers_host_line_ends_the_article_and_an_event_notices_does_not():
    assert is_end_marker("主办单位：某某县人民政府办公室 网站标识码：5101000001")
    assert not is_end_marker("主办单位：县文化馆 承办单位：城关镇文化站")

