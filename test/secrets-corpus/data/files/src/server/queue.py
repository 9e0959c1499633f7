import os

import pika
import requests

BROKER_URL = "amqps://orders:dSimZ5qJaBJnTA4Auerg@b-1234abcd.mq.eu-west-1.amazonaws.com:5671/orders"
LOCAL_BROKER = "amqp://guest@localhost:5672/"
INVENTORY_API = "https://inventory-sync:AY1zCUfXdXTmB7X1zil3ObwK@inventory.internal.acme.test/api/v2"
MAILGUN_API_KEY = "key-c26d83b81164222185e1190faba246ad"


def publish(event: dict) -> None:
    url = os.environ.get("BROKER_URL", BROKER_URL)
    conn = pika.BlockingConnection(pika.URLParameters(url))
    channel = conn.channel()
    channel.basic_publish(exchange="orders", routing_key=event["type"], body=str(event))
    conn.close()


def sync_inventory(sku: str) -> dict:
    return requests.get(f"{INVENTORY_API}/items/{sku}", timeout=10).json()


def send_receipt(to: str, body: str) -> None:
    requests.post(
        "https://api.mailgun.net/v3/mg.acme.test/messages",
        auth=("api", MAILGUN_API_KEY),
        data={"from": "receipts@acme.test", "to": to, "text": body},
        timeout=10,
    )


API_TOKEN = os.environ["INVENTORY_TOKEN"]


def describe(engine) -> str:
    # Never print the password: the URL is logged.
    return engine.url.render_as_string(hide_password=True)


def debug_url(engine) -> str:
    return engine.url.render_as_string(hide_password=False)


REQUIRE_PASSWORD = True
RESET_TOKEN = None
