/**
 * Discord (https://discord.com/developers/docs/reference#authentication): bot tokens are the base64 of
 * the bot's user id, a base64 timestamp and an HMAC, joined by dots; webhook URLs
 * `https://discord.com/api/webhooks/<id>/<token>`; OAuth2 client secrets (32 characters) are recognised
 * by their name. Application public keys (64 hex) are public and are not reported.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { assigned, B64URL, DIGITS, fake, rules } from '../_kit/kit.ts';

const ALNUMU = B64URL.replace(/[-_]/g, '');

/**
 * The base64 of 17 to 20 ASCII digits: each three digits (0x30-0x39) encode as [MNO][DTjz][AEIMQUYcgk][w-z0-5],
 * and one or two trailing digits as [MNO][AQgw] or [MNO][DTjz][AEIMQUYcgk] (padding dropped).
 */
const THREE_DIGITS_B64 = '[MNO][DTjz][AEIMQUYcgk][w-z0-5]';
const LAST_DIGITS_B64 = '(?:[MNO][AQgw]|[MNO][DTjz][AEIMQUYcgk])?';
const userId = (seed: string) => Buffer.from('1' + fake(DIGITS, 18, seed)).toString('base64url');
const bot = userId('dc-bot') + '.' + fake(ALNUMU, 6, 'dc-ts') + '.' + fake(ALNUMU, 38, 'dc-hmac');
const botOld = userId('dc-bot-old').slice(0, 24) + '.' + fake(ALNUMU, 6, 'dc-ts2') + '.' + fake(ALNUMU, 27, 'dc-hmac2');
const hookToken = fake(B64URL, 68, 'dc-hook').replace(/[-_]$/, 'Q');
const hook = 'https://discord.com/api/webhooks/' + '1' + fake(DIGITS, 18, 'dc-hook-id') + '/' + hookToken;
const hookOld =
  'https://discordapp.com/api/webhooks/' + '4' + fake(DIGITS, 17, 'dc-hook-id2') + '/' + fake(B64URL, 68, 'dc-hook2').replace(/[-_]$/, 'Q');
const clientSecret = fake(B64URL, 32, 'dc-secret').replace(/^[-_]/, 'a').replace(/[-_]$/, 'z');

const list: SecretRule[] = [
  {
    id: 'discord-bot-token',
    title: 'Discord bot token',
    provider: 'Discord',
    severity: 'high',
    confidence: 'high',
    // Selective enough to run on any text: the first part is the base64 of the bot's decimal user id, and
    // base64 of ASCII digits follows a fixed shape, four characters per three digits.
    keywords: [],
    // That is `(?<![\w.-])(?:THREE_DIGITS_B64){5,6}LAST_DIGITS_B64\.…` with the look-behind moved after the
    // first character: a pattern that starts with a character class is scanned for it, a third faster
    // (on log text this rule runs on every batch).
    pattern: new RegExp(
      String.raw`(?<secret>[MNO](?<![\w.-][MNO])[DTjz][AEIMQUYcgk][w-z0-5](?:${THREE_DIGITS_B64}){4,5}${LAST_DIGITS_B64}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38})(?![\w.-])`,
    ),
    minEntropy: 4,
    // The example token of Discord's API reference (Authorization: Bot …), copied into many projects.
    allow: [/^MTk4NjIyNDgzNDcxOTI1MjQ4\.Cl2FMQ\.ZnCjm1XVW7vRze4b7Cq4se7kKWs$/],
    remediation:
      'Reset the token at https://discord.com/developers/applications > your app > Bot > Reset Token (Discord also resets tokens it finds in public repositories), then load it from the environment.',
    samples: {
      tp: [
        { text: `client.run('${bot}')`, secret: bot },
        { text: `BOT_TOKEN=${botOld}`, secret: botOld },
        { text: `DISCORD_TOKEN=${botOld}`, secret: botOld },
      ],
      fp: [
        'Authorization: Bot MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs',
        // Three base64 parts whose first one does not decode to digits.
        `TOKEN=${fake(ALNUMU, 24, 'not-digits')}.${fake(ALNUMU, 6, 'nd2')}.${fake(ALNUMU, 27, 'nd3')}`,
        'DISCORD_TOKEN=your-bot-token-here',
        'discord: MTIzNDU2Nzg5MDEyMzQ1Njc4.XXXXXX.XXXXXXXXXXXXXXXXXXXXXXXXXXX',
      ],
    },
  },
  {
    id: 'discord-webhook-url',
    title: 'Discord webhook URL',
    provider: 'Discord',
    severity: 'medium',
    confidence: 'high',
    keywords: ['discord'],
    pattern:
      /(?<secret>https:\/\/(?:(?:ptb|canary)\.)?discord(?:app)?\.com\/api\/(?:v[0-9]{1,2}\/)?webhooks\/[0-9]{17,20}\/[A-Za-z0-9_-]{60,68})(?![\w-])/,
    minEntropy: 4,
    remediation:
      'Anyone with the URL can post into the channel: delete the webhook (Server Settings > Integrations > Webhooks) and create a new one kept in a secret store.',
    samples: {
      tp: [
        { text: `DISCORD_WEBHOOK=${hook}`, secret: hook },
        { text: `requests.post("${hookOld}", json=payload)`, secret: hookOld },
      ],
      fp: [
        'https://discord.com/api/webhooks/{webhook.id}/{webhook.token}',
        'https://discord.com/api/webhooks/123456789012345678/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      ],
    },
  },
  {
    id: 'discord-client-secret',
    title: 'Discord OAuth2 client secret',
    provider: 'Discord',
    severity: 'high',
    confidence: 'medium',
    keywords: ['discord'],
    pattern: assigned({ names: ['discord'], qualifiers: ['secret'], value: '[A-Za-z0-9_-]{32}' }),
    minEntropy: 3.5,
    remediation:
      'Reset the secret at https://discord.com/developers/applications > your app > OAuth2 > Reset Secret, and load it from the environment.',
    samples: {
      tp: [{ text: `DISCORD_CLIENT_SECRET=${clientSecret}`, secret: clientSecret }],
      fp: [
        `DISCORD_CLIENT_ID=${'1' + fake(DIGITS, 17, 'dc-cid')}`,
        `DISCORD_PUBLIC_KEY=${fake('0123456789abcdef', 64, 'dc-pk')}`,
        `CLIENT_SECRET=${clientSecret}`,
      ],
    },
  },
];

export default rules(list);
