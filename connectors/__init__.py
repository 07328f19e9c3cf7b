"""Connectors: turn feeds and files into Article records and hand them to a sink; no analysis."""

from connectors.documents import DocumentError, load_articles, render_atom
from connectors.feeds import FeedError, ParsedFeed, parse_feed
from connectors.fetch import (
    AddressRefused,
    BodyTooLarge,
    CacheValidators,
    FetchError,
    FetchPolicy,
    FetchResult,
    FetchTimeout,
    HTTPStatusRefused,
    NetworkError,
    RateLimited,
    TooManyRedirects,
    fetch_feed,
)
from connectors.poller import FeedPoller, fetch_articles
from connectors.replay import ReplayServer, replay
from connectors.sink import ArticleSink, KafkaArticleSink, ListSink

__all__ = [
    "AddressRefused",
    "ArticleSink",
    "BodyTooLarge",
    "CacheValidators",
    "DocumentError",
    "FeedError",
    "FeedPoller",
    "FetchError",
    "FetchPolicy",
    "FetchResult",
    "FetchTimeout",
    "HTTPStatusRefused",
    "KafkaArticleSink",
    "ListSink",
    "NetworkError",
    "ParsedFeed",
    "RateLimited",
    "ReplayServer",
    "TooManyRedirects",
    "fetch_articles",
    "fetch_feed",
    "load_articles",
    "parse_feed",
    "render_atom",
    "replay",
]
