"""The *Model* page's connection check: list the server's models, then ask for one token.

Each step gives one sentence: what worked, or what is wrong and what to change.
The check uses the same client settings as suggestions (timeout, retries, key),
so a green check means suggestions will reach the model.
"""

from __future__ import annotations

from dataclasses import dataclass

import openai

from drafts.suggestions.openai_provider import OpenAIProvider
from drafts.suggestions.provider import EmptyOutput, OutputTooLong, ProviderError, Request
from drafts.suggestions.provider import Message as ChatMessage

MODELS_SHOWN = 20


@dataclass(frozen=True)
class Step:
    ok: bool
    message: str


@dataclass(frozen=True)
class CheckResult:
    steps: tuple[Step, ...]
    models: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return all(step.ok for step in self.steps)


def check_connection(provider: OpenAIProvider) -> CheckResult:
    steps: list[Step] = []
    models: list[str] = []
    host, model = provider.base_url_host, provider.model
    try:
        client = provider._client()
        listed = client.models.list()
        models = sorted(str(m.id) for m in listed.data)[:200]
    except ProviderError as failure:
        return CheckResult((Step(False, failure.message),), ())
    except openai.NotFoundError:
        steps.append(Step(True, f"The server at {host} does not list its models (404 on /models); "
                                "some servers do not. Byline will still try the model."))
    except openai.OpenAIError as exc:
        failure = provider._before_stream_error(exc)
        return CheckResult((Step(False, failure.message.replace("Your draft is unchanged. ", "")),), ())
    else:
        shown = ", ".join(models[:MODELS_SHOWN]) + (" …" if len(models) > MODELS_SHOWN else "")
        if model in models:
            steps.append(Step(True, f"The server at {host} answers and offers {len(models)} "
                                    f"model{'s' if len(models) != 1 else ''}, including “{model}”."))
        elif models:
            steps.append(Step(False, f"The server at {host} does not offer the model “{model}”. "
                                     f"It offers: {shown}. Put one of these in the Model field."))
            return CheckResult(tuple(steps), tuple(models))
        else:
            steps.append(Step(True, f"The server at {host} answers but lists no models."))
    request = Request(messages=(ChatMessage("user", "Reply with the word OK."),), model=model,
                      max_tokens=1, temperature=0.0)
    try:
        for _event in provider.stream(request):
            pass
    except (OutputTooLong, EmptyOutput):
        pass  # one token asked for: cut off at it, or spent on whitespace; the model answered
    except ProviderError as failure:
        steps.append(Step(False, failure.message.replace("Your draft is unchanged. ", "")))
        return CheckResult(tuple(steps), tuple(models))
    steps.append(Step(True, f"“{model}” answered a one-token request. Suggestions will use it."))
    return CheckResult(tuple(steps), tuple(models))
