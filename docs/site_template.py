"""示例新闻网 (xinwen.example): replace this line with the site's name and domain.

Copy this file to ``newsarchive/sites/<id>.py`` and replace every value (see
docs/adding-a-site.md). Say here what a maintainer needs to know a year from now:
what article URLs look like, which layouts the site had (years, encodings), and
why each selector below is needed.

Articles live under ``/system/YYYY/MM/DD/<id>.shtml``; section pages are
``/bendi/``, ``/bendi/index_1.shtml``...
"""

from newsarchive.sites import register
from newsarchive.sites.base import Site


@register
class ExampleNews(Site):
    # Stored in articles.site forever: short, lower case, never renamed.
    id = "example"
    name = "示例新闻网"
    # A host equal to or below one of these belongs to the site (www., news., m. ...).
    domains = ("xinwen.example",)
    # Section index pages the crawl starts from.
    start_urls = ("http://news.xinwen.example/bendi/",)
    # Searched in the absolute URL: only article pages match (a multi-page article's
    # later pages add _2, _3...). End with (?:[?#]|$) so tracking parameters still match.
    article_url = r"://news\.xinwen\.example/system/\d{4}/\d{2}/\d{2}/\d+(_\d+)?\.shtml(?:[?#]|$)"
    # Further list pages to follow (a section's pagination); None: only start_urls.
    list_url = r"://news\.xinwen\.example/bendi/(index(_\d+)?\.shtml)?$"

    # Everything below is optional. Add a selector only when `newsarchive fixtures
    # check` shows the generic extractor getting that field wrong, and say why.
    # CSS, or XPath when it starts with / or (; a tuple is tried in order (one entry
    # per layout, old and new).
    #
    # next_page = "a.next"             # list pagination, when 下一页 is not its text
    # headline = "h1.title"
    # subtitle = "h2.sub-title"
    # published = "#pubtime"           # the element showing the date
    # source = "#source::text"
    # editor = "div.editor"
    # authors = "span.author"
    # section = "div.crumb"            # the breadcrumb
    # body = ("#article_content", "#div_content")
    # body_drop = ("div.share",)       # inside the body: what is not article text
    # allow_hosts = ("img.xinwen-cdn.example",)  # fetchable hosts outside domains
