// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the corpus plants literal ${VAR} references as hard negatives
// Generates the labelled accuracy corpus of `rampart secrets` (issue 3) under test/secrets-corpus/data/:
//
//   npx node test/secrets-corpus/generate.ts          # writes data/files/** and data/labels.json
//   npx node test/secrets-corpus/generate.ts --check  # exits 1 if the committed corpus differs
//   npx node test/secrets-corpus/generate.ts --seed S --out DIR   # same files, other values (held out)
//
// Every value comes from one seeded random stream, so the output is the same on every run. The secrets
// are synthetic, format-valid FAKES (right prefixes, lengths, alphabets and checksums; real key pairs made
// for this corpus only): none is, or was ever, a credential of anyone. The hard negatives are the look-alikes
// the issue lists: documentation samples, placeholders, variable references, hashes, UUIDs, lockfile and
// SRI integrity values, images, public keys, certificates, tokens with a bad checksum, pagination cursors.
//
// labels.json lists each planted value: file, line (and endLine for PEM blocks), kind, context,
// secret-sha256 (never the value) and positive. Lines not listed hold no secret.
//
// The git history part of the corpus is built at run time by history.ts (a script of commits).

import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { contextOf, Doc, type Fakes, fakes, type Label, sha256hex } from './corpus.ts';
import { Drbg, ecKey, ed25519Key, jwtHs256, jwtRs256, openSshPrivate, openSshPublic, pgpPrivate, rsaKey, selfSignedCert } from './keys.ts';

export const CORPUS_DIR = fileURLToPath(new URL('./data/', import.meta.url));
export const FILES_DIR = join(CORPUS_DIR, 'files');
export const LABELS_FILE = join(CORPUS_DIR, 'labels.json');

// The documentation samples and placeholders every scanner must leave alone (from the issue).
export const AWS_DOC_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
export const AWS_DOC_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
export const JWT_IO_SAMPLE =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
export const STRIPE_DOC_KEY = 'sk_test_4eC39HqLyjWDarjtT1zdp7dc';
export const SLACK_DOC_WEBHOOK = 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX';

export interface CorpusFile {
  path: string;
  text: string;
  labels: Label[];
}

type Builder = (d: Doc, f: Fakes) => string;

/** The seed of the committed corpus. Other seeds give the same files with other values (a held-out check). */
export const DEFAULT_SEED = 'rampart/secrets-corpus/v1';

export function buildCorpus(seed = DEFAULT_SEED): CorpusFile[] {
  const rng = new Drbg(seed);
  const f = fakes(rng);
  const out: CorpusFile[] = [];
  const file = (path: string, build: Builder, json = false) => {
    const d = new Doc(path, json);
    const { text, labels } = d.render(build(d, f), contextOf(path));
    out.push({ path, text, labels });
  };

  // Key material, made once (real keys, throwaway, deterministic).
  const rsaDeploy = rsaKey(rng);
  const rsaService = rsaKey(rng);
  const rsaGcp = rsaKey(rng);
  const rsaCa = rsaKey(rng);
  const rsaJwt = rsaKey(rng);
  const ec = ecKey(rng);
  const ec2 = ecKey(rng);
  const edDeploy = ed25519Key(rng);
  const edBackup = ed25519Key(rng);
  const edPgp = ed25519Key(rng);
  const edPgp2 = ed25519Key(rng);
  const edAnsible = ed25519Key(rng);
  const rsaCi = rsaKey(rng);
  const rsaCi2 = rsaKey(rng);
  const rsaTls = rsaKey(rng);
  const far = Date.UTC(2036, 0, 1) / 1000;
  const iat = Date.UTC(2025, 2, 14) / 1000;
  const serviceJwt = () =>
    jwtHs256(
      { iss: 'https://auth.acme.test', sub: `svc-${f.hex(8)}`, aud: 'orders-api', scope: 'orders:write', iat, exp: far },
      f.bytes(32),
    );

  // ------------------------------------------------------------------------------ application code

  file('web/src/api/github.ts', (d, f) => {
    const { p, n } = d;
    return `import { Octokit } from '@octokit/rest';

// TODO(jlee): move to the secret store before the release
const octokit = new Octokit({ auth: '${p('github-pat', f.githubPat())}' });

export async function openIssue(repo: string, title: string, body: string) {
  const [owner, name] = repo.split('/');
  return octokit.issues.create({ owner, repo: name, title, body, labels: ['triage'] });
}

/** CI runs with the workflow's own token. */
export const ciClient = new Octokit({ auth: ${n('env-reference', 'process.env.GITHUB_TOKEN')} });

/** The app installation token is minted per job; this one is for the local smoke test. */
const installationToken = '${p('github-app-token', f.githubApp())}';

export function smokeClient() {
  return new Octokit({ auth: installationToken, baseUrl: 'https://api.github.com' });
}

export const TOKEN_FORMAT = /^gh[pousr]_[A-Za-z0-9]{36}$/;
`;
  });

  file('web/src/config/payments.ts', (d, f) => {
    const { p, n } = d;
    return `export const stripeConfig = {
  // The publishable key is public by design: it ships to every browser.
  publishableKey: '${n('stripe-publishable-key', f.stripePublishable())}',
  secretKey: '${p('stripe-live-secret', f.stripeLive())}',
  webhookToleranceSeconds: 300,
  apiVersion: '2024-06-20',
};

// Stripe's documentation key, used by the offline tests against stripe-mock.
export const STRIPE_DOCS_KEY = '${n('doc-example-stripe', STRIPE_DOC_KEY)}';

export const currencies = ['usd', 'eur', 'gbp'] as const;

export function stripeHeaders(idempotencyKey: string) {
  return {
    Authorization: \`Bearer \${${n('env-reference', 'process.env.STRIPE_SECRET_KEY')}}\`,
    'Idempotency-Key': idempotencyKey,
  };
}

// request id of the failed payout, for the postmortem
export const FAILED_PAYOUT_REQUEST = '${n('uuid', f.uuid())}';
`;
  });

  file('services/billing/billing/settings.py', (d, f) => {
    const { p, n } = d;
    return `"""Django settings for the billing service."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = '${p('generic-secret', f.str('abcdefghijklmnopqrstuvwxyz0123456789!@#%^&*(-_=+)', 50))}'

DEBUG = os.environ.get('DEBUG', '0') == '1'
ALLOWED_HOSTS = ['billing.acme.test', 'billing.internal']

INSTALLED_APPS = [
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'rest_framework',
    'billing.invoices',
]

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.postgresql',
        'NAME': 'billing',
        'USER': 'billing_app',
        'PASSWORD': '${p('password', f.password(22))}',
        'HOST': 'billing-db.internal',
        'PORT': '5432',
    },
    'replica': {
        'ENGINE': 'django.db.backends.postgresql',
        'NAME': 'billing',
        'USER': 'billing_ro',
        'PASSWORD': ${n('env-reference', "os.environ['REPLICA_DB_PASSWORD']")},
        'HOST': 'billing-db-replica.internal',
    },
}

AUTH_PASSWORD_VALIDATORS = [
    {'NAME': 'django.contrib.auth.password_validation.MinimumLengthValidator', ${n('password-policy', "'OPTIONS': {'min_length': 12}")}},
]

STRIPE_RESTRICTED_KEY = '${p('stripe-restricted', f.stripeRestricted())}'
STRIPE_SECRET_KEY = ${n('env-reference', "os.environ.get('STRIPE_SECRET_KEY', '')")}
${(() => {
  const pw = f.urlPassword(24);
  return `CELERY_BROKER_URL = '${p('amqp-uri', `amqp://billing:${pw}@rabbitmq.internal:5672/billing`, { secret: pw })}'`;
})()}
CELERY_RESULT_BACKEND = '${n('connection-string-no-password', 'redis://cache.internal:6379/1')}'

LANGUAGE_CODE = 'en-us'
TIME_ZONE = 'UTC'
`;
  });

  file('services/notify/main.go', (d, f) => {
    const { p, n } = d;
    return `package main

import (
	"log"
	"net/http"
	"os"

	"github.com/slack-go/slack"
	"github.com/twilio/twilio-go"
)

const (
	slackBotToken  = "${p('slack-bot-token', f.slackBot())}"
	twilioAccount  = "${n('twilio-account-sid', f.twilioAccountSid())}"
	twilioKeySID   = "${p('twilio-api-key', f.twilioApiKey())}"
	twilioSecret   = "${p('generic-secret', f.str('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 32))}"
	sendgridAPIKey = "${p('sendgrid', f.sendgrid())}"
)

func main() {
	webhook := ${n('env-reference', 'os.Getenv("SLACK_WEBHOOK_URL")')}
	api := slack.New(slackBotToken)
	sms := twilio.NewRestClientWithParams(twilio.ClientParams{Username: twilioKeySID, Password: twilioSecret, AccountSid: twilioAccount})
	http.HandleFunc("/notify", func(w http.ResponseWriter, r *http.Request) {
		if _, _, err := api.PostMessage("#alerts", slack.MsgOptionText(r.FormValue("text"), false)); err != nil {
			log.Printf("slack: %v", err)
		}
		_ = sms
		_ = webhook
	})
	log.Fatal(http.ListenAndServe(":"+os.Getenv("PORT"), nil))
}
`;
  });

  file('services/notify/config.yaml', (d, f) => {
    const { p, n } = d;
    return `# notify service configuration
slack:
  app_token: ${p('slack-app-token', f.slackApp())}
  user_token: ${p('slack-user-token', f.slackUser())}
  channel: "#alerts"
  fallback_webhook: ${p('slack-webhook', f.slackWebhook())}
  example_webhook: ${n('doc-example-slack-webhook', SLACK_DOC_WEBHOOK)}
telegram:
  bot_token: "${p('telegram', f.telegram())}"
  chat_id: -1001234567890
sendgrid:
  api_key: ${n('variable-reference', '${SENDGRID_API_KEY}')}
  from: alerts@acme.test
retry:
  attempts: 5
  backoff: 2s
`;
  });

  file('services/ingest/src/main/java/com/acme/ingest/config/StorageConfig.java', (d, f) => {
    const { p, n } = d;
    const key = f.azureStorageKey();
    const pw = f.urlPassword(20);
    return `package com.acme.ingest.config;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class StorageConfig {

    private static final String CONNECTION_STRING =
        "${p('azure-storage-key', `DefaultEndpointsProtocol=https;AccountName=acmeingest;AccountKey=${key};EndpointSuffix=core.windows.net`, { secret: key })}";

    private static final String LEDGER_URL =
        "${p('jdbc', `jdbc:sqlserver://ledger.corp.acme.test:1433;databaseName=ledger;user=ledger_svc;password=${pw};encrypt=true`, { secret: pw })}";

    @Value("${n('variable-reference', '${storage.sas-token}')}")
    private String sasToken;

    private final String apiKey = ${n('env-reference', 'System.getenv("INGEST_API_KEY")')};

    @Bean
    public BlobServiceClient blobServiceClient() {
        return new BlobServiceClientBuilder().connectionString(CONNECTION_STRING).buildClient();
    }
}
`;
  });

  file('services/ingest/src/main/resources/application.properties', (d, f) => {
    const { p, n } = d;
    const pw = f.urlPassword(22);
    return `spring.application.name=ingest
server.port=8080
spring.datasource.url=${p('jdbc', `jdbc:postgresql://ingest-db.internal:5432/ingest?user=ingest&password=${pw}&ssl=true`, { secret: pw })}
spring.datasource.username=ingest
spring.datasource.password=${p('password', f.password(20))}
spring.datasource.hikari.maximum-pool-size=10
spring.mail.host=smtp.acme.test
spring.mail.port=587
spring.mail.username=alerts@acme.test
spring.mail.password=${p('password', f.password(18))}
spring.rabbitmq.host=mq.internal
spring.rabbitmq.password=${n('variable-reference', '${RABBITMQ_PASSWORD}')}
management.endpoints.web.exposure.include=health,info,prometheus
app.security.jwt.secret=${p('generic-secret', f.base64(48))}
app.security.jwt.issuer=https://auth.acme.test
app.storage.container=raw-events
app.release.checksum=${n('hash-digest', `sha256:${f.hex(64)}`)}
app.security.password.min-length=12
`;
  });

  file('services/ingest/src/main/resources/application.yml', (d, f) => {
    const { p, n } = d;
    const mq = f.urlPassword(20);
    const cache = f.urlPassword(32);
    return `spring:
  datasource:
    url: jdbc:mysql://reports-db.internal:3306/reports
    username: reports
    password: ${p('password', f.password(24))}
  rabbitmq:
    addresses: ${p('amqp-uri', `amqp://ingest:${mq}@mq.internal:5672/ingest`, { secret: mq })}
  data:
    redis:
      url: ${p('redis-uri', `redis://:${cache}@cache.internal:6379/0`, { secret: cache })}
  security:
    oauth2:
      client:
        registration:
          okta:
            client-id: ${n('public-identifier', `0oa${f.str('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 17)}`)}
            client-secret: ${p('generic-secret', f.mid('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', 40))}
            scope: openid,profile
reporting:
  s3:
    bucket: acme-reports
    access-key: ${n('variable-reference', '${AWS_ACCESS_KEY_ID}')}
    secret-key: ${n('variable-reference', '${AWS_SECRET_ACCESS_KEY:}')}
  api-token: ${n('placeholder-changeme', 'changeme')}
logging:
  level:
    root: INFO
`;
  });

  file('services/ingest/pom-settings.xml', (d, f) => {
    const { p, n } = d;
    return `<?xml version="1.0" encoding="UTF-8"?>
<settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">
  <servers>
    <server>
      <id>acme-releases</id>
      <username>deployer</username>
      <password>${p('password', f.password(20))}</password>
    </server>
    <server>
      <id>acme-snapshots</id>
      <username>deployer</username>
      <password>${n('variable-reference', '${env.MAVEN_PASSWORD}')}</password>
    </server>
    <server>
      <id>central-mirror</id>
      <username>mirror</username>
      <password>${n('placeholder-masked', '********')}</password>
    </server>
  </servers>
</settings>
`;
  });

  // ------------------------------------------------------------------------------------ dotenv

  file('deploy/.env.production', (d, f) => {
    const { p } = d;
    const db = f.urlPassword(24);
    const cache = f.urlPassword(28);
    return `# Production settings, loaded by the process manager
NODE_ENV=production
PORT=8080
DATABASE_URL=${p('postgres-uri', `postgres://app:${db}@prod-db.acme.internal:5432/app?sslmode=require`, { secret: db })}
REDIS_URL=${p('redis-uri', `rediss://default:${cache}@cache.acme.internal:6380`, { secret: cache })}
OPENAI_API_KEY=${p('openai', f.openaiProject())}
ANTHROPIC_API_KEY=${p('anthropic', f.anthropic())}
HF_TOKEN=${p('huggingface', f.huggingface())}
AWS_ACCESS_KEY_ID=${p('aws-access-key-id', f.awsKeyId())}
AWS_SECRET_ACCESS_KEY=${p('aws-secret-access-key', f.awsSecret())}
AWS_REGION=eu-west-1
SESSION_SECRET=${p('generic-secret', f.base64url(36))}
SMTP_PASSWORD=${p('password', f.password(16))}
LOG_LEVEL=info
`;
  });

  file('deploy/.env.example', (d) => {
    const { n } = d;
    return `# Copy to .env and fill in. Never commit the real values.
NODE_ENV=development
PORT=8080
DATABASE_URL=${n('placeholder-changeme', 'postgres://app:changeme@localhost:5432/app')}
REDIS_URL=${n('connection-string-no-password', 'redis://localhost:6379')}
OPENAI_API_KEY=${n('placeholder-your-key', 'YOUR_API_KEY')}
ANTHROPIC_API_KEY=${n('placeholder-angle', '<your-anthropic-key>')}
HF_TOKEN=${n('placeholder-xxxx', 'hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx')}
AWS_ACCESS_KEY_ID=${n('doc-example-aws-key-id', AWS_DOC_KEY_ID)}
AWS_SECRET_ACCESS_KEY=${n('doc-example-aws-secret', AWS_DOC_SECRET)}
SESSION_SECRET=${n('placeholder-empty', '')}
SMTP_PASSWORD=${n('placeholder-changeme', 'changeme')}
STRIPE_SECRET_KEY=${n('doc-example-stripe', STRIPE_DOC_KEY)}
SLACK_WEBHOOK_URL=${n('doc-example-slack-webhook', SLACK_DOC_WEBHOOK)}
GITHUB_TOKEN=${n('placeholder-xxxx', 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx')}
`;
  });

  file('web/.env.local', (d, f) => {
    const { p, n } = d;
    return `NEXT_PUBLIC_API_URL=https://api.acme.test
NEXT_PUBLIC_STRIPE_KEY=${n('stripe-publishable-key', f.stripePublishable())}
NEXT_PUBLIC_SENTRY_RELEASE=${n('git-sha', f.hex(40))}
STRIPE_SECRET_KEY=${p('stripe-live-secret', f.stripeLive())}
LINEAR_API_KEY=${p('linear', f.linear())}
POSTMAN_API_KEY=${p('postman', f.postman())}
NEXTAUTH_SECRET=${p('generic-secret', f.base64(32))}
NEXTAUTH_URL=http://localhost:3000
GITHUB_CLIENT_ID=${n('public-identifier', `Iv1.${f.hex(16)}`)}
GITHUB_CLIENT_SECRET=${p('generic-secret', f.hex(40))}
`;
  });

  // -------------------------------------------------------------------------------- infrastructure

  file('infra/terraform/main.tf', (d, f) => {
    const { p, n } = d;
    return `terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region     = "eu-west-1"
  access_key = "${p('aws-access-key-id', f.awsKeyId())}"
  secret_key = "${p('aws-secret-access-key', f.awsSecret())}"
}

variable "db_password" {
  description = "Master password of the orders database"
  type        = string
  sensitive   = true
  default     = "${p('password', f.password(24))}"
}

variable "api_token" {
  description = "Token of the partner API"
  type        = string
  sensitive   = true
}

resource "aws_db_instance" "orders" {
  identifier          = "orders"
  engine              = "postgres"
  engine_version      = "16.3"
  instance_class      = "db.t4g.medium"
  allocated_storage   = 50
  username            = "orders_admin"
  password            = ${n('secret-reference', 'var.db_password')}
  skip_final_snapshot = false
}

data "aws_secretsmanager_secret_version" "partner" {
  secret_id = "${n('aws-arn', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/partner-api-AbCdEf')}"
}

resource "aws_iam_role" "deploy" {
  name               = "deploy"
  assume_role_policy = file("\${path.module}/policies/deploy-trust.json")
}
`;
  });

  file('infra/terraform/prod.auto.tfvars', (d, f) => {
    const { p } = d;
    return `environment          = "prod"
region               = "eu-west-1"
github_token         = "${p('github-fine-grained-pat', f.githubFineGrained())}"
datadog_app_key      = "${p('datadog', f.hex(40))}"
cloudflare_api_token = "${p('cloudflare', f.mid('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', 40))}"
db_password          = "${p('password', f.password(20))}"
tfe_token            = "${p('terraform-cloud', f.terraformCloud())}"
instance_count       = 3
`;
  });

  file(
    'infra/terraform/terraform.tfstate',
    (d, f) => {
      const { p, n } = d;
      const state = {
        version: 4,
        terraform_version: '1.8.5',
        serial: 42,
        lineage: n('uuid', f.uuid()),
        outputs: {},
        resources: [
          {
            mode: 'managed',
            type: 'aws_db_instance',
            name: 'reporting',
            provider: 'provider["registry.terraform.io/hashicorp/aws"]',
            instances: [
              {
                schema_version: 2,
                attributes: {
                  arn: n('aws-arn', 'arn:aws:rds:eu-west-1:123456789012:db:reporting'),
                  engine: 'mysql',
                  username: 'reporting_admin',
                  password: p('password', f.password(24)),
                  resource_id: 'db-ABCDEFGHIJKLMNOPQRSTUVWXY2',
                },
                sensitive_attributes: [[{ type: 'get_attr', value: 'password' }]],
              },
            ],
          },
          {
            mode: 'managed',
            type: 'aws_iam_access_key',
            name: 'ci',
            provider: 'provider["registry.terraform.io/hashicorp/aws"]',
            instances: [
              {
                schema_version: 0,
                attributes: {
                  id: p('aws-access-key-id', f.awsKeyId()),
                  secret: p('aws-secret-access-key', f.awsSecret()),
                  status: 'Active',
                  user: 'ci',
                },
              },
            ],
          },
        ],
      };
      return `${JSON.stringify(state, null, 2)}\n`;
    },
    true,
  );

  file('infra/k8s/secrets.yaml', (d, f) => {
    const { p, n } = d;
    const pw = f.password(24);
    const regPw = f.urlPassword(24);
    const dockerconfig = JSON.stringify({
      auths: { 'registry.acme.test': { username: 'ci', password: regPw, auth: Buffer.from(`ci:${regPw}`).toString('base64') } },
    });
    return `apiVersion: v1
kind: Secret
metadata:
  name: orders-db
  namespace: orders
type: Opaque
data:
  username: ${n('base64-non-secret', Buffer.from('orders').toString('base64'))}
  password: ${p('k8s-secret-base64', Buffer.from(pw).toString('base64'))}
  stripe-key: ${p('k8s-secret-base64', Buffer.from(f.stripeLive()).toString('base64'))}
---
apiVersion: v1
kind: Secret
metadata:
  name: registry-credentials
  namespace: orders
type: kubernetes.io/dockerconfigjson
data:
  .dockerconfigjson: ${p('k8s-secret-base64', Buffer.from(dockerconfig).toString('base64'))}
---
apiVersion: v1
kind: Secret
metadata:
  name: orders-dev
  namespace: orders-dev
type: Opaque
stringData:
  password: ${n('placeholder-changeme', 'changeme')}
  token: ${n('variable-reference', '${ORDERS_TOKEN}')}
data:
  dev-password: ${n('placeholder-encoded', Buffer.from('changeme').toString('base64'))}
`;
  });

  file('infra/k8s/api-keys.yaml', (d, f) => {
    const { p } = d;
    const gh = f.githubOauth();
    return `apiVersion: v1
kind: Secret
metadata:
  name: integrations
  namespace: api
type: Opaque
stringData:
  GITHUB_OAUTH_TOKEN: ${p('github-oauth', gh)}
  SENDGRID_API_KEY: ${p('sendgrid', f.sendgrid())}
  WEBHOOK_SIGNING_SECRET: ${p('generic-secret', f.hex(64))}
data:
  DOPPLER_TOKEN: ${p('k8s-secret-base64', Buffer.from(f.doppler()).toString('base64'))}
`;
  });

  file('infra/k8s/deployment.yaml', (d, f) => {
    const { n } = d;
    return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders-api
  namespace: orders
  annotations:
    checksum/config: ${n('hash-digest', f.hex(64))}
spec:
  replicas: 3
  selector:
    matchLabels:
      app: orders-api
  template:
    metadata:
      labels:
        app: orders-api
    spec:
      containers:
        - name: api
          image: ${n('docker-image-digest', `registry.acme.test/orders-api@sha256:${f.hex(64)}`)}
          ports:
            - containerPort: 8080
          env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: orders-db
                  ${n('secret-reference', 'key: password')}
            - name: STRIPE_KEY
              valueFrom:
                secretKeyRef:
                  name: orders-db
                  key: stripe-key
            - name: REQUEST_SIGNING_KEY_ID
              value: "${n('uuid', f.uuid())}"
          resources:
            limits:
              memory: 512Mi
`;
  });

  file('infra/k8s/configmap.yaml', (d, f) => {
    const { n } = d;
    const cfg = Buffer.from(JSON.stringify({ featureFlags: { newCheckout: true, betaSearch: false }, retry: 3, region: 'eu-west-1' }));
    return `apiVersion: v1
kind: ConfigMap
metadata:
  name: orders-config
  namespace: orders
data:
  LOG_LEVEL: info
  TOKEN_TTL_SECONDS: "3600"
  PASSWORD_RESET_URL: https://acme.test/reset
binaryData:
  flags.json: ${n('base64-non-secret', cfg.toString('base64'))}
  build-id: ${n('hash-digest', f.hex(40))}
`;
  });

  file('docker-compose.yml', (d, f) => {
    const { p, n } = d;
    const mongo = f.urlPassword(24);
    return `services:
  db:
    image: postgres:16
    environment:
      POSTGRES_USER: orders
      POSTGRES_PASSWORD: ${p('password', f.password(20))}
      POSTGRES_DB: orders
  mysql:
    image: mysql:8.4
    environment:
      - MYSQL_ROOT_PASSWORD=${p('password', f.password(20))}
      - MYSQL_PASSWORD=${n('variable-reference', '${MYSQL_PASSWORD}')}
  rabbitmq:
    image: rabbitmq:3-management
    environment:
      RABBITMQ_DEFAULT_USER: orders
      RABBITMQ_DEFAULT_PASS: ${p('password', f.password(16))}
  api:
    build: .
    depends_on: [db, mysql, rabbitmq]
    environment:
      DATABASE_URL: ${n('connection-string-var-password', 'postgres://orders:${POSTGRES_PASSWORD}@db:5432/orders')}
      MONGO_URL: ${p('mongodb-uri', `mongodb://root:${mongo}@mongo:27017/admin?authSource=admin`, { secret: mongo })}
      REDIS_URL: ${n('connection-string-no-password', 'redis://cache:6379/0')}
      JWT_SECRET: ${n('variable-reference', '${JWT_SECRET:?set JWT_SECRET}')}
  grafana:
    image: ${n('docker-image-digest', `grafana/grafana@sha256:${f.hex(64)}`)}
    environment:
      GF_SECURITY_ADMIN_PASSWORD: ${p('password', f.password(18))}
      GF_AUTH_ANONYMOUS_ENABLED: "false"
`;
  });

  file('Dockerfile', (d, f) => {
    const { p, n } = d;
    return `FROM ${n('docker-image-digest', `node:22-alpine@sha256:${f.hex(64)}`)} AS build
WORKDIR /app
ARG NPM_TOKEN
COPY package.json package-lock.json ./
RUN echo "//registry.npmjs.org/:_authToken=${p('npm-token', f.npm())}" > .npmrc && npm ci && rm .npmrc
COPY . .
RUN --mount=type=secret,id=sentry_auth_token npm run build

FROM node:22-alpine
WORKDIR /app
ENV NODE_ENV=production \\
    PAYMENTS_API_KEY=${p('generic-secret', f.str('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 32))} \\
    DATABASE_URL=${n('connection-string-var-password', 'postgres://app:${DB_PASSWORD}@db:5432/app')}
COPY --from=build /app/dist ./dist
USER node
CMD ["node", "dist/server.js"]
`;
  });

  file('.github/workflows/deploy.yml', (d, f) => {
    const { p, n } = d;
    return `name: deploy
on:
  push:
    branches: [main]

env:
  AWS_REGION: eu-west-1
  AWS_ACCESS_KEY_ID: ${p('aws-access-key-id', f.awsKeyId())}
  AWS_SECRET_ACCESS_KEY: ${p('aws-secret-access-key', f.awsSecret())}

jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@${n('git-sha', f.hex(40))} # v4
      - name: Log in to the registry
        run: echo "${p('password', f.password(20))}" | docker login registry.acme.test -u ci --password-stdin
      - name: Publish the package
        env:
          NODE_AUTH_TOKEN: ${p('npm-token', f.npm())}
          SLACK_WEBHOOK: ${n('actions-secret-reference', '${{ secrets.SLACK_WEBHOOK }}')}
        run: npm publish --access public
      - name: Notify
        uses: slackapi/slack-github-action@${n('git-sha', f.hex(40))}
        with:
          webhook: ${p('slack-webhook', f.slackWebhook())}
          webhook-type: incoming-webhook
`;
  });

  file('.github/workflows/ci.yml', (d, f) => {
    const { n } = d;
    return `name: ci
on: [push, pull_request]

permissions:
  contents: read

jobs:
  test:
    runs-on: ubuntu-latest
    env:
      NPM_TOKEN: ${n('actions-secret-reference', '${{ secrets.NPM_TOKEN }}')}
      GH_TOKEN: ${n('actions-secret-reference', '${{ github.token }}')}
      DATABASE_URL: ${n('connection-string-var-password', 'postgres://ci:${{ secrets.CI_DB_PASSWORD }}@localhost:5432/ci')}
    services:
      postgres:
        image: postgres:16
        env:
          POSTGRES_PASSWORD: ${n('actions-secret-reference', '${{ secrets.CI_DB_PASSWORD }}')}
    steps:
      - uses: actions/checkout@${n('git-sha', f.hex(40))} # v4
      - uses: actions/setup-node@${n('git-sha', f.hex(40))} # v4
        with:
          node-version: 22
          cache: npm
      - run: npm ci
      - run: npm test
      - uses: codecov/codecov-action@v4
        with:
          token: ${n('actions-secret-reference', '${{ secrets.CODECOV_TOKEN }}')}
`;
  });

  file('.github/workflows/release.yml', (d, f) => {
    const { p, n } = d;
    return `name: release
on:
  release:
    types: [published]
jobs:
  pypi:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: python -m build
      - run: twine upload dist/*
        env:
          TWINE_USERNAME: __token__
          TWINE_PASSWORD: ${p('pypi', f.pypi())}
  gems:
    runs-on: ubuntu-latest
    steps:
      - run: gem push pkg/*.gem
        env:
          GEM_HOST_API_KEY: ${p('rubygems', f.rubygems())}
      - run: echo "done"
        env:
          RUBYGEMS_OTP: ${n('actions-secret-reference', '${{ secrets.RUBYGEMS_OTP }}')}
`;
  });

  // ------------------------------------------------------------------------------------ notebooks

  const png = (w: number, h: number) => tinyPng(f, w, h);

  file(
    'notebooks/churn-exploration.ipynb',
    (d, f) => {
      const { p, n } = d;
      const wh = f.urlPassword(20);
      const nb = notebook([
        md('# Churn exploration\n', '\n', 'Pulls the last 90 days of subscriptions from the warehouse.'),
        code(1, ['import openai\n', 'import pandas as pd\n', `openai.api_key = "${p('openai', f.openaiLegacy())}"`], []),
        code(
          2,
          ['!cat ~/.aws/credentials'],
          [
            stream([
              '[default]\n',
              `aws_access_key_id = ${p('aws-access-key-id', f.awsKeyId(), { context: 'notebook-output' })}\n`,
              `aws_secret_access_key = ${p('aws-secret-access-key', f.awsSecret(), { context: 'notebook-output' })}\n`,
              'region = eu-west-1\n',
            ]),
          ],
        ),
        code(3, ['from huggingface_hub import login\n', 'import os\n', `login(token=${n('env-reference', 'os.environ["HF_TOKEN"]')})`], []),
        code(
          4,
          ['engine = create_engine(WAREHOUSE_URL)\n', 'print(engine.url.render_as_string(hide_password=False))'],
          [
            stream([
              `${p('postgres-uri', `postgresql://analyst:${wh}@warehouse.internal:5432/analytics`, { secret: wh, context: 'notebook-output' })}\n`,
            ]),
          ],
        ),
        code(
          5,
          ["df = pd.read_sql('select * from churn_90d', engine)\n", "df.plot(x='week', y='churned')"],
          [
            {
              output_type: 'display_data',
              data: { 'image/png': n('notebook-image', png(20, 14)), 'text/plain': ['<Figure size 640x480 with 1 Axes>'] },
              metadata: {},
            },
          ],
        ),
      ]);
      return nb;
    },
    true,
  );

  file(
    'notebooks/llm-eval.ipynb',
    (d, f) => {
      const { p, n } = d;
      const jwt = serviceJwt();
      const nb = notebook([
        md('## Evaluating the summariser\n', 'Runs 200 prompts against both providers.'),
        code(1, ['import anthropic\n', `client = anthropic.Anthropic(api_key="${p('anthropic', f.anthropic())}")`], []),
        code(
          2,
          [`%env OPENAI_API_KEY=${p('openai', f.openaiProject())}`],
          [stream([`env: OPENAI_API_KEY=${n('placeholder-masked', 'sk-...')}\n`])],
        ),
        code(
          3,
          ['from huggingface_hub import HfFolder\n', 'print(HfFolder.get_token())'],
          [stream([`${p('huggingface', f.huggingface(), { context: 'notebook-output' })}\n`])],
        ),
        code(
          4,
          ["resp = requests.get(API + '/orders', headers=headers)\n", 'resp.raise_for_status()'],
          [
            {
              output_type: 'error',
              ename: 'HTTPError',
              evalue: '401 Client Error: Unauthorized',
              traceback: [
                'HTTPError: 401 Client Error: Unauthorized for url: https://api.acme.test/orders',
                `request headers: {'Authorization': 'Bearer ${p('jwt', jwt, { context: 'notebook-output' })}'}`,
              ],
            },
          ],
        ),
        code(
          5,
          ['import uuid\n', 'run_id = uuid.uuid4()\n', 'run_id'],
          [{ output_type: 'execute_result', execution_count: 5, data: { 'text/plain': [`UUID('${n('uuid', f.uuid())}')`] }, metadata: {} }],
        ),
        code(
          6,
          [
            'databricks_host = "https://adb-1234567890123456.7.azuredatabricks.net"\n',
            `databricks_token = "${p('databricks', f.databricks())}"`,
          ],
          [],
        ),
      ]);
      return nb;
    },
    true,
  );

  // -------------------------------------------------------------------------------------- Postman

  file(
    'postman/Acme API.postman_collection.json',
    (d, f) => {
      const { p, n } = d;
      const bearer = f.mid('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', 43);
      const coll = {
        info: {
          _postman_id: n('uuid', f.uuid()),
          name: 'Acme API',
          description: `Authenticate with \`Authorization: Bearer ${n('placeholder-angle', '<token>')}\`. The JWT looks like ${n('doc-example-jwt', JWT_IO_SAMPLE)}.`,
          schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
        },
        auth: { type: 'bearer', bearer: [{ key: 'token', value: p('postman-auth-secret', bearer), type: 'string' }] },
        item: [
          {
            name: 'Orders',
            item: [
              {
                name: 'List orders',
                request: {
                  method: 'GET',
                  header: [
                    { key: 'Accept', value: 'application/json' },
                    { key: 'X-Request-Id', value: n('uuid', f.uuid()) },
                  ],
                  url: {
                    raw: '{{baseUrl}}/v1/orders?limit=50&api_key={{apiKey}}',
                    host: ['{{baseUrl}}'],
                    path: ['v1', 'orders'],
                    query: [
                      { key: 'limit', value: '50' },
                      { key: 'api_key', value: n('template-variable', '{{apiKey}}') },
                    ],
                  },
                },
              },
              {
                name: 'Create order (partner key)',
                request: {
                  auth: {
                    type: 'apikey',
                    apikey: [
                      { key: 'value', value: p('postman-auth-secret', f.hex(32)), type: 'string' },
                      { key: 'key', value: 'X-Partner-Key', type: 'string' },
                      { key: 'in', value: 'header', type: 'string' },
                    ],
                  },
                  method: 'POST',
                  header: [{ key: 'Content-Type', value: 'application/json' }],
                  body: { mode: 'raw', raw: '{\n  "sku": "TSHIRT-M",\n  "quantity": 2\n}' },
                  url: { raw: '{{baseUrl}}/v1/orders', host: ['{{baseUrl}}'], path: ['v1', 'orders'] },
                },
              },
              {
                name: 'Refund (service token)',
                request: {
                  method: 'POST',
                  header: [{ key: 'Authorization', value: `Bearer ${p('jwt', serviceJwt())}` }],
                  url: {
                    raw: '{{baseUrl}}/v1/refunds?access_token=REDACTED',
                    host: ['{{baseUrl}}'],
                    path: ['v1', 'refunds'],
                    query: [{ key: 'access_token', value: n('placeholder-word', 'REDACTED') }],
                  },
                },
              },
            ],
          },
          {
            name: 'Admin',
            item: [
              {
                name: 'Health (basic auth)',
                request: {
                  auth: {
                    type: 'basic',
                    basic: [
                      { key: 'password', value: p('postman-auth-secret', f.password(20)), type: 'string' },
                      { key: 'username', value: 'ops', type: 'string' },
                    ],
                  },
                  method: 'GET',
                  url: { raw: '{{baseUrl}}/admin/health', host: ['{{baseUrl}}'], path: ['admin', 'health'] },
                },
              },
              {
                name: 'Sync repositories',
                request: {
                  method: 'POST',
                  header: [{ key: 'Authorization', value: `token ${p('github-pat', f.githubPat())}` }],
                  url: {
                    raw: 'https://api.github.com/orgs/acme/repos',
                    protocol: 'https',
                    host: ['api', 'github', 'com'],
                    path: ['orgs', 'acme', 'repos'],
                  },
                },
              },
            ],
          },
        ],
        event: [
          {
            listen: 'prerequest',
            script: {
              type: 'text/javascript',
              exec: [
                `const signingSecret = '${p('generic-secret', f.base64(32))}';`,
                "const sig = CryptoJS.HmacSHA256(pm.request.body ? pm.request.body.raw : '', signingSecret).toString();",
                "pm.request.headers.add({ key: 'X-Signature', value: sig });",
                "pm.request.headers.add({ key: 'X-Client', value: pm.environment.get('clientId') });",
              ],
            },
          },
        ],
        variable: [
          { key: 'baseUrl', value: 'https://api.acme.test' },
          { key: 'apiKey', value: p('postman-auth-secret', f.hex(40)) },
          { key: 'pageCursor', value: n('pagination-token', f.base64url(24)) },
        ],
      };
      return `${JSON.stringify(coll, null, '\t')}\n`;
    },
    true,
  );

  file(
    'postman/Acme Prod.postman_environment.json',
    (d, f) => {
      const { p, n } = d;
      const env = {
        id: n('uuid', f.uuid()),
        name: 'Acme Prod',
        values: [
          { key: 'baseUrl', value: 'https://api.acme.test', type: 'default', enabled: true },
          { key: 'client_id', value: 'orders-dashboard', type: 'default', enabled: true },
          {
            key: 'client_secret',
            value: p('postman-env-secret', f.mid('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', 48)),
            type: 'secret',
            enabled: true,
          },
          { key: 'api_key', value: p('postman-env-secret', f.hex(32)), type: 'default', enabled: true },
          { key: 'access_token', value: n('placeholder-empty', ''), type: 'secret', enabled: true },
          { key: 'refresh_token', value: n('vault-reference', '{{vault:acme-prod/refresh-token}}'), type: 'secret', enabled: true },
          { key: 'admin_password', value: p('postman-env-secret', f.password(20)), type: 'secret', enabled: true },
          { key: 'user_id', value: n('uuid', f.uuid()), type: 'default', enabled: true },
          { key: 'signing_key', value: n('template-variable', '{{signingKey}}'), type: 'default', enabled: false },
          { key: 'stripe_key', value: p('stripe-restricted', f.stripeRestricted()), type: 'secret', enabled: true },
        ],
        _postman_variable_scope: 'environment',
        _postman_exported_at: '2025-03-14T09:26:53.589Z',
        _postman_exported_using: 'Postman/11.2.0',
      };
      return `${JSON.stringify(env, null, '\t')}\n`;
    },
    true,
  );

  file(
    'postman/Acme Staging.postman_environment.json',
    (d, f) => {
      const { p, n } = d;
      const env = {
        id: n('uuid', f.uuid()),
        name: 'Acme Staging',
        values: [
          { key: 'baseUrl', value: 'https://staging.api.acme.test', type: 'default', enabled: true },
          { key: 'token', value: p('postman-env-secret', f.base64url(30)), type: 'secret', enabled: true },
          { key: 'password', value: n('placeholder-changeme', 'changeme'), type: 'secret', enabled: true },
          { key: 'db_password', value: n('vault-reference', '{{vault:staging/db-password}}'), type: 'secret', enabled: true },
          { key: 'webhook_secret', value: n('placeholder-xxxx', 'xxxxxxxxxxxxxxxxxxxxxxxx'), type: 'secret', enabled: true },
          { key: 'hmac_key', value: p('postman-env-secret', f.hex(64)), type: 'secret', enabled: true },
          { key: 'build', value: n('git-sha', f.hex(40)), type: 'default', enabled: true },
        ],
        _postman_variable_scope: 'environment',
        _postman_exported_at: '2025-03-14T09:27:10.002Z',
        _postman_exported_using: 'Postman/11.2.0',
      };
      return `${JSON.stringify(env, null, '\t')}\n`;
    },
    true,
  );

  file(
    'postman/workspace.postman_globals.json',
    (d, f) => {
      const { p } = d;
      const g = {
        id: f.uuid(),
        values: [
          { key: 'postmanApiKey', value: p('postman', f.postman()), enabled: true },
          {
            key: 'partnerSecret',
            value: p('postman-env-secret', f.mid('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 32)),
            type: 'secret',
            enabled: true,
          },
          { key: 'locale', value: 'en-GB', enabled: true },
        ],
        name: 'Globals',
        _postman_variable_scope: 'globals',
        _postman_exported_at: '2025-03-14T09:28:00.000Z',
        _postman_exported_using: 'Postman/11.2.0',
      };
      return `${JSON.stringify(g, null, '\t')}\n`;
    },
    true,
  );

  file(
    'postman/legacy-v2.0.postman_collection.json',
    (d, f) => {
      const { p, n } = d;
      const coll = {
        info: {
          name: 'Legacy billing',
          _postman_id: n('uuid', f.uuid()),
          schema: 'https://schema.getpostman.com/json/collection/v2.0.0/collection.json',
        },
        auth: { type: 'bearer', bearer: { token: p('postman-auth-secret', f.base64url(32)) } },
        item: [
          {
            name: 'Invoices',
            request: {
              auth: {
                type: 'basic',
                basic: { username: 'billing', password: p('postman-auth-secret', f.password(18)), showPassword: false },
              },
              url: '{{host}}/invoices',
              method: 'GET',
              header: [{ key: 'PRIVATE-TOKEN', value: p('gitlab-pat', f.gitlabPat()), description: '' }],
            },
          },
          {
            name: 'Login',
            request: {
              url: '{{host}}/login',
              method: 'POST',
              header: [{ key: 'Content-Type', value: 'application/json', description: '' }],
              body: { mode: 'raw', raw: JSON.stringify({ username: 'qa', password: '{{qaPassword}}' }) },
            },
          },
        ],
      };
      return `${JSON.stringify(coll, null, '\t')}\n`;
    },
    true,
  );

  // ----------------------------------------------------------------------------------- documents

  file('docs/api.md', (d, f) => {
    const { n } = d;
    return `# Orders API

Authenticate every request with a bearer token:

\`\`\`sh
curl -H "Authorization: Bearer ${n('placeholder-angle', '<token>')}" https://api.acme.test/v1/orders
curl -H "X-Api-Key: ${n('placeholder-your-key', 'YOUR_API_KEY')}" https://api.acme.test/v1/orders
\`\`\`

Tokens are JWTs; the one below is the sample from jwt.io, not a real token:

\`\`\`
${n('doc-example-jwt', JWT_IO_SAMPLE)}
\`\`\`

## Pagination

Lists return a cursor; pass it back as \`page_token\`:

\`\`\`json
{ "data": [], "next_page_token": "${n('pagination-token', f.base64(36))}" }
\`\`\`

## Idempotency

Send \`Idempotency-Key: ${n('uuid', f.uuid())}\` on every POST.

## Webhooks

Deliveries are signed: \`X-Signature: sha256=${n('hash-digest', f.hex(64))}\`.
`;
  });

  file('docs/setup.md', (d, f) => {
    const { n } = d;
    return `# Local setup

1. Configure AWS (the values below are AWS's documentation examples):

   \`\`\`ini
   [default]
   aws_access_key_id = ${n('doc-example-aws-key-id', AWS_DOC_KEY_ID)}
   aws_secret_access_key = ${n('doc-example-aws-secret', AWS_DOC_SECRET)}
   \`\`\`

2. Use Stripe's test key from their docs: \`${n('doc-example-stripe', STRIPE_DOC_KEY)}\`.

3. Point alerts at a Slack webhook, e.g. \`${n('doc-example-slack-webhook', SLACK_DOC_WEBHOOK)}\`.

4. Create a GitHub token (\`ghp_…\`) and export it: \`export GITHUB_TOKEN=${n('placeholder-angle', '<your-token>')}\`.

5. Set \`DB_PASSWORD=${n('placeholder-changeme', 'changeme')}\` for the local database.

6. Connect with \`psql ${n('connection-string-var-password', 'postgres://app:$DB_PASSWORD@localhost:5432/app')}\`.

The release is signed; check \`sha256sum\`: \`${n('hash-digest', f.hex(64))}  rampart.tgz\`.
Pinned commit: \`${n('git-sha', f.hex(40))}\`.
`;
  });

  file('docs/runbooks/shopify-sync.md', (d, f) => {
    const { p, n } = d;
    return `# Shopify sync runbook

When the nightly sync stalls, trigger it by hand:

\`\`\`sh
curl -X POST "https://acme-store.myshopify.com/admin/api/2024-07/graphql.json" \\
  -H "X-Shopify-Access-Token: ${p('shopify', f.shopifyAccess())}" \\
  -H "Content-Type: application/json" \\
  -d '{"query":"{ shop { name } }"}'
\`\`\`

The app's shared secret (for webhook HMACs) is \`${p('shopify', f.shopifyShared())}\`.

Ask #ops for access: the token in 1Password is \`${n('placeholder-angle', '<shopify-admin-token>')}\`.
Request id of the last failure: \`${n('uuid', f.uuid())}\`.
`;
  });

  file('README.md', (d, f) => {
    const { n } = d;
    return `# Acme orders platform

Services, infrastructure and tooling of the orders platform.

## Configuration

Copy \`deploy/.env.example\` to \`.env\` and set at least \`DATABASE_URL\` and \`OPENAI_API_KEY=${n('placeholder-your-key', 'your-api-key')}\`.

Secrets come from the environment (\`${n('env-reference', 'process.env.STRIPE_SECRET_KEY')}\`) or Vault (\`${n('vault-reference', '{{vault:secret/data/orders#stripe}}')}\`).

Example basic-auth URL for the local proxy: \`${n('placeholder-word', 'https://user:password@localhost:8443')}\`.

[![build](https://img.shields.io/badge/build-passing-green.svg)](https://ci.acme.test/orders/${n('git-sha', f.hex(40))})
`;
  });

  // ----------------------------------------------------------------------------------- key files

  file('keys/deploy_rsa', (d) => d.p('private-key-rsa', rsaDeploy.pkcs1));
  file('keys/service-account.key', (d) => d.p('private-key-pkcs8', rsaService.pkcs8));
  file('keys/signing-ec.pem', (d) => d.p('private-key-ec', ec.sec1));
  file('keys/id_ed25519', (d) => d.p('private-key-openssh', openSshPrivate(edDeploy, 'deploy@ci.acme.test', rng)));
  file('keys/id_ed25519.pub', (d) => `${d.n('ssh-public-key', openSshPublic(edDeploy, 'deploy@ci.acme.test'))}\n`);
  file('keys/release-signing.asc', (d) => d.p('private-key-pgp', pgpPrivate(edPgp, 'Acme Release <release@acme.test>', 1735689600)));
  file('keys/jwt-verify.pem', (d) => d.n('public-key', rsaJwt.publicPem));
  file('keys/api-gateway.crt', (d, f) => {
    const { n } = d;
    return `${n('certificate', selfSignedCert(rsaCa, 'api.acme.test', f.bytes(8)))}${n('certificate', selfSignedCert(rsaDeploy, 'Acme Corpus Root', f.bytes(8)))}`;
  });
  file('keys/README.md', (d) => {
    const { n } = d;
    return `# Keys

Public halves only belong here. The EC verification key:

\`\`\`
${n('public-key', ec2.publicPem.trimEnd())}
\`\`\`

The backup host's SSH key: \`${n('ssh-public-key', openSshPublic(edBackup, 'backup@acme.test'))}\`.
`;
  });

  file('config/tls/server.pem', (d) => {
    const { p, n } = d;
    return `${n('certificate', selfSignedCert(rsaService, 'orders.internal', Buffer.from('0102030405060708', 'hex')))}${p('private-key-ec', ec2.sec1)}`;
  });

  file(
    'config/gcp/service-account.json',
    (d, f) => {
      const { p, n } = d;
      const sa = {
        type: 'service_account',
        project_id: 'acme-orders-prod',
        // The key file is the secret: its key id (what to revoke) and its private key, on two lines.
        private_key_id: f.hex(40),
        private_key: p('gcp-service-account', rsaGcp.pkcs8, { linesBefore: 1 }),
        client_email: 'orders-exporter@acme-orders-prod.iam.gserviceaccount.com',
        client_id: n('public-identifier', f.digits(21)),
        auth_uri: 'https://accounts.google.com/o/oauth2/auth',
        token_uri: 'https://oauth2.googleapis.com/token',
        auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
        client_x509_cert_url:
          'https://www.googleapis.com/robot/v1/metadata/x509/orders-exporter%40acme-orders-prod.iam.gserviceaccount.com',
        universe_domain: 'googleapis.com',
      };
      return `${JSON.stringify(sa, null, 2)}\n`;
    },
    true,
  );

  file('config/age/keys.txt', (d, f) => {
    const { p } = d;
    return `# created: 2025-01-07T10:12:44Z
# public key: age1${f.str('qpzry9x8gf2tvdw0s3jn54khce6mua7l', 58)}
${p('age', f.age())}
`;
  });

  file('config/git-credentials', (d, f) => {
    const { p } = d;
    const gh = f.githubPat();
    const pw = f.urlPassword(20);
    return `${p('basic-auth-url', `https://ci-bot:${gh}@github.com`, { secret: gh })}
${p('basic-auth-url', `https://deployer:${pw}@git.acme.test`, { secret: pw })}
`;
  });

  file('.npmrc', (d, f) => {
    const { p } = d;
    return `registry=https://registry.npmjs.org/
//registry.npmjs.org/:_authToken=${p('npm-token', f.npm())}
@acme:registry=https://npm.pkg.github.com
//npm.pkg.github.com/:_authToken=${p('github-pat', f.githubPat())}
`;
  });

  file('web/.npmrc', (d) => {
    const { n } = d;
    return `//registry.npmjs.org/:_authToken=${n('variable-reference', '${NPM_TOKEN}')}
save-exact=true
`;
  });

  file('.pypirc', (d, f) => {
    const { p } = d;
    return `[distutils]
index-servers =
    pypi
    internal

[pypi]
username = __token__
password = ${p('pypi', f.pypi())}

[internal]
repository = https://pypi.acme.test/simple
username = ci
password = ${p('password', f.password(20))}
`;
  });

  // ------------------------------------------------------------------------------- more app code

  file('src/server/db.js', (d, f) => {
    const { p, n } = d;
    const atlas = f.urlPassword(24);
    const my = f.urlPassword(20);
    return `'use strict';

const { MongoClient } = require('mongodb');
const mysql = require('mysql2/promise');

const MONGO_URI = '${p('mongodb-uri', `mongodb+srv://orders-svc:${atlas}@cluster0.ab1cd.mongodb.net/orders?retryWrites=true&w=majority`, { secret: atlas })}';
const LOCAL_MONGO = '${n('connection-string-no-password', 'mongodb://localhost:27017/orders-test')}';

async function connect() {
  const client = new MongoClient(process.env.NODE_ENV === 'test' ? LOCAL_MONGO : MONGO_URI);
  await client.connect();
  return client.db();
}

const pool = mysql.createPool('${p('mysql-uri', `mysql://reporting:${my}@reporting-db.internal:3306/reporting`, { secret: my })}');

const knexConfig = {
  client: 'pg',
  connection: {
    host: 'orders-db.internal',
    user: 'orders',
    password: '${p('password', f.password(20))}',
    database: 'orders',
  },
};

const testConfig = { ...knexConfig, connection: { ...knexConfig.connection, password: ${n('env-reference', 'process.env.TEST_DB_PASSWORD')} } };

module.exports = { connect, pool, knexConfig, testConfig };
`;
  });

  file('src/server/queue.py', (d, f) => {
    const { p, n } = d;
    const mq = f.urlPassword(20);
    const api = f.urlPassword(24);
    return `import os

import pika
import requests

BROKER_URL = "${p('amqp-uri', `amqps://orders:${mq}@b-1234abcd.mq.eu-west-1.amazonaws.com:5671/orders`, { secret: mq })}"
LOCAL_BROKER = "${n('connection-string-no-password', 'amqp://guest@localhost:5672/')}"
INVENTORY_API = "${p('basic-auth-url', `https://inventory-sync:${api}@inventory.internal.acme.test/api/v2`, { secret: api })}"
MAILGUN_API_KEY = "${p('mailgun', f.mailgun())}"


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


API_TOKEN = ${n('env-reference', 'os.environ["INVENTORY_TOKEN"]')}


def describe(engine) -> str:
    # Never print the password: the URL is logged.
    return engine.url.render_as_string(${n('boolean-value', 'hide_password=True')})


def debug_url(engine) -> str:
    return engine.url.render_as_string(${n('boolean-value', 'hide_password=False')})


REQUIRE_PASSWORD = ${n('boolean-value', 'True')}
RESET_TOKEN = ${n('boolean-value', 'None')}
`;
  });

  file('src/server/metrics.go', (d, f) => {
    const { p, n } = d;
    const pw = f.urlPassword(22);
    return `package server

import "net/url"

// remoteWrite is where Prometheus samples go.
var remoteWrite = mustParse("${p('basic-auth-url', `https://metrics-writer:${pw}@prometheus.internal.acme.test/api/v1/write`, { secret: pw })}")

// docsExample shows the format in the README.
const docsExample = "${n('placeholder-word', 'https://user:password@example.com/api/v1/write')}"

var grafanaToken = "${p('grafana', f.grafana())}"

const localPushgateway = "${n('connection-string-no-password', 'http://localhost:9091')}"

func mustParse(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}
`;
  });

  file('src/server/cache.ts', (d, f) => {
    const { p, n } = d;
    const pw = f.urlPassword(32);
    return `import Redis from 'ioredis';

export const cache = new Redis('${p('redis-uri', `redis://default:${pw}@redis-12345.c1.eu-west-1-2.ec2.cloud.redislabs.com:12345`, { secret: pw })}');

export const sessions = new Redis(${n('env-reference', 'process.env.SESSION_REDIS_URL')} ?? '${n('connection-string-no-password', 'redis://localhost:6379/2')}');

export async function remember<T>(key: string, ttl: number, load: () => Promise<T>): Promise<T> {
  const hit = await cache.get(key);
  if (hit) return JSON.parse(hit) as T;
  const value = await load();
  await cache.set(key, JSON.stringify(value), 'EX', ttl);
  return value;
}
`;
  });

  file(
    'src/Ledger/appsettings.Production.json',
    (d, f) => {
      const { p, n } = d;
      const pw = f.password(24).replace(/[;=]/g, 'x');
      const settings = {
        Logging: { LogLevel: { Default: 'Information', 'Microsoft.AspNetCore': 'Warning' } },
        ConnectionStrings: {
          Ledger: p(
            'mssql',
            `Server=tcp:acme-ledger.database.windows.net,1433;Initial Catalog=ledger;Persist Security Info=False;User ID=ledger_admin;Password=${pw};MultipleActiveResultSets=False;Encrypt=True;`,
            { secret: pw },
          ),
          Audit: n('connection-string-no-password', 'Server=(localdb)\\mssqllocaldb;Database=audit;Trusted_Connection=True;'),
        },
        AzureAd: {
          Instance: 'https://login.microsoftonline.com/',
          TenantId: n('uuid', f.uuid()),
          ClientId: n('uuid', f.uuid()),
          ClientSecret: p('azure-ad-client-secret', f.azureAdClientSecret()),
        },
        AllowedHosts: '*',
      };
      return `${JSON.stringify(settings, null, 2)}\n`;
    },
    true,
  );

  file('src/Ledger/Notifications.cs', (d, f) => {
    const { p, n } = d;
    return `using System;
using System.Net.Http;
using Telegram.Bot;

namespace Acme.Ledger;

public static class Notifications
{
    // Telegram bot of the finance channel
    private const string TelegramBotToken = "${p('telegram', f.telegram())}";

    private static readonly string SendGridKey = ${n('env-reference', 'Environment.GetEnvironmentVariable("SENDGRID_API_KEY")')};

    private const string LegacyConnection = "${(() => {
      const pw = f.password(20).replace(/[;=]/g, 'x');
      return p('mssql', `Data Source=sql02.corp.acme.test;Initial Catalog=ledger_legacy;User Id=sa;Password=${pw};`, { secret: pw });
    })()}";

    public static TelegramBotClient Bot() => new(TelegramBotToken);
}
`;
  });

  file('src/integrations/ml.py', (d, f) => {
    const { p, n } = d;
    return `"""Clients of the ML platform."""
from huggingface_hub import InferenceClient
from openai import OpenAI

HF_TOKEN = "${p('huggingface', f.huggingface())}"
hf = InferenceClient(model="meta-llama/Llama-3.1-8B-Instruct", token=HF_TOKEN)

openai_client = OpenAI(api_key="${p('openai', f.openaiProject())}")

DATABRICKS = {
    "host": "https://dbc-a1b2c3d4-e5f6.cloud.databricks.com",
    "token": "${p('databricks', f.databricks())}",
}

# model revision pinned by commit
REVISION = "${n('git-sha', f.hex(40))}"
EMBEDDINGS_CACHE_KEY = "${n('hash-digest', f.hex(64))}"
`;
  });

  file('src/integrations/marketing.rb', (d, f) => {
    const { p, n } = d;
    return `# frozen_string_literal: true

require 'MailchimpMarketing'

module Marketing
  MAILCHIMP_API_KEY = '${p('mailchimp', f.mailchimp())}'
  SENDINBLUE_KEY = '${p('sendinblue', f.sendinblue())}'
  MAILGUN_KEY = ${n('env-reference', "ENV['MAILGUN_API_KEY']")}

  def self.client
    client = MailchimpMarketing::Client.new
    client.set_config(api_key: MAILCHIMP_API_KEY, server: MAILCHIMP_API_KEY.split('-').last)
    client
  end

  LIST_ID = '${n('public-identifier', f.hex(10))}'
end
`;
  });

  file('src/integrations/observability.ts', (d, f) => {
    const { p, n } = d;
    return `export const newRelic = {
  accountId: 3141592,
  userApiKey: '${p('newrelic', f.newrelic())}',
};

export const dynatrace = {
  url: 'https://abc12345.live.dynatrace.com',
  apiToken: '${p('dynatrace', f.dynatrace())}',
};

export const datadog = {
  site: 'datadoghq.eu',
  apiKey: ${n('env-reference', 'process.env.DD_API_KEY')},
  datadogAppKey: '${p('datadog', f.hex(40))}',
};

export const traceIdExample = '${n('public-identifier', f.hex(32))}';
`;
  });

  file('src/integrations/cloud.php', (d, f) => {
    const { p, n } = d;
    return `<?php

return [
    'alibaba' => [
        'access_key_id' => '${p('alibaba', f.alibaba())}',
        'region' => 'cn-hangzhou',
    ],
    'digitalocean' => [
        'token' => '${p('digitalocean', f.digitalocean())}',
    ],
    'heroku' => [
        'api_key' => '${p('heroku', f.heroku())}',
    ],
    'square' => [
        'access_token' => '${p('square', f.square())}',
        'environment' => 'production',
    ],
    'easypost' => [
        'api_key' => '${p('easypost', f.easypost())}',
    ],
    'mail' => [
        'password' => ${n('env-reference', "getenv('MAIL_PASSWORD')")},
    ],
];
`;
  });

  file('config/ci-tokens.toml', (d, f) => {
    const { p, n } = d;
    return `# Tokens used by the release tooling (to be moved to Vault: INFRA-2231)

[pulumi]
access_token = "${p('pulumi', f.pulumi())}"

[doppler]
service_token = "${p('doppler', f.doppler())}"

[vault]
addr = "https://vault.acme.test:8200"
token = "${p('vault', f.vault())}"

[planetscale]
service_token = "${p('planetscale', f.planetscale())}"

[prefect]
api_key = "${p('prefect', f.prefect())}"

[clojars]
deploy_token = "${p('clojars', f.clojars())}"

[gitlab]
runner_token = "${p('gitlab-runner', f.gitlabRunner())}"
trigger_token = "${p('gitlab-pipeline-trigger', f.gitlabTrigger())}"

[atlassian]
email = "release-bot@acme.test"
api_token = "${p('atlassian', f.atlassian())}"

[signing]
key_fingerprint = "${n('hash-digest', f.hex(40).toUpperCase())}"
`;
  });

  file('scripts/release.sh', (d, f) => {
    const { p, n } = d;
    return `#!/usr/bin/env bash
set -euo pipefail

# Tag and publish a release.
VERSION="$1"
GITLAB_TOKEN="${p('gitlab-pat', f.gitlabPat())}"
export PULUMI_ACCESS_TOKEN="${p('pulumi', f.pulumi())}"

curl --fail -X POST -H "PRIVATE-TOKEN: $GITLAB_TOKEN" \\
  "https://gitlab.acme.test/api/v4/projects/42/releases" \\
  -d "tag_name=v$VERSION"

curl --fail -H "Authorization: token ${n('variable-reference', '${GITHUB_TOKEN}')}" https://api.github.com/repos/acme/orders/releases
echo "checksum: $(sha256sum dist/orders.tgz)"  # expected ${n('hash-digest', f.hex(64))}
`;
  });

  file(
    'scripts/seed-users.json',
    (d, f) => {
      const { n } = d;
      const bcrypt = () => `$2b$12$${f.str('./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 53)}`;
      const argon = () => `$argon2id$v=19$m=65536,t=3,p=4$${f.base64(16).replace(/=+$/, '')}$${f.base64(32).replace(/=+$/, '')}`;
      const users = [
        { id: n('uuid', f.uuid()), email: 'ada@acme.test', password_hash: n('password-hash', bcrypt()), role: 'admin' },
        { id: n('uuid', f.uuid()), email: 'grace@acme.test', password_hash: n('password-hash', argon()), role: 'user' },
        { id: n('uuid', f.uuid()), email: 'linus@acme.test', password_hash: n('password-hash', bcrypt()), role: 'user' },
      ];
      return `${JSON.stringify(users, null, 2)}\n`;
    },
    true,
  );

  file('src/auth/jwt.ts', (d) => {
    const { p, n } = d;
    const token = jwtRs256(
      { iss: 'https://auth.acme.test', sub: 'reporting-batch', aud: 'orders-api', scope: 'orders:read reports:write', iat, exp: far },
      rsaJwt,
      'k-2025-03',
    );
    return `import { createPublicKey, verify } from 'node:crypto';

// Example token from jwt.io, only to show the format:
// ${n('doc-example-jwt', JWT_IO_SAMPLE)}

/** Long-lived token of the reporting batch (expires 2036): rotate with the auth team. */
const REPORTING_TOKEN = '${p('jwt', token)}';

export function reportingHeaders() {
  return { Authorization: \`Bearer \${REPORTING_TOKEN}\` };
}

export function verifyRs256(token: string, pem: string): boolean {
  const [h, b, s] = token.split('.');
  return verify('sha256', Buffer.from(\`\${h}.\${b}\`), createPublicKey(pem), Buffer.from(s, 'base64url'));
}

export const TOKEN_PREFIX = '${n('placeholder-masked', 'eyJhbGciOi...')}';
`;
  });

  file('src/auth/token-format.ts', (d, f) => {
    const { n } = d;
    return `/**
 * Tokens our validator must reject: right prefix and length, wrong CRC32 checksum (so they are not
 * GitHub or npm tokens, whatever they look like).
 */
export const REJECTED = [
  '${n('bad-checksum-github', f.githubBadChecksum())}',
  '${n('bad-checksum-github', f.githubBadChecksum())}',
  '${n('bad-checksum-npm', f.npmBadChecksum())}',
  '${n('bad-checksum-npm', f.npmBadChecksum())}',
];

export const MASKED_EXAMPLES = ['${n('placeholder-masked', 'ghp_************************************')}', '${n('placeholder-masked', 'sk_live_...')}'];
`;
  });

  file('src/api/pagination.ts', (d, f) => {
    const { n } = d;
    return `export interface Page<T> {
  data: T[];
  nextPageToken?: string;
}

// Recorded from the staging API for the contract tests.
export const recordedPage: Page<{ id: string }> = {
  data: [{ id: '${n('uuid', f.uuid())}' }, { id: '${n('uuid', f.uuid())}' }],
  nextPageToken: '${n('pagination-token', f.base64(48))}',
};

export const cursors = {
  after: '${n('pagination-token', Buffer.from(`order:${f.digits(12)}:${f.hex(16)}`).toString('base64'))}',
  continuationToken: '${n('pagination-token', f.base64url(40))}',
};

export const etag = 'W/"${n('etag', f.hex(32))}"';
export const correlationId = '${n('uuid', f.uuid())}';
`;
  });

  file('src/lib/hashing_test.go', (d, f) => {
    const { n } = d;
    return `package lib

import "testing"

var vectors = []struct{ in, sha256, sha1, md5 string }{
	{"hello", "${n('hash-digest', f.hex(64))}", "${n('hash-digest', f.hex(40))}", "${n('hash-digest', f.hex(32))}"},
	{"orders", "${n('hash-digest', f.hex(64))}", "${n('hash-digest', f.hex(40))}", "${n('hash-digest', f.hex(32))}"},
}

func TestDigests(t *testing.T) {
	for _, v := range vectors {
		if got := Sha256Hex(v.in); got != v.sha256 {
			t.Errorf("sha256(%q) = %s", v.in, got)
		}
	}
}
`;
  });

  file(
    'package-lock.json',
    (d, f) => {
      const { n } = d;
      const pkg = (name: string, version: string, integrity = `sha512-${f.base64(64)}`) => ({
        version,
        resolved: `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${version}.tgz`,
        integrity: n('lockfile-integrity', integrity),
        license: 'MIT',
      });
      const lock = {
        name: 'orders-web',
        version: '2.4.1',
        lockfileVersion: 3,
        requires: true,
        packages: {
          '': { name: 'orders-web', version: '2.4.1', dependencies: { express: '^4.21.0', ioredis: '^5.4.1' } },
          'node_modules/express': pkg('express', '4.21.2'),
          'node_modules/ioredis': pkg('ioredis', '5.4.1'),
          'node_modules/debug': pkg('debug', '4.3.7'),
          'node_modules/ms': pkg('ms', '2.1.3', `sha1-${f.base64(20)}`),
          'node_modules/cookie': pkg('cookie', '0.7.1'),
        },
      };
      return `${JSON.stringify(lock, null, 2)}\n`;
    },
    true,
  );

  file('public/index.html', (d, f) => {
    const { n } = d;
    return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Acme orders</title>
    <link rel="icon" href="${n('data-uri-image', `data:image/png;base64,${png(16, 16)}`)}" />
    <link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/bootstrap@5.3.3/dist/css/bootstrap.min.css" integrity="${n('sri-hash', `sha384-${f.base64(48)}`)}" crossorigin="anonymous" />
    <script src="https://cdn.jsdelivr.net/npm/htmx.org@2.0.2/dist/htmx.min.js" integrity="${n('sri-hash', `sha384-${f.base64(48)}`)}" crossorigin="anonymous"></script>
    <script src="/assets/app.${n('asset-hash', f.hex(8))}.js" integrity="${n('sri-hash', `sha256-${f.base64(32)}`)}" defer></script>
    <meta name="csrf-token" content="{{ csrf_token }}" />
  </head>
  <body>
    <img alt="logo" src="${n('data-uri-image', `data:image/png;base64,${png(24, 8)}`)}" />
    <main id="app"></main>
  </body>
</html>
`;
  });

  file(
    'web/dist/manifest.json',
    (d, f) => {
      const { n } = d;
      const m = {
        'index.html': { file: 'index.html', isEntry: true },
        'src/main.ts': {
          file: `assets/main-${n('asset-hash', f.base64url(6))}.js`,
          integrity: n('sri-hash', `sha384-${f.base64(48)}`),
          css: [`assets/main-${n('asset-hash', f.base64url(6))}.css`],
        },
        'src/vendor.ts': { file: `assets/vendor-${n('asset-hash', f.hex(8))}.js`, integrity: n('sri-hash', `sha384-${f.base64(48)}`) },
      };
      return `${JSON.stringify(m, null, 2)}\n`;
    },
    true,
  );

  file('assets/models/classifier.onnx', (d, f) => {
    const { n } = d;
    return `version https://git-lfs.github.com/spec/v1
oid ${n('git-lfs-oid', `sha256:${f.hex(64)}`)}
size 48213377
`;
  });

  file('ansible/group_vars/prod.yml', (d, f) => {
    const { n } = d;
    const blob = f.hex(320).replace(/.{80}/g, '$&\n          ').trimEnd();
    return `---
orders_db_user: orders
orders_db_password: ${n('template-variable', '"{{ vault_orders_db_password }}"')}
stripe_secret_key: !vault |
          ${n('encrypted-blob', `$ANSIBLE_VAULT;1.1;AES256\n          ${blob}`)}
api_token: ${n('encrypted-blob', `ENC[AES256_GCM,data:${f.base64(30)},iv:${f.base64(32)},tag:${f.base64(16)},type:str]`)}
smtp_password: ${n('vault-reference', '"{{vault:secret/data/smtp#password}}"')}
password_min_length: 14
`;
  });

  file('openapi/orders.yaml', (d, f) => {
    const { p, n } = d;
    return `openapi: 3.1.0
info:
  title: Orders API
  version: 2.4.0
servers:
  - url: https://api.acme.test/v1
components:
  securitySchemes:
    bearerAuth:
      type: http
      scheme: bearer
      bearerFormat: JWT
    squareToken:
      type: apiKey
      in: header
      name: X-Square-Token
  schemas:
    Credentials:
      type: object
      properties:
        username:
          type: string
        password:
          type: string
          ${n('password-schema', 'format: password')}
          minLength: 12
        api_key:
          type: string
          example: ${n('placeholder-angle', '<api-key>')}
    Order:
      type: object
      properties:
        id:
          type: string
          format: uuid
          example: ${n('uuid', f.uuid())}
paths:
  /orders/sync:
    post:
      security:
        - squareToken: []
      parameters:
        - name: X-Square-Token
          in: header
          required: true
          schema:
            type: string
          example: ${p('square', f.square())}
      responses:
        "202":
          description: accepted
`;
  });

  // ------------------------------------------------------- second instances, in other file types

  file('deploy/.env.ci', (d, f) => {
    const { p, n } = d;
    const saJson = JSON.stringify({
      type: 'service_account',
      project_id: 'acme-ci',
      private_key_id: f.hex(40),
      private_key: rsaCi.pkcs8,
      client_email: 'ci@acme-ci.iam.gserviceaccount.com',
    });
    return `# CI runner environment
CI=true
GOOGLE_PRIVATE_KEY="${p('private-key-pkcs8', rsaCi2.pkcs8.replace(/\n/g, '\\n'), { secret: rsaCi2.pkcs8.replace(/\n/g, '\\n') })}"
GOOGLE_CREDENTIALS_B64=${p('gcp-service-account', Buffer.from(saJson).toString('base64'))}
LINEAR_API_KEY=${p('linear', f.linear())}
CLOUDFLARE_API_TOKEN=${p('cloudflare', f.mid('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', 40))}
TFE_TOKEN=${p('terraform-cloud', f.terraformCloud())}
GEM_HOST_API_KEY=${p('rubygems', f.rubygems())}
DOPPLER_TOKEN=${p('doppler', f.doppler())}
VAULT_TOKEN=${p('vault', f.vault())}
PLANETSCALE_SERVICE_TOKEN=${p('planetscale', f.planetscale())}
PREFECT_API_KEY=${p('prefect', f.prefect())}
CLOJARS_DEPLOY_TOKEN=${p('clojars', f.clojars())}
CI_JOB_TOKEN=${n('variable-reference', '$CI_JOB_TOKEN')}
CI_COMMIT_SHA=${n('git-sha', f.hex(40))}
`;
  });

  file('config/vendors.yaml', (d, f) => {
    const { p, n } = d;
    const my = f.urlPassword(22);
    const key = f.azureStorageKey();
    return `# Third-party services used by the back office
github:
  app_installation_token: ${p('github-app-token', f.githubApp())}
  oauth_token: ${p('github-oauth', f.githubOauth())}
  user_to_server_token: ${p('github-user-token', f.githubUser())}
  refresh_token: ${p('github-refresh-token', f.githubRefresh())}
  fine_grained: ${p('github-fine-grained-pat', f.githubFineGrained())}
  webhook_secret: ${n('variable-reference', '${GITHUB_WEBHOOK_SECRET}')}
slack:
  bot_token: ${p('slack-bot-token', f.slackBot())}
  app_token: ${p('slack-app-token', f.slackApp())}
  user_token: ${p('slack-user-token', f.slackUser())}
twilio:
  account_sid: ${n('twilio-account-sid', f.twilioAccountSid())}
  api_key: ${p('twilio-api-key', f.twilioApiKey())}
azure:
  storage: "${p('azure-storage-key', `DefaultEndpointsProtocol=https;AccountName=acmebackoffice;AccountKey=${key};EndpointSuffix=core.windows.net`, { secret: key })}"
  client_secret: ${p('azure-ad-client-secret', f.azureAdClientSecret())}
  tenant_id: ${n('uuid', f.uuid())}
reporting_db: ${p('mysql-uri', `mysql://backoffice:${my}@backoffice-db.internal:3306/backoffice`, { secret: my })}
mail:
  mailgun_api_key: ${p('mailgun', f.mailgun())}
  mailchimp_api_key: ${p('mailchimp', f.mailchimp())}
  sendinblue_api_key: ${p('sendinblue', f.sendinblue())}
observability:
  grafana_token: ${p('grafana', f.grafana())}
  new_relic_key: ${p('newrelic', f.newrelic())}
  dynatrace_token: ${p('dynatrace', f.dynatrace())}
  sentry_release: ${n('git-sha', f.hex(40))}
`;
  });

  file('src/integrations/vendors.go', (d, f) => {
    const { p, n } = d;
    return `package integrations

// Credentials of the vendor sandbox accounts, checked in by mistake (see SEC-118).
var vendorKeys = map[string]string{
	"alibaba":      "${p('alibaba', f.alibaba())}",
	"digitalocean": "${p('digitalocean', f.digitalocean())}",
	"heroku":       "${p('heroku', f.heroku())}",
	"easypost":     "${p('easypost', f.easypost())}",
	"atlassian":    "${p('atlassian', f.atlassian())}",
	"gitlab_runner": "${p('gitlab-runner', f.gitlabRunner())}",
	"gitlab_trigger": "${p('gitlab-pipeline-trigger', f.gitlabTrigger())}",
	"twilio_sid":   "${n('twilio-account-sid', f.twilioAccountSid())}",
	"request_id":   "${n('uuid', f.uuid())}",
}

const ageIdentity = "${p('age', f.age())}"

// etag of the vendor catalogue we last imported
const catalogueETag = "${n('etag', f.hex(32))}"
`;
  });

  file('infra/k8s/tls-secret.yaml', (d) => {
    const { p, n } = d;
    const indent = (pem: string) => pem.trimEnd().replace(/^/gm, '    ');
    const key = indent(rsaTls.pkcs1);
    return `apiVersion: v1
kind: Secret
metadata:
  name: orders-tls
  namespace: orders
type: kubernetes.io/tls
stringData:
  tls.crt: |
${n('certificate', indent(selfSignedCert(rsaTls, 'orders.acme.test', Buffer.from('a1b2c3d4e5f60718', 'hex'))))}
  tls.key: |
${p('private-key-rsa', key)}
`;
  });

  file('ansible/roles/deploy/defaults/main.yml', (d) => {
    const { p, n } = d;
    const indent = (pem: string) => pem.trimEnd().replace(/^/gm, '  ');
    const key = indent(openSshPrivate(edAnsible, 'ansible@acme.test', rng));
    return `---
deploy_user: deploy
deploy_authorized_key: "${n('ssh-public-key', openSshPublic(edAnsible, 'ansible@acme.test'))}"
deploy_private_key: |
${p('private-key-openssh', key)}
deploy_known_hosts_hash: ${n('hash-digest', 'SHA256:' + Buffer.from(rng.bytes(32)).toString('base64').replace(/=+$/, ''))}
`;
  });

  file('.github/workflows/sign.yml', (d, f) => {
    const { p, n } = d;
    const indent = (pem: string) => pem.trimEnd().replace(/^/gm, '          ');
    const key = indent(pgpPrivate(edPgp2, 'Acme CI <ci@acme.test>', 1735689600));
    return `name: sign
on: workflow_dispatch
jobs:
  sign:
    runs-on: ubuntu-latest
    env:
      GPG_PASSPHRASE: ${n('actions-secret-reference', '${{ secrets.GPG_PASSPHRASE }}')}
      GPG_PRIVATE_KEY: |
${p('private-key-pgp', key)}
    steps:
      - uses: actions/checkout@${n('git-sha', f.hex(40))}
      - run: echo "$GPG_PRIVATE_KEY" | gpg --batch --import
`;
  });

  file('src/auth/session.py', (d, f) => {
    const { p, n } = d;
    return `import jwt

# Shared with the mobile app for offline tests; the jwt.io example below is harmless.
EXAMPLE = "${n('doc-example-jwt', JWT_IO_SAMPLE)}"
SERVICE_TOKEN = "${p('jwt', serviceJwt())}"
SIGNING_KEY_ID = "${n('uuid', f.uuid())}"
PASSWORD_RESET_TTL = 3600
LEGACY_TOKEN = "${n('placeholder-masked', '<redacted>')}"


def decode(token: str, key: str) -> dict:
    return jwt.decode(token, key, algorithms=["RS256", "HS256"], audience="orders-api")
`;
  });

  file('web/src/legacy/options.js', (d) => {
    const { n } = d;
    return `// Option parsing of the legacy CLI: credential words inside ordinary identifiers.
const passport = require('passport');
const { Tokenizer } = require('./tokenizer');

class Options {
  constructor(passThrough, tokens) {
    ${n('keyword-in-identifier', 'this._passThroughOptions = !!passThrough;')}
    ${n('keyword-in-identifier', 'this.tokenizer = new Tokenizer(tokens);')}
    ${n('keyword-in-identifier', 'this.secretary = passport.authenticate(this.strategyName);')}
    ${n('keyword-in-identifier', "this.bypassTokenCheck = process.argv.includes('--no-verify');")}
  }
}

${n('keyword-in-identifier', "const keyPressHandler = (event) => event.key === 'Enter';")}
${n('keyword-in-identifier', 'const passwordInput = document.querySelector(\'input[type="password"]\');')}
${n('keyword-in-identifier', 'const tokenCount = text.split(/\\s+/).length;')}

module.exports = { Options, keyPressHandler, passwordInput, tokenCount };
`;
  });

  file('web/src/legacy/analytics.js', (d, f) => {
    const { n } = d;
    return `// Analytics bootstrap (public identifiers only)
window.dataLayer = window.dataLayer || [];
const MEASUREMENT_ID = '${n('public-identifier', `G-${f.str('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10)}`)}';
const SESSION_NONCE = crypto.randomUUID();
const BUILD = '${n('git-sha', f.hex(40))}';
const SPRITE = '${n('data-uri-image', `data:image/png;base64,${png(12, 12)}`)}';
const FONT_HASH = '${n('hash-digest', `sha384-${f.base64(48)}`)}';
export const config = { MEASUREMENT_ID, SESSION_NONCE, BUILD, SPRITE, FONT_HASH };
`;
  });

  return out;
}

// ---------------------------------------------------------------------------------- file helpers

function code(count: number, source: string[], outputs: object[]) {
  return { cell_type: 'code', execution_count: count, id: `cell-${count}`, metadata: {}, source, outputs };
}

function md(...source: string[]) {
  return { cell_type: 'markdown', id: `md-${source[0].length}`, metadata: {}, source };
}

function stream(text: string[]) {
  return { output_type: 'stream', name: 'stdout', text };
}

function notebook(cells: object[]): string {
  const nb = {
    cells,
    metadata: {
      kernelspec: { display_name: 'Python 3 (ipykernel)', language: 'python', name: 'python3' },
      language_info: { name: 'python', version: '3.12.4' },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
  return `${JSON.stringify(nb, null, 1)}\n`;
}

const PNG_CRC = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crcBytes(b: Buffer): number {
  let c = 0xffffffff;
  for (const x of b) c = PNG_CRC[(c ^ x) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crcBytes(td));
  return Buffer.concat([len, td, crc]);
}

/** A small valid PNG of random-looking pixels (incompressible: a high-entropy base64 string). */
function tinyPng(f: Fakes, w: number, h: number): string {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const rows: Buffer[] = [];
  for (let y = 0; y < h; y++) rows.push(Buffer.concat([Buffer.from([0]), f.bytes(w * 3)]));
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return png.toString('base64');
}

// ------------------------------------------------------------------------------------------ main

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(FILES_DIR, p).split('\\').join('/'));
    }
  };
  if (statSync(dir, { throwIfNoEntry: false })?.isDirectory()) walk(dir);
  return out.sort();
}

export function labelsJson(files: CorpusFile[]): string {
  const labels = files.flatMap((f) => f.labels);
  return `${JSON.stringify(labels, null, 1)}\n`;
}

/** Writes a corpus under `dir` (`files/` and `labels.json`), replacing what was there. */
export function writeCorpus(files: CorpusFile[], dir: string): number {
  const filesDir = join(dir, 'files');
  rmSync(filesDir, { recursive: true, force: true });
  let bytes = 0;
  for (const f of files) {
    const path = join(filesDir, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.text);
    bytes += Buffer.byteLength(f.text);
  }
  writeFileSync(join(dir, 'labels.json'), labelsJson(files));
  return bytes;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

function main() {
  const check = process.argv.includes('--check');
  const seed = arg('--seed') ?? DEFAULT_SEED;
  const out = arg('--out');
  if (seed !== DEFAULT_SEED && !out) {
    console.error('--seed needs --out DIR (the committed corpus uses the default seed)');
    process.exit(2);
  }
  const files = buildCorpus(seed);
  const labels = files.flatMap((f) => f.labels);
  if (check) {
    const problems: string[] = [];
    const onDisk = new Set(listFiles(FILES_DIR));
    for (const f of files) {
      onDisk.delete(f.path);
      const path = join(FILES_DIR, f.path);
      const text = statSync(path, { throwIfNoEntry: false }) ? readFileSync(path, 'utf8') : undefined;
      if (text !== f.text) problems.push(`differs: ${f.path}`);
    }
    for (const extra of onDisk) problems.push(`not generated: ${extra}`);
    if (readFileSync(LABELS_FILE, 'utf8') !== labelsJson(files)) problems.push('differs: labels.json');
    if (problems.length) {
      console.error(problems.join('\n'));
      process.exit(1);
    }
    console.log(`corpus up to date: ${files.length} files, ${labels.length} labels`);
    return;
  }
  const bytes = writeCorpus(files, out ?? CORPUS_DIR);
  const pos = labels.filter((l) => l.positive);
  const neg = labels.filter((l) => !l.positive);
  const kinds = (ls: Label[]) => new Set(ls.map((l) => l.kind)).size;
  console.log(
    `wrote ${files.length} files (${(bytes / 1024).toFixed(0)} KB): ${pos.length} secrets of ${kinds(pos)} kinds, ${neg.length} hard negatives of ${kinds(neg)} kinds`,
  );
  // Every planted secret is unique (a scanner that reports it twice is not rewarded twice).
  const dup = new Map<string, number>();
  for (const l of pos) dup.set(l['secret-sha256'], (dup.get(l['secret-sha256']) ?? 0) + 1);
  const dups = [...dup.values()].filter((v) => v > 1).length;
  if (dups) console.warn(`warning: ${dups} secrets planted more than once`);
}

if (import.meta.main) main();

export { sha256hex };
