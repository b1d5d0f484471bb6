"""The audit log records the client's address, also behind a trusted reverse proxy."""

from __future__ import annotations

from django.test import RequestFactory, override_settings

from opencen.audit.middleware import client_ip


def _request(forwarded: str | None = None):
    extra = {"REMOTE_ADDR": "127.0.0.1"}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_a_proxy_the_peer_is_the_client_and_forwarded_headers_are_ignored():
    assert client_ip(_request("203.0.113.9")) == "127.0.0.1"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_address_it_appended_is_the_client():
    assert client_ip(_request("10.9.9.9, 198.51.100.7")) == "198.51.100.7"  # first one forged


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_a_garbled_forwarded_header_falls_back_to_the_peer():
    assert client_ip(_request("not-an-address")) == "127.0.0.1"
    assert client_ip(_request("")) == "127.0.0.1"
