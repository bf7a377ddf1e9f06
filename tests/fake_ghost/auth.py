"""Admin API authentication on the fake Ghost: decoding a `Ghost <jwt>` token and checking
it as Ghost 5 does (key id, HS256 signature, audience, expiry, age)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re

from tests.fake_ghost.model import MAX_TOKEN_AGE, GhostFault, _unauthorized


def _b64decode(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def decode_jwt(token: str) -> tuple[dict, dict, bytes, str] | None:
    """(header, payload, signature, signing input), or None when malformed."""
    parts = token.split(".")
    if len(parts) != 3:
        return None
    try:
        header, payload = json.loads(_b64decode(parts[0])), json.loads(_b64decode(parts[1]))
        signature = _b64decode(parts[2])
    except ValueError:
        return None
    if not isinstance(header, dict) or not isinstance(payload, dict):
        return None
    return header, payload, signature, f"{parts[0]}.{parts[1]}"


class AuthMixin:
    """Checking the Authorization header; part of `FakeGhost`."""

    def _authenticate(self, header: str | None) -> None:
        if not header:
            raise GhostFault(403, "NoPermissionError", "Authorization failed",
                             context="Unable to determine the authenticated user or integration."
                                     " Check that cookies are being passed through if using "
                                     "session authentication.")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "ghost" or not token:
            raise _unauthorized('Authorization header format is "Authorization: Ghost [token]"',
                                "INVALID_AUTH_HEADER")
        decoded = decode_jwt(token)
        if decoded is None:
            raise GhostFault(400, "BadRequestError", "Invalid token", code="INVALID_JWT")
        head, claims, signature, signing_input = decoded
        if not head.get("kid"):
            raise GhostFault(400, "BadRequestError", "Admin API kid missing.",
                             code="MISSING_ADMIN_API_KID")
        if head["kid"] != self.key_id:
            raise _unauthorized("Unknown Admin API Key", "UNKNOWN_ADMIN_API_KEY")
        if head.get("alg") != "HS256":
            raise _unauthorized("Invalid token: invalid algorithm")
        expected = hmac.new(bytes.fromhex(self.secret), signing_input.encode("ascii"),
                            hashlib.sha256).digest()
        if not hmac.compare_digest(expected, signature):
            raise _unauthorized("Invalid token: invalid signature")
        iat, exp, now = claims.get("iat"), claims.get("exp"), self.now()
        if not isinstance(iat, int) or not isinstance(exp, int):
            raise _unauthorized("Invalid token: iat and exp are required")
        if now >= exp:
            raise _unauthorized("Invalid token: jwt expired")
        if not isinstance(claims.get("aud"), str) or not re.search(r"/?admin/?$", claims["aud"]):
            raise _unauthorized("Invalid token: jwt audience invalid. expected: /\\/?admin\\/?$/")
        if now - iat > MAX_TOKEN_AGE:
            raise _unauthorized("Invalid token: maxAge exceeded")
        if exp - iat > MAX_TOKEN_AGE:
            raise _unauthorized("Invalid token: exp must be at most 5 minutes after iat")
