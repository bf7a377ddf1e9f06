import pytest
from cryptography.fernet import Fernet

from drafts.models import LLMSettings
from drafts.secrets import SecretBox, hint, load_key
from drafts.suggestions import config as llm_config
from drafts.suggestions import service

BOX = SecretBox(Fernet.generate_key())


def test_no_model_configured_means_builtin_engine(dbs):
    config = llm_config.effective_config(dbs, {}, BOX)
    assert not config.uses_model
    provider = service.make_provider(config)
    assert provider.is_builtin and provider.name == "Built-in engine (offline)"


def test_environment_configures_an_openai_compatible_server(dbs):
    env = {"OPENAI_BASE_URL": "http://127.0.0.1:11434/v1", "BYLINE_LLM_MODEL": "llama3.1",
           "BYLINE_LLM_TIMEOUT": "12", "BYLINE_LLM_RETRIES": "1"}
    config = llm_config.effective_config(dbs, env, BOX)
    assert (config.uses_model, config.model, config.timeout, config.max_retries, config.host) == (
        True, "llama3.1", 12.0, 1, "127.0.0.1:11434")
    provider = service.make_provider(config)
    assert not provider.is_builtin and provider.name == "llama3.1 at 127.0.0.1:11434"
    assert llm_config.effective_config(dbs, {"OPENAI_API_KEY": "sk-x"}, BOX).model == "gpt-4o-mini"


def test_admin_settings_win_over_the_environment_and_builtin_only_switch(dbs):
    dbs.add(LLMSettings(id=1, base_url="http://10.0.0.5:8000/v1", model="qwen", api_key_encrypted=BOX.encrypt("k" * 20),
                        timeout_seconds=30, max_retries=0, builtin_only=False, daily_token_budget=10, style_guide="x"))
    dbs.commit()
    config = llm_config.effective_config(dbs, {"OPENAI_BASE_URL": "http://other/v1", "BYLINE_LLM_MODEL": "m"}, BOX)
    assert (config.base_url, config.model, config.api_key, config.timeout, config.max_retries) == (
        "http://10.0.0.5:8000/v1", "qwen", "k" * 20, 30, 0)
    dbs.get(LLMSettings, 1).builtin_only = True
    dbs.commit()
    assert service.make_provider(llm_config.effective_config(dbs, {}, BOX)).is_builtin


def test_secret_box_round_trip_and_wrong_key(tmp_path, monkeypatch):
    monkeypatch.delenv("BYLINE_ENCRYPTION_KEY", raising=False)
    key = load_key(str(tmp_path))
    assert load_key(str(tmp_path)) == key and (tmp_path / "encryption_key").stat().st_mode & 0o777 == 0o600
    token = SecretBox(key).encrypt("sk-live-abcdef123456")
    assert "sk-live" not in token and SecretBox(key).decrypt(token) == "sk-live-abcdef123456"
    with pytest.raises(ValueError, match="encryption key changed"):
        SecretBox(Fernet.generate_key()).decrypt(token)
    assert hint("sk-live-abcdef123456") == "set, ending in …3456" and hint("") == ""
