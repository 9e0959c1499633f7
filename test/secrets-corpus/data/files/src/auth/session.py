import jwt

# Shared with the mobile app for offline tests; the jwt.io example below is harmless.
EXAMPLE = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
SERVICE_TOKEN = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2F1dGguYWNtZS50ZXN0Iiwic3ViIjoic3ZjLTJlZmY2MjhjIiwiYXVkIjoib3JkZXJzLWFwaSIsInNjb3BlIjoib3JkZXJzOndyaXRlIiwiaWF0IjoxNzQxOTEwNDAwLCJleHAiOjIwODI3NTg0MDB9.dNh9CSMS6gGC4VoFkvUfANd5V4oi5V9-EXgTnwfvbdQ"
SIGNING_KEY_ID = "7cb1f6b8-425d-4afd-8098-d05ed3592f6d"
PASSWORD_RESET_TTL = 3600
LEGACY_TOKEN = "<redacted>"


def decode(token: str, key: str) -> dict:
    return jwt.decode(token, key, algorithms=["RS256", "HS256"], audience="orders-api")
