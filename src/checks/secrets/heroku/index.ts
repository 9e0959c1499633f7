/**
 * Heroku Platform API keys and OAuth tokens: the current format `HRKU-AA` + 58 characters
 * (https://devcenter.heroku.com/articles/authentication), and the older UUIDs, reported only next to a
 * Heroku name that says key, token or secret (a bare UUID is an id far more often than a key).
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { named } from '../_infra/util.ts';
import { B64URL, ci, fake, fakeUuid, rules } from '../_kit/kit.ts';

const revoke =
  "Regenerate the API key (Account settings > API Key > Regenerate, https://dashboard.heroku.com/account) or revoke the authorization (heroku authorizations:revoke), then check the account's activity for deploys and config changes you did not make.";

const v2 = `HR${'KU'}-AA${fake(B64URL, 58, 'heroku-v2')}`;
const legacy = fakeUuid('heroku-legacy');

const list: SecretRule[] = [
  {
    id: 'heroku-api-key',
    title: 'Heroku API key or OAuth token',
    provider: 'Heroku',
    severity: 'high',
    confidence: 'high',
    keywords: ['hrku-aa'],
    pattern: /(?<![\w-])(?<secret>HRKU-AA[0-9A-Za-z_-]{58})(?![\w-])/,
    minEntropy: 4,
    remediation: revoke,
    samples: {
      tp: [{ text: `HEROKU_API_KEY=${v2}`, secret: v2 }],
      fp: ['HEROKU_API_KEY=HRKU-AA<token>', `HRKU-AA${fake(B64URL, 40, 'heroku-short')}`],
    },
  },
  {
    id: 'heroku-api-key-legacy',
    title: 'Heroku API key (UUID format)',
    provider: 'Heroku',
    severity: 'high',
    confidence: 'medium',
    keywords: ['heroku'],
    pattern: named(
      `${ci('heroku')}[\\w.-]{0,24}?(?:${ci('key')}|${ci('token')}|${ci('secret')}|${ci('password')})`,
      '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}',
    ),
    minEntropy: 3,
    remediation: revoke,
    samples: {
      tp: [
        { text: `HEROKU_API_KEY=${legacy}`, secret: legacy },
        { text: `config.heroku.apiToken = "${legacy}";`, secret: legacy },
      ],
      fp: [`HEROKU_APP_ID=${fakeUuid('heroku-app')}`, 'HEROKU_API_KEY=00000000-0000-0000-0000-000000000000', 'HEROKU_API_KEY=<api-key>'],
    },
  },
];

export default rules(list);
