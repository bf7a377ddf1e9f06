"""Users of the fake WordPress: application-password authentication, roles and their
capabilities, `users/me`, `users` (search, `context=edit`, `who=authors`), `add_user`
and the REST index that names application passwords."""

from __future__ import annotations

import base64

from tests.fake_wordpress.model import ROLE_CAPABILITIES, WPError, _strip


class UsersMixin:
    """Authentication and users; part of `FakeWordPress`."""

    def _authenticate(self, header: str) -> str | None:
        """The user, or None: the request then runs as a visitor.

        Like WordPress 6.1: an unknown user name or a wrong application password does not
        answer incorrect_password. WP::init() resolves the user before REST_REQUEST is
        defined, so the application password is not tried; WP_REST_Server::serve_request()
        clears that and rest_cookie_check_errors() (priority 100) resolves it again, after
        rest_application_password_check_errors() (priority 90) has already let the request
        through, and with no nonce it sets user 0. Each route then refuses the visitor
        (users/me: 401 rest_not_logged_in), the same as when application passwords are
        unavailable (plain http on a site that is not "local").
        """
        if not header.lower().startswith("basic ") or self.environment != "local":
            return None  # no credentials (or application passwords unavailable over http)
        try:
            decoded = base64.b64decode(header[6:].strip(), validate=True).decode()
        except ValueError:
            return None
        username, _, password = decoded.partition(":")
        login = next((u for u in self.users if u == username or self.emails.get(u) == username),
                     None)
        if login is None or _strip(password) != _strip(self.users[login][0]):
            return None
        return login

    def _role(self, user: str) -> str:
        return self.users[user][1]

    def can(self, user: str | None, capability: str) -> bool:
        return user is not None and capability in ROLE_CAPABILITIES.get(self._role(user), ())

    def user_id(self, user: str) -> int:
        return list(self.users).index(user) + 1

    def _display(self, user: str) -> str:
        return self.users[user][2] if len(self.users[user]) > 2 else user.title()

    def _me(self, user: str | None) -> dict:
        if user is None:
            raise WPError(401, "rest_not_logged_in", "You are not currently logged in.")
        role = self._role(user)
        capabilities = {cap: True for cap in ROLE_CAPABILITIES.get(role, ())}
        capabilities[role] = True
        return {**self._user_json(user, edit=True), "roles": [role],
                "capabilities": capabilities}

    def _user_json(self, user: str, *, edit: bool) -> dict:
        shown = {"id": self.user_id(user), "name": self._display(user), "slug": user,
                 "link": f"{self.base_url}/author/{user}/"}
        if edit:
            shown.update(username=user, email=self.emails.get(user, ""),
                         roles=[self._role(user)])
        return shown

    def _list_users(self, user: str | None, query: dict) -> list[dict]:
        """GET /wp/v2/users, as WP_REST_Users_Controller: `context=edit` needs list_users;
        without list_users, search skips the email column and only authors of published
        posts are listed (unless who=authors); who=authors needs edit_posts."""
        list_users = self.can(user, "list_users")
        if query.get("context") == "edit" and not list_users:
            raise WPError(401 if user is None else 403, "rest_forbidden_context",
                          "Sorry, you are not allowed to edit users.")
        who = query.get("who", "")
        if who == "authors" and not self.can(user, "edit_posts"):
            raise WPError(401 if user is None else 403, "rest_forbidden_who",
                          "Sorry, you are not allowed to query users by this parameter.")
        found = list(self.users)
        if who == "authors":
            found = [u for u in found if self._role(u) != "subscriber"]
        elif not list_users:
            found = [u for u in found
                     if any(p["author"] == u and p["status"] == "publish"
                            for p in self.posts.values())]
        search = query.get("search", "").casefold()
        if search:
            def columns(u: str) -> list[str]:
                shown = [str(self.user_id(u)), u, u, self._display(u)]
                if list_users and "@" in search:
                    return [self.emails.get(u, "")]  # WP_User_Query: an "@" searches emails
                return shown
            found = [u for u in found if any(search in c.casefold() for c in columns(u))]
        per_page = int(query.get("per_page", 10))
        return [self._user_json(u, edit=query.get("context") == "edit")
                for u in found[:per_page]]

    def add_user(self, username: str, role: str, *, name: str = "", email: str = "",
                 password: str = "") -> int:
        """A user made in wp-admin (Users → Add New)."""
        with self._lock:
            entry = (password or f"{username} pass word 1234", role)
            self.users[username] = entry + ((name,) if name else ())
            self.emails[username] = email or f"{username}@blog.example"
            return self.user_id(username)

    def _index(self) -> dict:
        """GET /wp-json/: the REST index; it names application passwords only when they are
        available (https, or a site whose environment type is "local")."""
        index = {"name": "Fake Blog", "description": "Just another WordPress site",
                 "url": self.base_url, "home": self.base_url, "namespaces": ["oembed/1.0", "wp/v2"],
                 "authentication": {}, "routes": {}}
        if self.environment == "local":
            index["authentication"]["application-passwords"] = {
                "endpoints": {"authorization": f"{self.base_url}/wp-admin/authorize-application.php"}}
        return index
