"""Files for static-site generators (Hugo, Jekyll, Astro) and plain downloads.

Pure code, no network: `StaticSiteExporter(generator).export(post, now=...)`
gives one Markdown file with the generator's front matter, `export_many` a zip
of several. `markdown_with_front_matter` and `standalone_html` serve the
"download as Markdown / HTML" buttons.

Front matter is written by PyYAML's safe dumper so every generator's parser
reads it the same way: string values are always double-quoted (PyYAML escapes
what YAML cannot hold raw, including the line separators YAML 1.1 parsers such
as Jekyll's treat as line breaks), lists sit on one line, and dates are
unquoted YAML timestamps in the post's own time zone, with their offset.
"""

from __future__ import annotations

import html
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable
from datetime import datetime, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from drafts.export.base import FileExport, Post
from drafts.export.ssg_templates import hugo_body, jekyll_body

GENERATORS = ("hugo", "jekyll", "astro")
MARKDOWN_TYPE = "text/markdown; charset=utf-8"
ZIP_TYPE = "application/zip"
HTML_TYPE = "text/html; charset=utf-8"
SLUG_LIMIT = 80

Value = str | bool | datetime | list[str] | tuple[str, ...]


class StaticSiteExporter:
    """Markdown files with front matter for one static-site generator."""

    kind = "static"
    label = "Static site files"

    def __init__(self, generator: str) -> None:
        name = (generator or "").strip().lower()
        if name not in GENERATORS:
            raise ValueError(f"Unknown static-site generator {generator!r}: choose Hugo, Jekyll "
                             "or Astro.")
        self.generator = name

    def __repr__(self) -> str:
        return f"StaticSiteExporter({self.generator!r})"

    def path_for(self, post: Post, *, now: datetime) -> str:
        """Where the file goes in the site's source tree."""
        slug = safe_slug(post.slug or post.title)
        if self.generator == "jekyll":
            return f"_posts/{post_date(post, now):%Y-%m-%d}-{slug}.md"
        if self.generator == "astro":
            return f"src/content/blog/{slug}.md"
        return f"{slug}.md"

    def front_matter(self, post: Post, *, now: datetime) -> list[tuple[str, Value]]:
        """The fields, in order, for this generator."""
        date = post_date(post, now)
        author = [("author", post.author_name)] if post.author_name else []
        if self.generator == "hugo":
            return [
                ("title", post.title),
                ("date", date),
                ("draft", post.status != "publish"),
                ("slug", safe_slug(post.slug or post.title)),
                *author,
                ("description", post.excerpt),
                ("tags", list(post.tags)),
            ]
        if self.generator == "jekyll":
            return [
                ("layout", "post"),
                ("title", post.title),
                ("date", date),
                *author,
                ("tags", list(post.tags)),
                ("published", post.status == "publish"),
            ]
        fields: list[tuple[str, Value]] = [
            ("title", post.title),
            ("description", post.excerpt),
            ("pubDate", date),
            *author,
        ]
        updated = local_time(now, post.timezone)
        if updated.date() > date.date():  # re-exported on a later day: say when it changed
            fields.append(("updatedDate", updated))
        return fields

    def export(self, post: Post, *, now: datetime) -> FileExport:
        body = _BODIES.get(self.generator, str)(post.markdown or "")
        text = _document(self.front_matter(post, now=now), body, jekyll=self.generator == "jekyll")
        return FileExport(self.path_for(post, now=now), text.encode("utf-8"), MARKDOWN_TYPE)

    def export_many(self, posts: Iterable[Post], *, now: datetime,
                    extra: Iterable[tuple[str, bytes]] = ()) -> FileExport:
        """A zip of one file per post, laid out as in the site's source tree, plus
        `extra` files (the posts' images, see drafts/export/static_media.py)."""
        files = [self.export(post, now=now) for post in posts]
        if not files:
            raise ValueError("Choose at least one post to export.")
        taken: set[str] = set()
        entries: list[tuple[str, bytes]] = []
        for file in files:
            name = _unique(file.filename, taken)
            entries.append((name, file.content))
        entries += [(_unique(name, taken), content) for name, content in extra]
        entries.sort(key=lambda entry: entry[0])
        stamp = now.astimezone(timezone.utc) if now.tzinfo else now
        date_time = (max(stamp.year, 1980), stamp.month, stamp.day,
                     stamp.hour, stamp.minute, stamp.second)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, content in entries:
                info = zipfile.ZipInfo(name, date_time=date_time)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, content)
        filename = f"{self.generator}-posts-{local_time(now, 'UTC'):%Y-%m-%d}.zip"
        return FileExport(filename, buffer.getvalue(), ZIP_TYPE)

    # The Adapter interface's network methods do not apply: the service calls export().
    def check(self) -> str:
        return (f"Static site files for {self.generator.capitalize()} need no connection: "
                "download them from the post's page.")


_BODIES = {"jekyll": jekyll_body, "hugo": hugo_body}  # Astro's .md runs no templates


def markdown_with_front_matter(post: Post, now: datetime) -> str:
    """The post as one Markdown file with generic front matter (the "Markdown" download)."""
    fields: list[tuple[str, Value]] = [
        ("title", post.title),
        ("date", post_date(post, now)),
        ("draft", post.status != "publish"),
        ("slug", safe_slug(post.slug or post.title)),
        *([("author", post.author_name)] if post.author_name else []),
        ("description", post.excerpt),
        ("tags", list(post.tags)),
    ]
    return _document(fields, post.markdown)


def standalone_html(post: Post) -> str:
    """A complete HTML5 document for the "HTML" download (post.html is already sanitized)."""
    title = html.escape(post.title or "Untitled")
    head = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f'<meta name="description" content="{html.escape(post.excerpt or "")}">',
    ]
    if post.author_name:
        head.append(f'<meta name="author" content="{html.escape(post.author_name)}">')
    if post.canonical_url:
        head.append(f'<link rel="canonical" href="{html.escape(post.canonical_url)}">')
    head.append(f"<style>{_STYLE}</style>")
    byline = []
    if post.author_name:
        byline.append(html.escape(post.author_name))
    if post.publish_at is not None:
        when = local_time(post.publish_at, post.timezone)
        byline.append(f'<time datetime="{when.isoformat()}">{when:%d %B %Y}</time>')
    meta = f'<p class="byline">{" · ".join(byline)}</p>\n' if byline else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n' + "\n".join(head) + "\n</head>\n<body>\n<article>\n"
        f"<h1>{title}</h1>\n{meta}{post.html.strip()}\n</article>\n</body>\n</html>\n"
    )


_STYLE = (
    "body{margin:0;background:#fff;color:#1f2328;font:18px/1.6 Georgia,'Times New Roman',serif}"
    "article{max-width:42rem;margin:3rem auto;padding:0 1.25rem}"
    "h1,h2,h3{font-family:system-ui,sans-serif;line-height:1.25}"
    ".byline{color:#59636e;font:15px system-ui,sans-serif}"
    "img{max-width:100%;height:auto}"
    "pre{overflow:auto;padding:1rem;background:#f6f8fa}"
    "code{font-size:.9em}"
    "blockquote{margin-left:0;padding-left:1rem;border-left:4px solid #d1d9e0;color:#59636e}"
)


# -- dates -----------------------------------------------------------------------------


def local_time(moment: datetime, zone_name: str) -> datetime:
    """`moment` in the IANA zone (UTC when the name is unknown; naive means UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    try:
        zone = ZoneInfo(zone_name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    return moment.astimezone(zone).replace(microsecond=0)


def post_date(post: Post, now: datetime) -> datetime:
    """The post's date: its publish time if set, else now; in the post's time zone."""
    return local_time(post.publish_at or now, post.timezone)


# -- YAML ------------------------------------------------------------------------------


class _Key(str):
    """A front-matter key: written plain."""


class _JekyllDate(str):
    """Jekyll's own date format (2024-05-01 09:30:00 +0200): written plain, Psych reads it."""


class _FrontMatterDumper(yaml.SafeDumper):
    """PyYAML's safe dumper, with string values always double-quoted (so a title such as
    "yes", "1e3" or "0o17" reads back as text in YAML 1.1 and 1.2 parsers alike), lists
    on one line, and dates as unquoted timestamps with their offset."""


def _quoted(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", _clean(text), style='"')


def _plain(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(text))


def _timestamp(dumper: yaml.SafeDumper, moment: datetime) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", moment.isoformat())


def _flow(dumper: yaml.SafeDumper, items) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", [str(i) for i in items],
                                     flow_style=True)


_FrontMatterDumper.add_representer(str, _quoted)
_FrontMatterDumper.add_representer(_Key, _plain)
_FrontMatterDumper.add_representer(_JekyllDate, _plain)
_FrontMatterDumper.add_representer(datetime, _timestamp)
_FrontMatterDumper.add_representer(list, _flow)
_FrontMatterDumper.add_representer(tuple, _flow)


def _clean(text: str) -> str:
    """Lone surrogates cannot be written as UTF-8: they become U+FFFD."""
    return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text)


def _dump(data) -> str:
    return yaml.dump(data, Dumper=_FrontMatterDumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=float("inf"))


def yaml_string(text: str) -> str:
    """A double-quoted YAML scalar that reads back as exactly `text` (lone surrogates aside)."""
    return _dump({_Key("v"): str(text)})[len("v: "):].rstrip("\n")


def front_matter_text(fields: list[tuple[str, Value]], *, jekyll: bool = False) -> str:
    data = {}
    for key, value in fields:
        if jekyll and isinstance(value, datetime):
            value = _JekyllDate(value.strftime("%Y-%m-%d %H:%M:%S %z"))
        data[_Key(key)] = value
    return "---\n" + _dump(data) + "---\n"


def _document(fields: list[tuple[str, Value]], markdown: str, *, jekyll: bool = False) -> str:
    body = (markdown or "").replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    text = front_matter_text(fields, jekyll=jekyll)
    return text + ("\n" + body + "\n" if body else "")


# -- file names ------------------------------------------------------------------------


def safe_slug(text: str) -> str:
    """A slug safe as a file name: ASCII letters, digits and hyphens only (never a path)."""
    ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:SLUG_LIMIT].strip("-") or "post"


def _unique(name: str, taken: set[str]) -> str:
    stem, dot, ext = name.rpartition(".")
    candidate, n = name, 2
    while candidate in taken:
        candidate = f"{stem}-{n}{dot}{ext}"
        n += 1
    taken.add(candidate)
    return candidate


__all__ = [
    "GENERATORS",
    "StaticSiteExporter",
    "markdown_with_front_matter",
    "standalone_html",
    "yaml_string",
]
