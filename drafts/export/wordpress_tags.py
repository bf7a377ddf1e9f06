"""WordPress tags as term ids: each name is looked up (exact, case-insensitive) and created
when missing. A mixin of WordPressAdapter (it uses the adapter's requests and errors).

WordPress stores tag names HTML-escaped ("C &amp; C"), so names are compared unescaped;
creating a name that exists answers 400 term_exists with the existing term's id.
"""

from __future__ import annotations

import html

import httpx2

from drafts.export.base import BadResponse

TAG_PAGE = 100


class WordPressTags:
    def _tag_ids(self, client: httpx2.Client, names: tuple[str, ...]) -> list[int]:
        ids: list[int] = []
        for name in dict.fromkeys(n.strip() for n in names if n.strip()):
            term_id = self._find_tag(client, name)
            if term_id is None:
                term_id = self._create_tag(client, name)
            if term_id not in ids:
                ids.append(term_id)
        return ids

    def _find_tag(self, client: httpx2.Client, name: str) -> int | None:
        params = {"search": name, "per_page": str(TAG_PAGE)}
        found = self._call(client, "GET", "/wp/v2/tags", params=params)
        if not isinstance(found, list):
            raise BadResponse()
        wanted = name.casefold()
        for term in found:  # WordPress stores names HTML-escaped ("C &amp; C")
            if not isinstance(term, dict):
                continue
            if html.unescape(str(term.get("name", ""))).casefold() == wanted:
                return _term_id(term.get("id"))
        return None

    def _create_tag(self, client: httpx2.Client, name: str) -> int:
        from drafts.export.wordpress import _rest_error

        response = self._request(client, "POST", "/wp/v2/tags", body={"name": name})
        error = _rest_error(response)
        if response.status_code == 400 and error and error.get("code") == "term_exists":
            # Created meanwhile, or a name the search did not match: WordPress answers
            # 400 term_exists with the existing term's id.
            data = error.get("data")
            return _term_id(data.get("term_id") if isinstance(data, dict) else None)
        term = self._read(response, gone=False)
        if not isinstance(term, dict):
            raise BadResponse()
        return _term_id(term.get("id"))


def _term_id(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).isdigit():
        raise BadResponse()
    return int(value)
