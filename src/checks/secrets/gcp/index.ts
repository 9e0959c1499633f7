/**
 * Google Cloud and Firebase credentials.
 *
 * - API keys: `AIza` + 35 characters (https://cloud.google.com/docs/authentication/api-keys). Some are
 *   meant for browsers (Maps, Firebase web config), but only if restricted; they still bill the project.
 * - OAuth client secrets: `GOCSPX-` + 28 characters (the format since 2021), OAuth access tokens `ya29.`
 *   and refresh tokens `1//0…` (https://developers.google.com/identity/protocols/oauth2).
 * - Service-account key files: the JSON Google generates (`"type": "service_account"`, `project_id`,
 *   `private_key_id`, `private_key`, in that order). The private key itself is PEM (the private-key rules
 *   see it); this rule names the file for what it is and reports its key id, which is what the console
 *   lists for deletion.
 * - Firebase Cloud Messaging legacy server keys: `AAAA` + 7 characters `:APA91b` + 134 characters.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { varRef } from '../_infra/util.ts';
import { ALNUM, B64URL, fake, HEX, rules } from '../_kit/kit.ts';

const apiKey = `AI${'za'}Sy${fake(B64URL, 33, 'gcp-api')}`;
const apiKey2 = `AI${'za'}Sy${fake(B64URL, 33, 'gcp-api-2')}`;
const clientSecret = `GOC${'SPX'}-${fake(B64URL, 28, 'gcp-oauth')}`;
const access = `ya${'29'}.a0A${fake(B64URL, 150, 'gcp-ya29')}`;
const refresh = `1//0${'g'}${fake(B64URL, 98, 'gcp-refresh')}`;
const keyId = fake(HEX, 40, 'gcp-sa-kid');
const saJson = `{
  "type": "service_account",
  "project_id": "contoso-prod-4711",
  "private_key_id": "${keyId}",
  "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEv…\\n-----END PRIVATE KEY-----\\n",
  "client_email": "deployer@contoso-prod-4711.iam.gserviceaccount.com"
}`;
const fcm = `AAAA${fake(B64URL, 7, 'fcm-1')}:APA91b${fake(B64URL, 134, 'fcm-2')}`;

const Q = String.raw`\\{0,3}"`;
const SEP = String.raw`\s{0,3}:\s{0,3}`;
const NEXT = String.raw`\s{0,3},\s{0,24}`;

const credentials = 'https://console.cloud.google.com/apis/credentials (APIs & Services > Credentials)';

const list: SecretRule[] = [
  {
    id: 'gcp-api-key',
    title: 'Google API key',
    provider: 'Google Cloud',
    severity: 'high',
    confidence: 'high',
    keywords: ['aiza'],
    pattern: /(?<![\w-])(?<secret>AIza[\w-]{35})(?![\w-])/,
    minEntropy: 4,
    remediation: `Regenerate or delete the key at ${credentials}; a key that must ship in a browser or app needs application and API restrictions, and a quota.`,
    samples: {
      tp: [
        { text: `const firebaseConfig = { apiKey: "${apiKey}", authDomain: "contoso.firebaseapp.com" };`, secret: apiKey },
        { text: `https://maps.googleapis.com/maps/api/geocode/json?address=Paris&key=${apiKey2}`, secret: apiKey2 },
      ],
      fp: [
        'apiKey: "AIzaSyXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"',
        'key=AIzaSyabcdefghijklmnopqrstuvwxyz1234567',
        `AIza${fake(B64URL, 34, 'gcp-short')}`,
        `GOOGLE_API_KEY=${varRef('GOOGLE_API_KEY')}`,
      ],
    },
  },
  {
    id: 'gcp-oauth-client-secret',
    title: 'Google OAuth client secret',
    provider: 'Google Cloud',
    severity: 'high',
    confidence: 'high',
    keywords: ['gocspx-'],
    pattern: /(?<![\w-])(?<secret>GOCSPX-[\w-]{28})(?![\w-])/,
    minEntropy: 3.5,
    remediation: `Reset the secret of the OAuth client at ${credentials} (the client > Reset secret / add a new secret and disable the old one).`,
    samples: {
      tp: [{ text: `{"web":{"client_id":"1234-abc.apps.googleusercontent.com","client_secret":"${clientSecret}"}}`, secret: clientSecret }],
      fp: ['GOOGLE_CLIENT_SECRET=GOCSPX-xxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'client_secret: GOCSPX-<secret>'],
    },
  },
  {
    id: 'gcp-service-account-key',
    title: 'Google Cloud service-account key file',
    provider: 'Google Cloud',
    severity: 'critical',
    confidence: 'high',
    keywords: ['service_account'],
    pattern: new RegExp(
      `${Q}type${Q}${SEP}${Q}service_account${Q}${NEXT}${Q}project_id${Q}${SEP}${Q}[^"\\n]{1,100}?${Q}${NEXT}` +
        `${Q}private_key_id${Q}${SEP}${Q}(?<secret>[a-f0-9]{40})${Q}(?=${NEXT}${Q}private_key${Q}${SEP}${Q}-----BEGIN)`,
    ),
    remediation:
      'Delete the key in the console (IAM & Admin > Service accounts > the account > Keys, by its key id), check the audit logs for its use, and replace key files with workload identity federation or attached service accounts.',
    samples: {
      tp: [
        { text: saJson, secret: keyId },
        { text: `GOOGLE_CREDENTIALS='${saJson.replace(/\n\s*/g, ' ').replace(/"/g, '\\"')}'`, secret: keyId },
      ],
      fp: [
        '{"type": "service_account", "project_id": "demo", "private_key_id": "<key id>", "private_key": "-----BEGIN PRIVATE KEY-----\\n…"}',
        `{"type": "service_account", "project_id": "demo", "private_key_id": "${fake(HEX, 40, 'gcp-redacted')}", "private_key": "REDACTED"}`,
        '{"type": "authorized_user", "client_id": "x", "client_secret": "y"}',
      ],
    },
  },
  {
    id: 'gcp-oauth-access-token',
    title: 'Google OAuth access token',
    provider: 'Google Cloud',
    severity: 'medium',
    confidence: 'high',
    keywords: ['ya29.'],
    pattern: /(?<![\w.-])(?<secret>ya29\.[\w-]{30,2048})(?![\w-])/,
    minEntropy: 4,
    remediation:
      'Access tokens expire after about an hour; revoke it now (https://oauth2.googleapis.com/revoke?token=…) and find out how it reached the file: tokens belong in memory, not in code.',
    samples: {
      tp: [{ text: `curl -H "Authorization: Bearer ${access}" https://www.googleapis.com/drive/v3/files`, secret: access }],
      fp: ['Authorization: Bearer ya29.<access-token>', 'token = "ya29.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"'],
    },
  },
  {
    id: 'gcp-oauth-refresh-token',
    title: 'Google OAuth refresh token',
    provider: 'Google Cloud',
    severity: 'high',
    confidence: 'medium',
    keywords: ['1//0'],
    pattern: /(?<![\w/:.-])(?<secret>1\/\/0[\w-]{60,250})(?![\w-])/,
    minEntropy: 4,
    remediation:
      'Revoke the grant (https://myaccount.google.com/permissions for a user, or https://oauth2.googleapis.com/revoke?token=…), then issue a new one and keep it in a secret store.',
    samples: {
      tp: [{ text: `{"refresh_token": "${refresh}", "token_uri": "https://oauth2.googleapis.com/token"}`, secret: refresh }],
      fp: ['"refresh_token": "1//0<refresh-token>"', `path = "file:///1//0${fake(ALNUM, 70, 'gcp-path')}"`],
    },
  },
  {
    id: 'firebase-cloud-messaging-server-key',
    title: 'Firebase Cloud Messaging legacy server key',
    provider: 'Google Firebase',
    severity: 'high',
    confidence: 'high',
    keywords: [':apa91b'],
    pattern: /(?<![\w-])(?<secret>AAAA[\w-]{7}:APA91b[\w-]{134})(?![\w-])/,
    minEntropy: 4,
    remediation:
      'Delete the server key in the Firebase console (Project settings > Cloud Messaging) and move to the HTTP v1 API with short-lived OAuth tokens from a service account.',
    samples: {
      tp: [{ text: `Authorization: key=${fcm}`, secret: fcm }],
      fp: [`"registration_id": "${fake(B64URL, 22, 'fcm-dev')}:APA91b${fake(B64URL, 134, 'fcm-dev2')}"`],
    },
  },
];

export default rules(list);
