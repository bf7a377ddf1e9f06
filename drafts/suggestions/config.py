"""Which model suggestions use: admin settings in the app, then the environment.

Kept apart from the service so that usage accounting and the service both read
it without importing each other.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from sqlalchemy.orm import Session

from drafts.models import LLMSettings
from drafts.secrets import SecretBox

DEFAULT_MODEL = "gpt-4o-mini"


@dataclass(frozen=True)
class LLMConfig:
    base_url: str
    model: str
    api_key: str
    timeout: float
    max_retries: int
    builtin_only: bool
    daily_budget: int
    style_guide: str

    @property
    def uses_model(self) -> bool:
        return not self.builtin_only and bool(self.api_key or self.base_url)

    @property
    def host(self) -> str:
        if not self.base_url:
            return "api.openai.com"
        return urlsplit(self.base_url).netloc or self.base_url


def settings_row(session: Session) -> LLMSettings:
    row = session.get(LLMSettings, 1)
    if row is None:
        row = LLMSettings(id=1)
        session.add(row)
        session.flush()
    return row


def effective_config(session: Session, env: Mapping[str, str], box: SecretBox) -> LLMConfig:
    """Admin settings in the app win; empty ones fall back to the environment."""
    row = session.get(LLMSettings, 1) or LLMSettings(
        base_url="", model="", api_key_encrypted="", builtin_only=False,
        daily_token_budget=50_000, style_guide="",
    )

    def env_number(name: str, default: float) -> float:
        try:
            return float(env.get(name) or default)
        except ValueError:
            return default

    return LLMConfig(
        base_url=row.base_url or env.get("OPENAI_BASE_URL", ""),
        model=row.model or env.get("BYLINE_LLM_MODEL", "") or DEFAULT_MODEL,
        api_key=box.decrypt(row.api_key_encrypted) if row.api_key_encrypted else env.get("OPENAI_API_KEY", ""),
        timeout=row.timeout_seconds or env_number("BYLINE_LLM_TIMEOUT", 60.0),
        max_retries=int(row.max_retries if row.max_retries is not None else env_number("BYLINE_LLM_RETRIES", 2)),
        builtin_only=bool(row.builtin_only),
        daily_budget=row.daily_token_budget if row.daily_token_budget is not None else 50_000,
        style_guide=row.style_guide or "",
    )
