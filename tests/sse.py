"""Read server-sent events the way the browser's panel does."""

from __future__ import annotations

import json


def parse_events(raw: str) -> list[tuple[str, dict]]:
    events = []
    for block in raw.split("\n\n"):
        if not block.strip():
            continue
        name, data = "message", ""
        for line in block.split("\n"):
            if line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: "):
                data += line[6:]
        events.append((name, json.loads(data) if data else {}))
    return events


def suggest(client, action: str, text: str, draft_id=None, **extra):
    response = client.post("/suggestions", json={"action": action, "text": text, "draft_id": draft_id,
                                                 "title": extra.pop("title", ""),
                                                 "audience": extra.pop("audience", "executive"), **extra})
    if not response.mimetype == "text/event-stream":
        return response, []
    return response, parse_events(response.get_data(as_text=True))
