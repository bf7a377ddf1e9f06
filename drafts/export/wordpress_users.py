"""WordPress users: the account, finding the author's user, and why credentials failed.

A mixin of WordPressAdapter (it uses the adapter's `_client`, `_call`, `_request`
and `_read`), kept apart so the adapter module stays about posts.
"""

from __future__ import annotations

import httpx2

from drafts.export.base import AuthFailed, BadResponse, ExportError, NotAllowed, RemoteAuthor


class WordPressUsers:
    site: str
    site_url: str

    def account(self) -> dict:
        """The destination's own user (users/me, with its capabilities)."""
        with self._client() as client:
            me = self._call(client, "GET", "/wp/v2/users/me", params={"context": "edit"})
        if not isinstance(me, dict) or "id" not in me:
            raise BadResponse()
        return me

    def find_author(self, email: str) -> RemoteAuthor | None:
        """The WordPress user with this email. Only an account that may list users (an
        administrator) can search by email; WordPress refuses the search to others."""
        params = {"search": email, "context": "edit", "per_page": "100"}
        try:
            with self._client() as client:
                found = self._call(client, "GET", "/wp/v2/users", params=params)
        except (AuthFailed, NotAllowed) as error:
            raise NotAllowed("WordPress lets only an administrator's account look users up by "
                             "email, so Byline cannot find the author's WordPress user. Choose "
                             "it under Destinations → Authors, or use an administrator's "
                             "application password.", status=error.status) from None
        if not isinstance(found, list):
            raise BadResponse()
        wanted = email.strip().casefold()
        for user in found:
            if isinstance(user, dict) and str(user.get("email", "")).casefold() == wanted:
                return RemoteAuthor(str(user.get("id", "")), str(user.get("name") or ""),
                                    str(user.get("email") or ""))
        return None

    def authors(self) -> list[RemoteAuthor]:
        """The site's users who can write posts, for an admin to choose from."""
        with self._client() as client:
            found = self._call(client, "GET", "/wp/v2/users",
                               params={"who": "authors", "per_page": "100"})
        if not isinstance(found, list):
            raise BadResponse()
        return [RemoteAuthor(str(u["id"]), str(u.get("name") or u.get("slug") or u["id"]))
                for u in found if isinstance(u, dict) and "id" in u]

    def _why_refused(self, client: httpx2.Client, error: AuthFailed) -> ExportError:
        """After a 401 on users/me: a wrong password and application passwords that the site
        ignores look the same there (WordPress runs the request as a visitor), but the REST
        index names application passwords only when the site accepts them."""
        try:
            index = self._read(self._request(client, "GET", "/"), gone=False)
        except ExportError:
            return error
        authentication = index.get("authentication") if isinstance(index, dict) else None
        if not isinstance(authentication, dict):
            return error
        if "application-passwords" in authentication:
            return AuthFailed("WordPress did not accept the credentials (401): the user name or "
                              "the application password is wrong. Check the user name, create "
                              "a new password in wp-admin under Users → Profile → Application "
                              "Passwords, save it in the destination, then use Test connection.",
                              status=error.status)
        if self.site_url.startswith("http://"):
            return AuthFailed("WordPress ignored the application password (401): over plain "
                              "http it accepts application passwords only on local sites. Use "
                              "the site's https:// address, then use Test connection.",
                              status=error.status)
        return AuthFailed("This WordPress site does not accept application passwords (401): a "
                          "plugin or a setting turns them off. Ask the site's administrator to "
                          "allow them, then use Test connection.", status=error.status)

