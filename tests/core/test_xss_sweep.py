"""Script payloads typed into every text field of every form come back escaped.

The sweep finds the forms itself: it crawls the pages (as an anonymous visitor, then as an
administrator), reads each ``<form>`` with the standard library's HTML parser, and submits it
once per text field and payload, the payload in that field and plausible values in the others
(so that a form that saves, saves the payload). It then checks the answer, the page it leads
to, and at the end every page again (lists, edit pages, the audit log and its events) for
markup a browser would run. A new form is swept without touching this file.

The Django admin site (Django's own pages) and the API (JSON, fuzzed elsewhere) are left out.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.db.models import Q
from django.urls import Resolver404, resolve

from opencen.accounts.models import Unit, User
from opencen.audit.models import AuditEvent
from opencen.core.testing.urls import iter_project_urls

PAYLOADS = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
)
#: What must never appear as is in a page: the payloads that are markup.
RAW_MARKUP = PAYLOADS[:2]

#: Pages the crawl never opens: Django's admin, the API, files, and sign-out.
SKIPPED_PREFIXES = ("/admin/", "/api/", "/static/", "/media/", "/i18n/", "/accounts/logout/")
TEXT_TYPES = {"text", "search", "email", "url", "tel", "password", ""}
#: A password every validator accepts, for the password fields the payload is not in.
GOOD_PASSWORD = "amber lantern over quiet harbour 7"
MAX_PAGES = 500
PAGES_PER_SHAPE = 3
#: Forms the sweep must have found: (url name of the form's target, method).
REQUIRED_FORMS = {
    ("accounts:login", "post"),
    ("accounts:password-change", "post"),
    ("accounts:user-list", "get"),
    ("accounts:user-create", "post"),
    ("accounts:user-edit", "post"),
    ("accounts:user-password", "post"),
    ("accounts:unit-create", "post"),
    ("accounts:unit-edit", "post"),
    ("reference:list", "get"),
    ("audit:list", "get"),
}


# --- reading pages ----------------------------------------------------------------------------


@dataclass
class Form:
    method: str
    action: str
    #: (name, type, value, checked) of each input; selects and textareas included.
    fields: list[tuple[str, str, str, bool]] = field(default_factory=list)

    def text_fields(self) -> list[str]:
        return list(dict.fromkeys(n for n, kind, _v, _c in self.fields if kind in TEXT_TYPES))


class PageReader(HTMLParser):
    """Links, forms and anything executable in one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[Form] = []
        self.dangers: list[str] = []
        self._form: Form | None = None
        self._select: tuple[str, list[tuple[str, bool]]] | None = None
        self._textarea: list | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.dangers.append(f"<{tag} {name}=...>")
            url = (value or "").strip().lower()
            if name in {"href", "src", "action", "formaction"} and url.startswith("javascript:"):
                self.dangers.append(f"<{tag} {name}={value!r}>")
        if (
            tag == "script"
            and not attributes.get("src")
            and "json" not in (attributes.get("type") or "")
        ):
            self.dangers.append("inline <script>")
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        elif tag == "form":
            self._form = Form(
                method=(attributes.get("method") or "get").lower(),
                action=attributes.get("action") or "",
            )
            self.forms.append(self._form)
        elif self._form is None or "disabled" in attributes:
            return
        elif tag == "input" and attributes.get("name"):
            kind = (attributes.get("type") or "").lower()
            if kind in {"submit", "button", "reset", "image", "file"}:
                return
            self._form.fields.append(
                (attributes["name"], kind, attributes.get("value") or "", "checked" in attributes)
            )
        elif tag == "select" and attributes.get("name"):
            self._select = (attributes["name"], [])
        elif tag == "option" and self._select is not None:
            self._select[1].append((attributes.get("value", ""), "selected" in attributes))
        elif tag == "textarea" and attributes.get("name"):
            self._textarea = [attributes["name"], ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None and self._form is not None:
            name, options = self._select
            chosen = [value for value, selected in options if selected and value]
            if not chosen:  # nothing (or the empty choice) selected: the first real choice
                chosen = [value for value, _selected in options if value][:1]
            for value in chosen:
                self._form.fields.append((name, "select", value, True))
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            self._form.fields.append((self._textarea[0], "", self._textarea[1].strip(), True))
            self._textarea = None


def read(html: str) -> PageReader:
    reader = PageReader()
    reader.feed(html)
    return reader


def check_page(where: str, response) -> None:
    """Fail when the page holds a payload as markup, or anything a browser would run."""
    if "text/html" not in response.get("Content-Type", ""):
        return
    html = response.content.decode()
    for raw in RAW_MARKUP:
        assert raw not in html, f"{where}: the payload {raw!r} came back unescaped"
    dangers = read(html).dangers
    assert not dangers, f"{where}: executable markup {dangers}"


def _url_name(path: str) -> str | None:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return match.view_name


# --- crawling ---------------------------------------------------------------------------------


def crawl(client, start: list[str]) -> dict[str, str]:
    """Every page reachable from ``start`` by links, breadth first, with at most
    ``PAGES_PER_SHAPE`` pages of one shape (``/audit/#/``: the edit pages of users, the events
    of the log... each page view adds an event, so the log alone would never end)."""
    seen: dict[str, str] = {}
    per_shape: dict[str, int] = {}
    queue = list(start)
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        parts = urlsplit(url)
        if url in seen or parts.path.startswith(SKIPPED_PREFIXES) or parts.netloc:
            continue
        shape = re.sub(r"\d+", "#", parts.path)
        if per_shape.get(shape, 0) >= PAGES_PER_SHAPE:
            continue
        per_shape[shape] = per_shape.get(shape, 0) + 1
        response = client.get(url)
        check_page(f"GET {url}", response)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            seen[url] = ""
            continue
        html = response.content.decode()
        seen[url] = html
        for link in read(html).links:
            absolute = urljoin(url, link).split("#", 1)[0]
            if absolute.startswith("/") and absolute not in seen:
                queue.append(absolute)
    return seen


def start_pages() -> list[str]:
    """The project's pages that take no parameter; the crawl finds the others by links."""
    return [
        url.path
        for url in iter_project_urls()
        if "<" not in url.route and "(" not in url.route and url.name
    ]


# --- submitting -------------------------------------------------------------------------------

_counter = itertools.count(1)


def _filler(name: str, kind: str) -> str:
    number = next(_counter)
    if kind == "password" or "password" in name:
        return GOOD_PASSWORD
    if kind == "email" or name == "email":
        return f"sweep{number}@example.org"
    return f"sweep{number}"


def submissions(form: Form, target: str, payload: str) -> dict[str, list[str]]:
    """The form's data with ``payload`` in the field ``target`` (and in its repeats: password
    confirmations) and every other empty text field filled with a plausible value."""
    kinds = {name: kind for name, kind, _v, _c in form.fields}
    data = []
    for name, kind, value, checked in form.fields:
        if kind in {"checkbox", "radio"}:
            if checked:
                data.append((name, value or "on"))
        elif kind in TEXT_TYPES:
            same_group = kind == "password" and kinds.get(target) == "password"
            if name == target or same_group:
                data.append((name, payload))
            elif form.method == "post":
                data.append((name, value or _filler(name, kind)))
            else:
                data.append((name, value))
        else:
            data.append((name, value))
    grouped: dict[str, list[str]] = {}
    for name, value in data:
        grouped.setdefault(name, []).append(value)
    return grouped


@dataclass
class Sweep:
    """Forms found and submitted, by signature (target url name, method, field names)."""

    done: set = field(default_factory=set)
    submitted: int = 0
    found: set = field(default_factory=set)

    def run(self, client, pages: dict[str, str], *, relogin=None, skip=lambda path: False):
        for page_url, html in list(pages.items()):
            for form in read(html).forms:
                action = urljoin(page_url, form.action) if form.action else page_url
                if urlsplit(action).path.startswith(SKIPPED_PREFIXES) or skip(page_url):
                    continue
                text_fields = form.text_fields()
                if not text_fields:
                    continue  # buttons only (deactivate, sign out): nothing to type into
                name = _url_name(action)
                signature = (name, form.method, tuple(sorted(text_fields)))
                self.found.add((name, form.method))
                if signature in self.done:
                    continue
                self.done.add(signature)
                for target, payload in itertools.product(text_fields, PAYLOADS):
                    if relogin is not None:
                        relogin()
                    data = submissions(form, target, payload)
                    where = f"{form.method.upper()} {action} with {target}={payload!r}"
                    if form.method == "post":
                        response = client.post(action, data, follow=True)
                    else:
                        response = client.get(urlsplit(action).path, data, follow=True)
                    self.submitted += 1
                    assert response.status_code < 500, where
                    check_page(where, response)


def _holding(model, *fields) -> list:
    """Primary keys of the rows where one of ``fields`` holds one of the payloads."""
    condition = Q()
    for field_name, payload in itertools.product(fields, PAYLOADS):
        condition |= Q(**{field_name: payload})
    return list(model.objects.filter(condition).values_list("pk", flat=True)[:20])


# --- the test ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_script_payloads_come_back_escaped_everywhere(client, admin_user, officer, unit_tree):
    sweep = Sweep()

    # An anonymous visitor: the sign-in form (each failure is written to the audit log,
    # username included, which the administrator's pages show below).
    anonymous_pages = crawl(client, [url for url in start_pages() if "login" in url])
    sweep.run(client, anonymous_pages)

    # The administrator: every page, every form. The sweeping account never edits itself, so
    # it keeps its rights throughout; it signs in again before each submission anyway.
    def relogin():
        client.force_login(admin_user)

    own_pages = re.compile(rf"/users/{admin_user.pk}/")
    relogin()
    pages = crawl(client, start_pages())
    sweep.run(client, pages, relogin=relogin, skip=lambda path: bool(own_pages.search(path)))

    missing = {form for form in REQUIRED_FORMS if form not in sweep.found}
    assert not missing, f"the sweep did not find these forms: {sorted(missing)}"

    # The payloads were stored, not only refused: free-text fields saved them.
    assert User.objects.filter(first_name__in=PAYLOADS).exists()
    assert Unit.objects.filter(name__in=PAYLOADS).exists()
    assert AuditEvent.objects.filter(actor_username__in=PAYLOADS).exists()

    # Every page again, now that the payloads are stored: lists, edit pages, the audit log,
    # and the pages of each object and audit event that holds a payload.
    relogin()
    after = crawl(client, start_pages())
    assert len(after) > 20
    stored = [
        *(f"/accounts/admin/users/{pk}/" for pk in _holding(User, "first_name", "last_name")),
        *(f"/accounts/admin/units/{pk}/" for pk in _holding(Unit, "name")),
        *(f"/audit/{pk}/" for pk in _holding(AuditEvent, "actor_username", "target_label")),
        "/audit/?q=script",
        "/accounts/admin/users/?q=script",
    ]
    for url in stored:
        response = client.get(url)
        assert response.status_code == 200, url
        check_page(f"GET {url}", response)
    print(f"xss sweep: {sweep.submitted} submissions, {len(sweep.done)} forms, {len(after)} pages")
    print("forms:", sorted(f"{method} {name}" for name, method in sweep.found))


class _FakeResponse(dict):
    def __init__(self, html: str):
        super().__init__({"Content-Type": "text/html; charset=utf-8"})
        self.content = html.encode()


@pytest.mark.parametrize(
    "html",
    [
        "<p><script>alert(1)</script></p>",
        '<input value=""><img src=x onerror=alert(1)>">',
        '<a href="javascript:alert(1)">x</a>',
        '<a href=" JavaScript:alert(1)">x</a>',
        "<div onclick=go()>x</div>",
        "<script>var a = 1;</script>",
    ],
)
def test_the_checker_catches_markup_a_browser_would_run(html):
    with pytest.raises(AssertionError):
        check_page("sample", _FakeResponse(html))


def test_the_checker_accepts_escaped_payloads():
    check_page(
        "sample",
        _FakeResponse(
            '<input value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">'
            "<td>&lt;script&gt;alert(1)&lt;/script&gt;</td><td>javascript:alert(1)</td>"
            '<script src="/static/app.js" defer></script>'
        ),
    )
