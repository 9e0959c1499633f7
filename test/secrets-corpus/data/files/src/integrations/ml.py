"""Clients of the ML platform."""
from huggingface_hub import InferenceClient
from openai import OpenAI

HF_TOKEN = "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"
hf = InferenceClient(model="meta-llama/Llama-3.1-8B-Instruct", token=HF_TOKEN)

openai_client = OpenAI(api_key="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")

DATABRICKS = {
    "host": "https://dbc-a1b2c3d4-e5f6.cloud.databricks.com",
    "token": "dapi6a62a7668986c6f2511827c6bb072dcf",
}

# model revision pinned by commit
REVISION = "d04927e3b7804f35d3af48b1efadc209b3a2709f"
EMBEDDINGS_CACHE_KEY = "a219fcf11a4e2fb3cc35d81ef930ae4cf37d82446fd2df914ab71f5c636242d9"
