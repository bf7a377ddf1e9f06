"""Which destinations exist, what an admin fills in for each, and how to build its adapter."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    required: bool = True
    url: bool = False
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Spec:
    kind: str
    label: str
    fields: tuple[Field, ...]
    secret_label: str  # "" when the destination has no secret


SPECS: dict[str, Spec] = {
    "wordpress": Spec("wordpress", "WordPress", (
        Field("site_url", "Site URL", url=True), Field("username", "User name"),
    ), "Application password"),
    "ghost": Spec("ghost", "Ghost", (Field("admin_url", "Admin URL", url=True),), "Admin API key"),
    "devto": Spec("devto", "dev.to", (
        Field("base_url", "API address (empty: https://dev.to)", required=False, url=True),
    ), "API key"),
    "static": Spec("static", "Static site files", (
        Field("generator", "Generator", choices=("hugo", "jekyll", "astro")),
    ), ""),
}


def spec(kind: str) -> Spec:
    try:
        return SPECS[kind]
    except KeyError:
        from drafts.errors import ValidationError

        raise ValidationError("Choose WordPress, Ghost, dev.to or static site files.", field="kind") from None


def build(kind: str, settings: dict, secret: str):
    """The adapter for a destination, from its settings and decrypted secret."""
    if kind == "wordpress":
        from drafts.export.wordpress import WordPressAdapter

        return WordPressAdapter(settings["site_url"], settings["username"], secret)
    if kind == "ghost":
        from drafts.export.ghost import GhostAdapter

        return GhostAdapter(settings["admin_url"], secret)
    if kind == "devto":
        from drafts.export.devto import DevToAdapter

        return DevToAdapter(secret, base_url=settings.get("base_url") or "https://dev.to")
    if kind == "static":
        from drafts.export.static_site import StaticSiteExporter

        return StaticSiteExporter(settings.get("generator", "hugo"))
    spec(kind)
