"""Set up a fresh or existing Ghost for the real-blog tests, then write its env file.

Run by scripts/ghost-up.sh: python3 ghost_setup.py BASE_URL GHOST_HOME ENV_FILE VERSION
Idempotent. Standard library only (it runs before any virtualenv exists):
- the owner account (first run: Ghost's setup endpoint), then a staff session;
- a staff Author, Casey Chief <cio@example.test>, through an invitation whose token is
  read from Ghost's SQLite database (the invitation mail goes nowhere);
- two custom integrations, "Byline" and "Byline (rotated)": their Admin API keys are
  what Byline's Ghost destination holds, the second one for the key-rotation test.
Each key is proven by one Admin API call signed with it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import http.cookiejar
import json
import os
import shlex
import sqlite3
import sys
import time
import urllib.error
import urllib.request

OWNER_EMAIL = "owner@example.test"
AUTHOR = {"email": "cio@example.test", "name": "Casey Chief"}
INTEGRATIONS = ("Byline", "Byline (rotated)")


class Ghost:
    def __init__(self, base: str) -> None:
        self.base = base
        self.api = base + "/ghost/api/admin"
        self.opener = urllib.request.build_opener(
            urllib.request.ProxyHandler({}),
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def call(self, method: str, path: str, body=None, token: str = "", ok=(200, 201)):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.api + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        request.add_header("Accept-Version", "v5.0")
        request.add_header("Origin", self.base)  # Ghost's CSRF check on staff sessions
        if token:
            request.add_header("Authorization", "Ghost " + token)
        try:
            with self.opener.open(request, timeout=60) as response:
                status, raw = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, raw = error.code, error.read()
        if status not in ok:
            sys.exit(f"ghost_setup.py: {method} {path} answered {status}: {raw[:300]!r}")
        try:
            return json.loads(raw) if raw.strip() else {}
        except ValueError:  # POST /session/ answers "Created"
            return {}


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def admin_token(key: str) -> str:
    key_id, secret = key.split(":")
    now = int(time.time())
    head = b64url(json.dumps({"alg": "HS256", "typ": "JWT", "kid": key_id}).encode())
    body = b64url(json.dumps({"iat": now, "exp": now + 300, "aud": "/admin/"}).encode())
    signature = hmac.new(bytes.fromhex(secret), f"{head}.{body}".encode(), hashlib.sha256).digest()
    return f"{head}.{body}.{b64url(signature)}"


def read(path: str) -> str:
    with open(path) as handle:
        return handle.read().strip()


def main() -> None:
    base, home, env_file, version = sys.argv[1:]
    ghost = Ghost(base)
    owner_password = read(os.path.join(home, "owner.password"))
    author_password = read(os.path.join(home, "author.password"))

    if not ghost.call("GET", "/authentication/setup/")["setup"][0]["status"]:
        ghost.call("POST", "/authentication/setup/", {"setup": [{
            "name": "Olive Owner", "email": OWNER_EMAIL, "password": owner_password,
            "blogTitle": "Byline test blog"}]})
        print("created the owner", OWNER_EMAIL)
    ghost.call("POST", "/session/", {"username": OWNER_EMAIL, "password": owner_password})

    users = ghost.call("GET", "/users/?limit=all")["users"]
    author = next((u for u in users if u["email"] == AUTHOR["email"]), None)
    if author is None:
        author = invite_author(ghost, home, author_password)
        print("created the staff author", AUTHOR["email"])

    found = {i["name"]: i for i in ghost.call("GET", "/integrations/?include=api_keys&limit=all")["integrations"]}
    keys = {}
    for name in INTEGRATIONS:
        integration = found.get(name) or ghost.call(
            "POST", "/integrations/?include=api_keys", {"integrations": [{"name": name}]})["integrations"][0]
        admin = next(k for k in integration["api_keys"] if k["type"] == "admin")
        # Ghost's admin API shows the admin key's secret already as "id:secret".
        keys[name] = admin["secret"] if ":" in admin["secret"] else f'{admin["id"]}:{admin["secret"]}'
        ghost.call("GET", "/posts/?limit=1", token=admin_token(keys[name]))  # the key works

    lines = {
        "GHOST_URL": base,
        "GHOST_PORT": base.rsplit(":", 1)[1],
        "GHOST_VERSION": version,
        "GHOST_ADMIN_API_KEY": keys[INTEGRATIONS[0]],
        "GHOST_ADMIN_API_KEY_ROTATED": keys[INTEGRATIONS[1]],
        "GHOST_OWNER_EMAIL": OWNER_EMAIL,
        "GHOST_OWNER_PASSWORD": owner_password,
        "GHOST_AUTHOR_ID": author["id"],
        "GHOST_AUTHOR_NAME": AUTHOR["name"],
        "GHOST_AUTHOR_EMAIL": AUTHOR["email"],
    }
    old = os.umask(0o077)
    with open(env_file + ".tmp", "w") as handle:
        handle.writelines(f"{key}={shlex.quote(value)}\n" for key, value in lines.items())
    os.umask(old)
    os.replace(env_file + ".tmp", env_file)


def invite_author(ghost: Ghost, home: str, password: str) -> dict:
    roles = ghost.call("GET", "/roles/?permissions=assign&limit=all")["roles"]
    role_id = next(r["id"] for r in roles if r["name"] == "Author")
    ghost.call("POST", "/invites/", {"invites": [{"email": AUTHOR["email"], "role_id": role_id}]})
    database = sqlite3.connect(os.path.join(home, "content", "data", "ghost.db"))
    try:
        (token,) = database.execute("SELECT token FROM invites WHERE email = ?", (AUTHOR["email"],)).fetchone()
    finally:
        database.close()
    accept = Ghost(ghost.base)  # a new visitor, without the owner's session
    accept.call("POST", "/authentication/invitation/", {"invitation": [{
        "token": token, "email": AUTHOR["email"],
        "name": AUTHOR["name"], "password": password}]})
    users = ghost.call("GET", "/users/?limit=all")["users"]
    return next(u for u in users if u["email"] == AUTHOR["email"])


if __name__ == "__main__":
    main()
