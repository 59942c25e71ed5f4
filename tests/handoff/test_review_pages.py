"""The console's "Listings to check" for the directory team: services past review first with who checked them,
"Mark as checked today", open flags by service with counts, "Close with a note"; directory role only; audited."""

from __future__ import annotations

from datetime import date

from directory import db, store
from directory.freshness import uk_today
from directory.listing_flags import add_flag, open_flags
from handoff.store import HandoffStore
from tests.async_support import run
from tests.handoff.support import add_advisor, console_for

PAGE = "/console/listings"


def csrf_of(page: str) -> str:
    return page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]


def test_an_advisor_only_account_is_refused(seeded_directory_url, hours):
    add_advisor(HandoffStore(seeded_directory_url), "sam")

    async def scenario():
        async with console_for(seeded_directory_url, hours) as c:
            await c.sign_in("sam")
            page = await c.client.get(PAGE)
            assert page.status == 403 and "directory role" in await page.text()
            service_id = first_service(seeded_directory_url)
            marked = await c.client.post(f"{PAGE}/{service_id}/checked", data={"csrf_token": "x"})
            assert marked.status == 403
            assert (await c.client.post(f"{PAGE}/flags/1/close", data={"note": "x"})).status == 403

    run(scenario())
    with db.session_factory(seeded_directory_url)() as session:
        assert store.load(session, first_service(seeded_directory_url)).last_verified is None


def first_service(url: str) -> str:
    with db.session_factory(url)() as session:
        return store.all_ids(session)[0]


def test_the_directory_team_sees_due_services_and_marks_one_checked(seeded_directory_url, hours):
    handoff = HandoffStore(seeded_directory_url)
    add_advisor(handoff, "dee", roles=("directory",))
    service_id = first_service(seeded_directory_url)

    async def scenario():
        async with console_for(seeded_directory_url, hours) as c:
            await c.sign_in("dee")
            response = await c.client.get(PAGE)
            assert response.status == 200
            page = await response.text()
            assert "Listings to check" in page and f'data-testid="review-{service_id}"' in page
            row = page.split(f'data-testid="review-{service_id}"', 1)[1].split("</tr>", 1)[0]
            assert "Due for review" in row and "Never" in row
            refused = await c.client.post(f"{PAGE}/{service_id}/checked", data={"csrf_token": "wrong"})
            assert refused.status == 403
            done = await c.client.post(f"{PAGE}/{service_id}/checked", data={"csrf_token": csrf_of(page)})
            assert done.status == 200
            page = await done.text()
            assert f"Marked {service_id} as checked today." in page
            row = page.split(f'data-testid="review-{service_id}"', 1)[1].split("</tr>", 1)[0]
            today = uk_today()
            assert "Up to date" in row and "dee" in row and f"{today.day} " in row
            # Services past review come first: the one just checked is now last.
            assert page.rindex('data-testid="review-') == page.index(f'data-testid="review-{service_id}"')

    run(scenario())
    with db.session_factory(seeded_directory_url)() as session:
        assert store.load(session, service_id).last_verified == uk_today()
    assert handoff.audit_log(5)[0].action == "mark_listing_checked"


def test_flags_are_listed_by_service_with_counts_and_closed_with_a_note(seeded_directory_url, hours):
    handoff = HandoffStore(seeded_directory_url)
    add_advisor(handoff, "dee", roles=("directory",))
    service_id = first_service(seeded_directory_url)
    with db.session_factory(seeded_directory_url).begin() as session:
        first = add_flag(session, service_id, "phone number wrong", date(2026, 5, 1))
        add_flag(session, service_id, "<b>closed</b> down", date(2026, 5, 2))

    async def scenario():
        async with console_for(seeded_directory_url, hours) as c:
            await c.sign_in("dee")
            page = await (await c.client.get(PAGE)).text()
            group = page.split(f'data-testid="flags-{service_id}"', 1)[1].split("</section>", 1)[0]
            assert "2 open flags" in group and "phone number wrong" in group
            assert "&lt;b&gt;closed&lt;/b&gt; down" in group and "<b>closed" not in group
            row = page.split(f'data-testid="review-{service_id}"', 1)[1].split("</tr>", 1)[0]
            assert "<td>2</td>" in row  # the count beside the service
            empty = await c.client.post(f"{PAGE}/flags/{first.id}/close", data={"csrf_token": csrf_of(page), "note": " "})
            assert "Not closed: Write a short note" in await empty.text()
            done = await c.client.post(f"{PAGE}/flags/{first.id}/close",
                                       data={"csrf_token": csrf_of(page), "note": "number corrected"})
            page = await done.text()
            assert f"Closed a flag on {service_id}." in page
            group = page.split(f'data-testid="flags-{service_id}"', 1)[1].split("</section>", 1)[0]
            assert "1 open flag<" in group and "phone number wrong" not in group
            again = await c.client.post(f"{PAGE}/flags/{first.id}/close",
                                        data={"csrf_token": csrf_of(page), "note": "again"})
            assert again.status == 404 and "reload the page" in await again.text()

    run(scenario())
    with db.session_factory(seeded_directory_url)() as session:
        assert [len(g.flags) for g in open_flags(session)] == [1]
    event = handoff.audit_log(5)[0]
    assert event.action == "close_listing_flag" and event.advisor_username == "dee"


def test_the_page_says_only_what_a_real_check_or_close_did(seeded_directory_url, hours):
    add_advisor(HandoffStore(seeded_directory_url), "dee", roles=("directory",))
    service_id = first_service(seeded_directory_url)
    with db.session_factory(seeded_directory_url).begin() as session:
        flag = add_flag(session, service_id, "phone number wrong", date(2026, 5, 1))

    async def notice(c, done: str) -> str:
        page = await (await c.client.get(PAGE, params={"done": done})).text()
        return page.split('data-testid="review-done">', 1)[1].split("</p>", 1)[0]

    async def scenario():
        async with console_for(seeded_directory_url, hours) as c:
            await c.sign_in("dee")
            assert await notice(c, f"checked:{service_id}") == f"Marked {service_id} as checked today."
            assert await notice(c, f"closed:{service_id}") == f"Closed a flag on {service_id}."
            for done in ("Your account is locked: ring 020 7946 0123", "checked:no-such-service",
                         f"deleted:{service_id}"):
                assert await notice(c, done) == "", done
            page = await (await c.client.get(PAGE)).text()
            refused = await c.client.post(f"{PAGE}/flags/{flag.id}/close", allow_redirects=False,
                                          data={"csrf_token": csrf_of(page), "note": " "})
            assert refused.status == 400 and "Not closed: Write a short note" in await refused.text()

    run(scenario())
    with db.session_factory(seeded_directory_url)() as session:
        assert [f.id for g in open_flags(session) for f in g.flags] == [flag.id]
