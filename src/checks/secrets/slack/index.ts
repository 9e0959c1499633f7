/**
 * Slack tokens (https://api.slack.com/concepts/token-types, https://api.slack.com/authentication/rotation):
 * bot `xoxb-`, user `xoxp-`, app-level `xapp-`, rotating configuration tokens `xoxe.xoxb-`/`xoxe.xoxp-`
 * and their refresh tokens `xoxe-`, legacy workspace `xoxa-`/`xoxr-` and legacy `xoxo-`/`xoxs-` tokens;
 * incoming webhooks `https://hooks.slack.com/services/T…/B…/…` and workflow/trigger webhooks. Slack's
 * documentation webhook (`T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX`) is no secret.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, DIGITS, fake, HEX, rules, UPNUM } from '../_kit/kit.ts';

const tokenRevoke =
  'Revoke it (auth.revoke, or reinstall the app / regenerate the token at https://api.slack.com/apps > your app > OAuth & Permissions), check the workspace access logs, and load the new token from the environment.';
const hookRevoke =
  'Anyone with the URL can post into the channel: remove the webhook (https://api.slack.com/apps > your app > Incoming Webhooks, or the workflow trigger) and create a new one kept in a secret store.';

const d = (n: number, seed: string) => String(1 + Math.floor(Number(`0.${fake(DIGITS, 8, seed)}`) * 8)) + fake(DIGITS, n - 1, seed + 'd');
const bot = 'xoxb-' + d(12, 'sb1') + '-' + d(13, 'sb2') + '-' + fake(ALNUM, 24, 'sb3');
const legacyBot = 'xoxb-' + d(11, 'slb1') + '-' + fake(ALNUM, 24, 'slb2');
const user = 'xoxp-' + d(12, 'su1') + '-' + d(12, 'su2') + '-' + d(13, 'su3') + '-' + fake(HEX, 32, 'su4');
const app = 'xapp-1-A' + fake(UPNUM, 10, 'sa1') + '-' + d(13, 'sa2') + '-' + fake(HEX, 64, 'sa3');
const config = 'xoxe.xoxp-1-' + fake(ALNUM, 163, 'sc1');
const refresh = 'xoxe-1-' + fake(ALNUM, 146, 'sr1');
const workspace = 'xoxa-2-' + fake(ALNUM, 40, 'sw1');
const legacy = 'xoxs-' + d(10, 'sl1') + '-' + d(11, 'sl2') + '-' + d(12, 'sl3') + '-' + fake(HEX, 64, 'sl4');
const hook = 'https://hooks.slack.com/services/T' + fake(UPNUM, 8, 'sh1') + '/B' + fake(UPNUM, 10, 'sh2') + '/' + fake(ALNUM, 24, 'sh3');
const trigger = 'https://hooks.slack.com/triggers/T' + fake(UPNUM, 8, 'st1') + '/' + d(13, 'st2') + '/' + fake(HEX, 32, 'st3');
const workflow =
  'https://hooks.slack.com/workflows/T' +
  fake(UPNUM, 8, 'sf1') +
  '/A' +
  fake(UPNUM, 10, 'sf2') +
  '/' +
  d(18, 'sf3') +
  '/' +
  fake(ALNUM, 24, 'sf4');

/** The bot token of Slack's OAuth documentation (oauth.v2.access example response), copied into many tests. */
const SLACK_DOC_TOKENS = [/^xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy$/];

function token(
  id: string,
  title: string,
  keywords: string[],
  pattern: RegExp,
  tp: string[],
  fp: string[],
  severity: SecretRule['severity'] = 'high',
): SecretRule {
  return {
    id,
    title,
    provider: 'Slack',
    severity,
    confidence: 'high',
    keywords,
    pattern,
    minEntropy: 3,
    allow: SLACK_DOC_TOKENS,
    remediation: tokenRevoke,
    samples: { tp: tp.map((t, i) => ({ text: i % 2 ? `"token": "${t}"` : `SLACK_TOKEN=${t}`, secret: t })), fp },
  };
}

const list: SecretRule[] = [
  token(
    'slack-bot-token',
    'Slack bot token',
    ['xoxb-'],
    /\b(?<secret>xoxb-[0-9]{8,14}-(?:[0-9]{8,14}-)?[A-Za-z0-9]{18,34})(?![\w-])/,
    [bot, legacyBot],
    [
      '"access_token": "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy"',
      'SLACK_BOT_TOKEN=xoxb-your-token',
      'xoxb-0000000000-0000000000000-xxxxxxxxxxxxxxxxxxxxxxxx',
      'SLACK_BOT_TOKEN=xoxb-...',
    ],
  ),
  token(
    'slack-user-token',
    'Slack user token',
    ['xoxp-'],
    /\b(?<secret>xoxp-(?:[0-9]{8,14}-){3}[A-Za-z0-9]{28,34})(?![\w-])/,
    [user],
    ['xoxp-1234-5678-abcd', 'SLACK_USER_TOKEN=xoxp-<token>'],
  ),
  token(
    'slack-app-token',
    'Slack app-level token',
    ['xapp-'],
    /\b(?<secret>xapp-[0-9]-[A-Z0-9]{8,12}-[0-9]{10,14}-[A-Za-z0-9]{32,80})(?![\w-])/,
    [app],
    ['SLACK_APP_TOKEN=xapp-1-...', 'xapp-1-A00000000-0000000000000-0000000000000000000000000000000000000000000000000000000000000000'],
  ),
  token(
    'slack-config-token',
    'Slack rotating configuration or access token',
    ['xoxe.xox'],
    /\b(?<secret>xoxe\.xox[bp]-[0-9]-[A-Za-z0-9]{150,180})(?![\w-])/,
    [config],
    ['xoxe.xoxp-1-abc'],
  ),
  token(
    'slack-refresh-token',
    'Slack token-rotation refresh token',
    ['xoxe-'],
    /\b(?<secret>xoxe-[0-9]-[A-Za-z0-9]{140,160})(?![\w-])/,
    [refresh],
    ['xoxe-1-xxxxxxxx'],
  ),
  token(
    'slack-workspace-token',
    'Slack legacy workspace app token',
    ['xoxa-', 'xoxr-'],
    /\b(?<secret>xox[ar]-(?:[0-9]-)?[0-9A-Za-z]{8,48})(?![\w-])/,
    [workspace],
    ['xoxa-xxxxxxxxxx', 'xoxr-<refresh>'],
  ),
  token(
    'slack-legacy-token',
    'Slack legacy token',
    ['xoxo-', 'xoxs-'],
    /\b(?<secret>xox[os]-[0-9]{1,20}-[0-9]{1,20}-[0-9]{1,20}-[0-9a-f]{20,64})(?![\w-])/,
    [legacy],
    ['xoxs-0-0-0-ffffffffffffffffffffffff'],
  ),
  {
    id: 'slack-webhook-url',
    title: 'Slack incoming webhook URL',
    provider: 'Slack',
    severity: 'medium',
    confidence: 'high',
    keywords: ['hooks.slack.com/services/'],
    pattern: /(?<secret>https?:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{8,12}\/B[A-Z0-9]{8,12}\/[A-Za-z0-9]{23,25})(?![A-Za-z0-9])/,
    minEntropy: 3,
    remediation: hookRevoke,
    samples: {
      tp: [
        { text: `SLACK_WEBHOOK_URL=${hook}`, secret: hook },
        { text: `curl -X POST -H 'Content-type: application/json' --data '{"text":"hi"}' ${hook}`, secret: hook },
      ],
      fp: [
        // Slack's own documentation webhook.
        'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
        'https://hooks.slack.com/services/TXXXXXXXX/BXXXXXXXX/XXXXXXXXXXXXXXXXXXXXXXXX',
        'https://hooks.slack.com/services/<workspace>/<channel>/<token>',
      ],
    },
  },
  {
    id: 'slack-workflow-webhook-url',
    title: 'Slack workflow or trigger webhook URL',
    provider: 'Slack',
    severity: 'medium',
    confidence: 'high',
    keywords: ['hooks.slack.com/workflows/', 'hooks.slack.com/triggers/'],
    pattern:
      /(?<secret>https?:\/\/hooks\.slack\.com\/(?:workflows|triggers)\/T[A-Z0-9]{8,12}\/(?:A[A-Z0-9]{8,12}\/)?[0-9]{10,20}\/[A-Za-z0-9]{20,40})(?![A-Za-z0-9])/,
    minEntropy: 3,
    remediation: hookRevoke,
    samples: {
      tp: [
        { text: `webhook: ${trigger}`, secret: trigger },
        { text: `"url": "${workflow}"`, secret: workflow },
      ],
      fp: [
        'https://hooks.slack.com/triggers/T00000000/0000000000000/00000000000000000000000000000000',
        'https://hooks.slack.com/workflows/T0/A0/1/x',
      ],
    },
  },
];

export default rules(list);
