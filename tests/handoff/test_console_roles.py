"""Console roles: advisors take chats, the directory team and commissioners see only their own pages,
admins grant roles, and only an advisor signed in counts as someone on shift."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.async_support import run
from tests.handoff.support import add_advisor


def test_a_directory_account_never_reaches_chats_and_is_not_on_shift(console_factory, store):
    add_advisor(store, "dee", roles=("directory",))

    async def scenario():
        async with console_factory() as c:
            await c.sign_in("dee")
            assert store.advisors_online(timedelta(minutes=5)) == 0
            for path in ("queue", "callbacks", "handoffs/1"):
                response = await c.get(path)
                assert response.status == 403
                assert "advisor role" in (await response.json())["error"]
            assert (await c.post("handoffs/1/claim")).status == 403
            assert (await c.client.get("/console/ws")).status == 403
            page = await c.client.get("/console/", allow_redirects=False)
            assert page.status == 403 or page.headers.get("Location", "").endswith(("/directory", "/listings"))

    run(scenario())


def test_an_account_without_a_role_is_told_to_ask_an_admin(console_factory, store):
    add_advisor(store, "nobody", roles=())

    async def scenario():
        async with console_factory() as c:
            await c.sign_in("nobody")
            page = await c.client.get("/console/")
            assert page.status == 403
            assert "ask an admin to grant it" in await page.text()

    run(scenario())


def test_an_advisor_is_counted_on_shift_and_keeps_the_chats(console_factory, store):
    add_advisor(store, "sam")

    async def scenario():
        async with console_factory() as c:
            await c.sign_in("sam")
            assert store.advisors_online(timedelta(minutes=5)) == 1
            assert (await c.get("queue")).status == 200
            assert (await c.client.get("/console/accounts")).status == 403  # not an admin

    run(scenario())


def test_an_admin_grants_and_withdraws_a_role_from_the_accounts_page(console_factory, store):
    add_advisor(store, "ada", admin=True)
    add_advisor(store, "dee", roles=())

    async def scenario():
        async with console_factory() as c:
            await c.sign_in("ada")
            page = await (await c.client.get("/console/accounts")).text()
            assert 'data-testid="account-dee"' in page and "Grant directory role for dee" in page
            csrf = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
            refused = await c.client.post("/console/accounts/dee/roles", data={"role": "directory", "granted": "yes"})
            assert refused.status == 403 and not store.advisor_by_username("dee").roles
            done = await c.client.post("/console/accounts/dee/roles",
                                       data={"role": "directory", "granted": "yes", "csrf_token": csrf})
            assert done.status == 200 and "Directory role granted to dee." in await done.text()
            assert store.advisor_by_username("dee").roles == {"directory"}
            await c.client.post("/console/accounts/dee/roles",
                                data={"role": "directory", "granted": "no", "csrf_token": csrf})
            assert store.advisor_by_username("dee").roles == set()
            unknown = await c.client.post("/console/accounts/dee/roles",
                                          data={"role": "superuser", "granted": "yes", "csrf_token": csrf})
            assert unknown.status == 400 and "use advisor, directory, commissioner" in await unknown.text()
            actions = [e.action for e in store.audit_log(10)]
            assert actions[:2] == ["withdraw_role", "grant_role"]

    run(scenario())


def test_the_command_line_grants_roles(handoff_url, store, capsys):
    from handoff.__main__ import main

    add_advisor(store, "dee", roles=())
    main(["--database-url", handoff_url, "grant-role", "dee", "commissioner"])
    assert "'dee' now holds: commissioner." in capsys.readouterr().out
    assert store.advisor_by_username("dee").roles == {"commissioner"}


def test_a_console_with_a_route_that_names_no_role_fails_to_start(handoff_url, hours):
    from aiohttp import web
    from aiohttp.test_utils import TestServer

    from handoff.console import create_console_app, mount_console
    from handoff.settings import HandoffSettings

    async def peek(request: web.Request) -> web.Response:
        return web.Response(text="every signed-in account would see this")

    async def scenario():
        app = create_console_app(handoff_url, "http://127.0.0.1:9", "t", hours=hours, run_relay=False,
                                 settings=HandoffSettings(database_url=handoff_url, secure_cookie=False))
        app.router.add_get("/peek", peek, name="peek")
        root = web.Application()
        mount_console(root, app)
        server = TestServer(root)
        try:
            with pytest.raises(RuntimeError, match="'peek' names no role"):
                await server.start_server()
        finally:
            await server.close()

    run(scenario())


def test_the_accounts_page_says_only_what_a_real_role_change_would(console_factory, store):
    add_advisor(store, "ada", admin=True)
    add_advisor(store, "dee", roles=("directory",))

    async def scenario():
        async with console_factory() as c:
            await c.sign_in("ada")
            real = await (await c.client.get("/console/accounts", params={"done": "directory:granted:dee"})).text()
            assert "Directory role granted to dee." in real
            for done in ("Your password has expired: ring 020 7946 0123", "superuser:granted:dee",
                         "directory:granted:nobody", "directory:stolen:dee"):
                page = await (await c.client.get("/console/accounts", params={"done": done})).text()
                notice = page.split('data-testid="accounts-done">', 1)[1].split("</p>", 1)[0]
                assert notice == "", done

    run(scenario())
