environment          = "prod"
region               = "eu-west-1"
github_token         = "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"
datadog_app_key      = "5a2724af74939222a469debe941aa65ee133f6eb"
cloudflare_api_token = "XNPXtpIGepO2NJGWnvYNUi1kUeKWdWjLDuQ_SSut"
db_password          = "uB1s4I6ZQ^^VzZ%W2W57"
tfe_token            = "seayeql34hr40b.atlasv1.p08YAsWY5sgzVYdf7Kg1HKv82Bv9CsJTd9tijUkKRlogpvRNx-qAsJ4byXyJjf8gZPj"
instance_count       = 3
