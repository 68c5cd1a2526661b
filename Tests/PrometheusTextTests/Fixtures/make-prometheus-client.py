#!/usr/bin/env python3
"""Records Fixtures/prometheus-client.prom from the real Python prometheus-client.

Run from anywhere: `python3 make-prometheus-client.py` (needs `pip install prometheus-client`).
Values of our own metrics are fixed so the golden tests can assert them; the process/platform
collectors and the *_created series report this run's real values, which the tests only count.
"""
import os

from prometheus_client import (
    CollectorRegistry, Counter, Gauge, Histogram, Summary,
    PlatformCollector, ProcessCollector, generate_latest,
)

registry = CollectorRegistry()
ProcessCollector(registry=registry)
PlatformCollector(registry=registry)

requests = Counter(
    "app_requests", "Requests handled.\nSecond line with a backslash \\ in it.",
    ["method", "path"], registry=registry,
)
requests.labels(method="GET", path="/").inc(42)
requests.labels(method="POST", path="/api/v1/items").inc(7.5)
# Label value with a quote, a backslash and a newline: exercises every 0.0.4 escape.
requests.labels(method="GET", path='say "hi"\\now\nbye').inc(3)
requests.labels(method="GET", path="café/日本").inc(1)

temperature = Gauge("app_temperature_celsius", "Current temperature.", ["room"], registry=registry)
temperature.labels(room="kitchen").set(21.5)
temperature.labels(room="cellar").set(-3.25)

latency = Histogram(
    "app_request_duration_seconds", "Request latency.",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
    registry=registry,
)
for v in (0.003, 0.02, 0.02, 0.07, 0.3, 0.3, 0.9, 4.0, 12.0):
    latency.observe(v)

payload = Summary("app_payload_bytes", "Payload sizes.", registry=registry)
for v in (100, 250, 4000):
    payload.observe(v)

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "prometheus-client.prom")
with open(out, "wb") as f:
    f.write(generate_latest(registry))
print("wrote", out)
