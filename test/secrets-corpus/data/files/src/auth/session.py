import jwt

# Shared with the mobile app for offline tests; the jwt.io example below is harmless.
EXAMPLE = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
SERVICE_TOKEN = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2F1dGguYWNtZS50ZXN0Iiwic3ViIjoic3ZjLTdjYjFmNmI4IiwiYXVkIjoib3JkZXJzLWFwaSIsInNjb3BlIjoib3JkZXJzOndyaXRlIiwiaWF0IjoxNzQxOTEwNDAwLCJleHAiOjIwODI3NTg0MDB9.x6Auh9LPVw1PTz6cVnKPFeuTilgQIcvGNJ1Z1e-8muk"
SIGNING_KEY_ID = "6098d05e-d359-4f6d-9245-2eebafe68be7"
PASSWORD_RESET_TTL = 3600
LEGACY_TOKEN = "<redacted>"


def decode(token: str, key: str) -> dict:
    return jwt.decode(token, key, algorithms=["RS256", "HS256"], audience="orders-api")
