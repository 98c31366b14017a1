"""The State, Weapon and Network pages and /api/network over the real test register."""

from __future__ import annotations

import dataclasses
import html
import json
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from armstrace.model import Deal
from armstrace.store import DealFilter, open_store
from armstrace.web import create_app
from armstrace.web.pages_viz import VENDOR_SCRIPTS, WEB_STATIC

from .conftest import SECRET


def deal_links(page: str) -> set[str]:
    return set(re.findall(r'href="/deals/([0-9a-f]+)" class="deal-link"', page))


def embedded_json(page: str, element_id: str) -> dict:
    match = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>',
                      page, re.S)
    assert match, f"no #{element_id} data in the page"
    return json.loads(match.group(1))


def transfers(register_db: Path) -> list:
    with open_store(register_db) as store:
        return [deal for deal in store.iter_deals() if deal.kind == "transfer"]


# --- State ----------------------------------------------------------------------------------


def test_state_page_lists_every_deal_it_supplies_and_receives(client: TestClient,
                                                              register_db: Path) -> None:
    deals = transfers(register_db)
    # a state of the register that both supplies and receives
    state = min({d.supplier for d in deals} & {d.recipient for d in deals} - {None})
    response = client.get(f"/states/{state}")

    assert response.status_code == 200
    supplied = {d.id for d in deals if d.supplier == state}
    received = {d.id for d in deals if d.recipient == state}
    with open_store(register_db) as store:
        # the page also lists the co-production programmes the state is a partner in
        shared = {d.id for d in store.iter_deals() if state in d.partners}
    assert supplied and received
    assert deal_links(response.text) == supplied | received | shared
    recipients = {d.recipient for d in deals if d.supplier == state}
    table = response.text.split('id="supplies-to"')[1].split("</table>")[0]
    assert set(re.findall(r'href="/states/([A-Z]{3})"', table)) == recipients


def test_state_timeline_counts_each_deal_by_year_and_status(client: TestClient,
                                                            register_db: Path) -> None:
    data = embedded_json(client.get("/states/FRA").text, "timeline-data")

    supplied = [d for d in transfers(register_db) if d.supplier == "FRA"]
    points = [p for p in data["timeline"] if p["side"] == "supplies"]
    # Every deal reached at least its current status: at least one step each.
    assert sum(p["deals"] for p in points) >= len(supplied)
    ordered_2021 = sum(1 for d in supplied if _first_year(d, "ordered") == 2021)
    assert {"side": "supplies", "year": 2021, "status": "ordered",
            "deals": ordered_2021} in data["timeline"]
    assert data["statuses"][0] == "interest"


def _first_year(deal: Deal, status: str) -> int | None:
    """Return the year of the deal's first step of this status (undated: first seen)."""
    for change in deal.history:
        if change.status == status:
            when = change.date.year if change.date else None
            return when or (deal.first_seen.year if deal.first_seen else None)
    return None


def test_state_page_names_coproduction_partners_and_top_systems(client: TestClient) -> None:
    page = client.get("/states/IND").text

    partners = page.split('id="partners"')[1].split("</table>")[0]
    assert 'href="/states/RUS"' in partners
    systems = page.split('id="top-systems"')[1].split("</table>")[0]
    assert 'href="/weapons/BrahMos"' in systems


def test_state_code_in_lower_case_redirects_to_its_page(client: TestClient) -> None:
    response = client.get("/states/fra", follow_redirects=False)

    assert response.status_code == 308 and response.headers["location"] == "/states/FRA"


@pytest.mark.parametrize("code", ["XXX", "ABCD", "<script>", "FRA' OR '1'='1"])
def test_unknown_state_is_404(client: TestClient, code: str) -> None:
    response = client.get(f"/states/{code}")

    assert response.status_code == 404
    assert "<script>" not in response.text


def test_states_index_links_every_state_with_deals(client: TestClient,
                                                  register_db: Path) -> None:
    page = client.get("/states").text

    parties = {p for d in transfers(register_db) for p in (d.supplier, d.recipient) if p}
    assert set(re.findall(r'href="/states/([A-Z]{3})" class="state-link"', page)) >= parties


# --- Weapon ---------------------------------------------------------------------------------


def test_weapon_page_shows_catalogue_facts_and_every_deal(client: TestClient,
                                                         register_db: Path) -> None:
    response = client.get("/weapons/Rafale")

    assert response.status_code == 200
    facts = response.text.split('id="catalogue"')[1].split("</dl>")[0]
    assert "Dassault Aviation" in facts and 'href="/states/FRA"' in facts
    assert "aircraft" in facts and "Rafale M" in facts  # category and an alias
    with open_store(register_db) as store:
        expected = {d.id for d in store.iter_deals(DealFilter(weapon="Rafale"))}
    assert len(expected) >= 4
    assert deal_links(response.text) == expected


def test_weapon_page_finds_the_system_by_an_alias(client: TestClient) -> None:
    page = client.get("/weapons/F16").text

    assert "<h1>F-16" in page


def test_weapon_with_a_slash_in_its_designation(client: TestClient, register_db: Path) -> None:
    response = client.get("/weapons/F/A-18 Hornet")

    assert response.status_code == 200
    with open_store(register_db) as store:
        expected = {d.id for d in store.iter_deals(DealFilter(weapon="F/A-18 Hornet"))}
    assert expected and deal_links(response.text) == expected


def test_weapon_only_the_deals_name_has_a_page(client: TestClient) -> None:
    response = client.get("/weapons/military drone")

    assert response.status_code == 200
    assert "Not in the weapons catalogue" in response.text
    assert deal_links(response.text)


@pytest.mark.parametrize("name", ["Nonexistent Mk 9", "' OR 1=1 --", "<img src=x onerror=1>"])
def test_unknown_weapon_is_404(client: TestClient, name: str) -> None:
    response = client.get(f"/weapons/{name}")

    assert response.status_code == 404
    assert "<img src=x" not in response.text


def test_weapons_index_lists_deal_weapons_and_looks_up_the_catalogue(
        client: TestClient, register_db: Path) -> None:
    everything = client.get("/weapons").text
    found = client.get("/weapons", params={"q": "f16"}).text

    names = {html.unescape(name) for name in
             re.findall(r'class="weapon-link">([^<]+)</a></td>', everything)}
    with open_store(register_db) as store:
        assert names == {d.weapon for d in store.iter_deals()}
    assert 'id="catalogue-match">In the catalogue: <a href="/weapons/F-16"' in found


# --- Network --------------------------------------------------------------------------------


def test_network_counts_every_transfer_on_its_edge(client: TestClient, register_db: Path) -> None:
    graph = client.get("/api/network").json()

    known = [d for d in transfers(register_db) if d.supplier and d.recipient]
    assert sum(edge["deals"] for edge in graph["edges"]) == len(known)
    assert graph["without_parties"] == len(transfers(register_db)) - len(known)
    france = next(node for node in graph["nodes"] if node["id"] == "FRA")
    assert france["supplied"] == sum(1 for d in known if d.supplier == "FRA")
    assert france["label"] == "France" and france["url"] == "/states/FRA"


@pytest.mark.parametrize(("query", "expected"), [
    ({"category": "aircraft"}, lambda d: d.category == "aircraft"),
    ({"status": "ordered"}, lambda d: d.status == "ordered"),
    ({"from_year": "2022"}, lambda d: d.last_seen is not None and d.last_seen.year >= 2022),
    ({"to_year": "2019"}, lambda d: d.first_seen is not None and d.first_seen.year <= 2019),
    ({"category": "uav", "from_year": "2021", "to_year": "2021"},
     lambda d: d.category == "uav" and d.first_seen.year <= 2021 <= d.last_seen.year),
])
def test_network_filters(client: TestClient, register_db: Path, query: dict,
                         expected) -> None:  # noqa: ANN001 - a predicate
    graph = client.get("/api/network", params=query).json()

    wanted = [d for d in transfers(register_db) if d.supplier and d.recipient and expected(d)]
    assert wanted
    assert sum(edge["deals"] for edge in graph["edges"]) == len(wanted)
    assert {(e["source"], e["target"]) for e in graph["edges"]} == {
        (d.supplier, d.recipient) for d in wanted}


def test_network_edge_opens_exactly_its_deals(client: TestClient) -> None:
    graph = client.get("/api/network", params={"category": "aircraft"}).json()

    for edge in graph["edges"]:
        link = urlsplit(edge["url"])
        assert link.path == "/deals"
        query = {key: values[0] for key, values in parse_qs(link.query).items()}
        assert query["category"] == "aircraft"
        listed = client.get("/api/deals", params=query).json()["items"]
        shown = [d for d in listed if d["kind"] == "transfer"]
        assert len(shown) == edge["deals"]
        assert all((d["supplier"], d["recipient"]) == (edge["source"], edge["target"])
                   for d in shown)
        assert client.get(edge["url"]).status_code == 200


def test_network_page_draws_the_api_graph_and_lists_its_edges(client: TestClient) -> None:
    page = client.get("/network", params={"status": "ordered", "size": "quantity"}).text

    data = embedded_json(page, "network-data")
    assert data["size"] == "quantity"
    assert data["graph"] == client.get("/api/network", params={"status": "ordered"}).json()
    rows = page.split('id="network-edges"')[1].split("</table>")[0]
    assert rows.count('class="edge-link"') == len(data["graph"]["edges"])
    assert '<option selected>ordered</option>' in page


@pytest.mark.parametrize("query", [
    {"category": "aircraft' OR '1'='1"},
    {"status": "ordered; DROP TABLE deals; --"},
    {"from_year": "2020 OR 1=1"},
    {"from_year": "2023", "to_year": "2020"},
    {"size": "<script>"},
])
def test_network_refuses_bad_filters(client: TestClient, query: dict) -> None:
    assert client.get("/api/network", params=query).status_code == 422
    assert client.get("/network", params=query).status_code == 422
    assert client.get("/api/network").json()["edges"]  # the deals are all still there


def test_network_blank_form_fields_mean_any(client: TestClient) -> None:
    blank = {"category": "", "status": "", "from_year": "", "to_year": "", "size": "deals"}

    assert client.get("/api/network", params=blank).json() == client.get("/api/network").json()


# --- escaping, vendored scripts ------------------------------------------------------------

HOSTILE_NAME = '</script><script>alert("name")</script>'
HOSTILE_WEAPON = '<img src=x onerror=alert(3)>'


@pytest.fixture(scope="module")
def hostile_client(register_db: Path, tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    """A client over a copy of the register where one deal's recipient and weapon are markup
    (names come from articles: untrusted)."""
    db = tmp_path_factory.mktemp("viz") / "hostile.db"
    shutil.copy(register_db, db)
    with open_store(db) as store:
        deal = next(d for d in store.iter_deals(DealFilter(supplier="FRA", recipient="SRB")))
        store.replace_deals([deal.key], [dataclasses.replace(
            deal, recipient=None, recipient_name=HOSTILE_NAME, weapon=HOSTILE_WEAPON)])
    with TestClient(create_app(str(db), secret_key=SECRET)) as client:
        yield client


@pytest.mark.parametrize("path", ["/network", "/states", "/states/FRA", "/weapons",
                                  f"/weapons/{HOSTILE_WEAPON}"])
def test_names_from_articles_are_escaped(hostile_client: TestClient, path: str) -> None:
    response = hostile_client.get(path)

    assert response.status_code == 200
    assert HOSTILE_NAME not in response.text and HOSTILE_WEAPON not in response.text
    assert "<script>alert" not in response.text


def test_hostile_name_reaches_the_graph_as_data(hostile_client: TestClient) -> None:
    graph = embedded_json(hostile_client.get("/network").text, "network-data")["graph"]

    node = next(node for node in graph["nodes"] if node["id"] == HOSTILE_NAME)
    api = hostile_client.get("/api/network")
    assert api.headers["content-type"] == "application/json"
    assert graph == api.json()
    assert not node["state"]
    assert parse_qs(urlsplit(node["url"]).query)["recipient"] == [HOSTILE_NAME]


@pytest.mark.parametrize(("page", "script"), [("/states/FRA", "chart"), ("/network", "graph")])
def test_pages_load_the_vendored_scripts_from_this_server(client: TestClient, page: str,
                                                          script: str) -> None:
    text = client.get(page).text

    sources = re.findall(r'<script src="([^"]+)"', text)
    assert f"/static/{VENDOR_SCRIPTS[script]}" in sources
    assert all(source.startswith("/static/") for source in sources)  # no CDN
    for source in sources:
        assert client.get(source).status_code == 200
    folder = (WEB_STATIC / VENDOR_SCRIPTS[script]).parent
    assert any(path.name.startswith("LICENSE") for path in folder.iterdir())
