/**
 * Telegram bot tokens (also inside `https://api.telegram.org/bot<token>/` URLs): the bot id, `:`, then 35 characters starting with `AA`
 * (https://core.telegram.org/bots/api#authorizing-your-bot). The token printed in Telegram's own
 * documentation is no secret.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { B64URL, DIGITS, fake, rules } from '../_kit/kit.ts';

const token = '7' + fake(DIGITS, 9, 'tg-id') + ':AA' + fake(B64URL, 33, 'tg-secret').replace(/[-_]$/, 'k');

const list: SecretRule[] = [
  {
    id: 'telegram-bot-token',
    title: 'Telegram bot token',
    provider: 'Telegram',
    severity: 'high',
    confidence: 'high',
    keywords: [':aa'],
    pattern: /(?<![0-9])(?<secret>[0-9]{8,10}:AA[A-Za-z0-9_-]{33})(?![\w-])/,
    minEntropy: 3.5,
    allow: [/^110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw$/],
    remediation:
      'Revoke it with @BotFather (/revoke, then pick the bot), which issues a new token, and load that one from the environment.',
    samples: {
      tp: [
        { text: `TELEGRAM_BOT_TOKEN=${token}`, secret: token },
        { text: `https://api.telegram.org/bot${token}/sendMessage`, secret: token },
      ],
      fp: [
        // The example token of Telegram's documentation.
        'https://api.telegram.org/bot110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/getMe',
        'TELEGRAM_BOT_TOKEN=123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11',
        'time 12:34:56:AA',
      ],
    },
  },
];

export default rules(list);
