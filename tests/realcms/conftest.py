"""Fixtures for the tests against real WordPress and Ghost (pytest -m realcms).

Every test here carries the `realcms` marker. The blogs are started outside pytest by
scripts/wordpress-up.sh and scripts/ghost-up.sh (scripts/test-realcms.sh does both);
without them the tests skip with one line saying so.
"""

from __future__ import annotations

import pytest

from drafts.models import Role
from tests.factories import make_user
from tests.realcms import blogs
from tests.realcms.flow import Newsroom


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "/tests/realcms/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.realcms)


@pytest.fixture(autouse=True)
def _blogs_running(request):
    """Skip (or fail, when required) before building the app if a blog the test uses is down."""
    names = request.fixturenames
    wanted = {kind for kind in ("wordpress", "ghost") if f"real_{kind}" in names}
    if "blog" in names:
        wanted.add(request.node.callspec.params["blog"])
    for kind in sorted(wanted):
        request.getfixturevalue(f"{kind}_facts")


@pytest.fixture(scope="session")
def wordpress_facts() -> dict:
    return blogs.facts("wordpress", "WordPress", "/wp-json/")


@pytest.fixture(scope="session")
def ghost_facts() -> dict:
    return blogs.facts("ghost", "Ghost", "/ghost/api/admin/site/")


@pytest.fixture
def real_wordpress(wordpress_facts) -> blogs.WordPress:
    return blogs.WordPress(wordpress_facts)


@pytest.fixture
def real_ghost(ghost_facts) -> blogs.Ghost:
    return blogs.Ghost(ghost_facts)


@pytest.fixture
def blog(request):
    """The blog named by the test's parameter ("wordpress" or "ghost")."""
    return request.getfixturevalue(f"real_{request.param}")


@pytest.fixture
def newsroom(app, client, dbs) -> Newsroom:
    """Byline's people: the CIO who writes (same email as the blogs' staff author), a
    marketing reviewer who publishes, and an admin who manages destinations."""
    return Newsroom(
        app=app, client=client, dbs=dbs,
        cio=make_user(dbs, Role.AUTHOR, name="Casey Chief", email="cio@example.test"),
        marketing=make_user(dbs, Role.REVIEWER, name="Mara Marketing"),
        admin=make_user(dbs, Role.ADMIN, name="Ada Admin"),
    )
