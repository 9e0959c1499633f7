/**
 * npm registry credentials (https://docs.npmjs.com/about-access-tokens): access tokens `npm_` + 30 random
 * base62 characters + a 6-character base62 CRC32 (checked, as for GitHub tokens); and what `.npmrc` files
 * hold for any registry: `_authToken=` (legacy UUID tokens, other registries' tokens) and `_auth=`
 * (base64 of `user:password`).
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { basicAuthValid, varRef } from '../_infra/util.ts';
import { ALNUM, fake, fakeUuid, rules } from '../_kit/kit.ts';
import { crc32Base62Valid, makeCrc32Token } from '../_shared/checksum.ts';

const revoke =
  'Revoke the token on npmjs.com (Access Tokens, https://www.npmjs.com/settings/~/tokens, or `npm token revoke`), check the packages it could publish for versions you did not release, and use granular tokens or trusted publishing (OIDC) in CI.';
const npmrc = `Revoke the token or change the password at the registry that issued it, and write \`.npmrc\` files with \`${varRef('NPM_TOKEN')}\`-style references to the environment instead of the value.`;

const token = makeCrc32Token('npm', fake(ALNUM, 30, 'npm-token'));
const badToken = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
const legacy = fakeUuid('npm-legacy');
const basic = btoa(`ci-bot:${fake(ALNUM, 20, 'npm-basic')}`);

const list: SecretRule[] = [
  {
    id: 'npm-access-token',
    title: 'npm access token',
    provider: 'npm',
    severity: 'critical',
    confidence: 'high',
    keywords: ['npm_'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>npm_[A-Za-z0-9]{36})(?![A-Za-z0-9_])/,
    validate: crc32Base62Valid,
    remediation: revoke,
    samples: {
      tp: [
        { text: `//registry.npmjs.org/:_authToken=${token}`, secret: token },
        { text: `NPM_TOKEN: "${token}"`, secret: token },
      ],
      fp: [`NPM_TOKEN=${badToken}`, `npm_${'x'.repeat(36)}`, 'const npm_config_user_agent_string_value = 1'],
    },
  },
  {
    id: 'npmrc-auth-token',
    title: 'Registry token in an .npmrc file',
    provider: 'npm',
    severity: 'high',
    confidence: 'high',
    keywords: ['_authtoken'],
    // npm_ tokens are the rule above's.
    pattern: /:?_authToken[ \t]{0,3}=[ \t]{0,3}["']?(?<secret>(?!npm_)[A-Za-z0-9._~+/=-]{20,500})(?![A-Za-z0-9._~+/=-])/,
    minEntropy: 3.5,
    // SCREAMING_SNAKE names and "your … here" are placeholders, not tokens.
    allow: [/^[A-Z0-9_]+$/, /your|here/i],
    remediation: npmrc,
    samples: {
      tp: [
        { text: `//registry.npmjs.org/:_authToken=${legacy}`, secret: legacy },
        { text: `//npm.pkg.example.com/:_authToken="${fake(ALNUM, 48, 'npmrc-other')}"`, secret: fake(ALNUM, 48, 'npmrc-other') },
      ],
      fp: [
        `//registry.npmjs.org/:_authToken=${varRef('NPM_TOKEN')}`,
        '//registry.npmjs.org/:_authToken=YOUR_NPM_TOKEN_GOES_HERE',
        `_authToken=${token}`,
      ],
    },
  },
  {
    id: 'npmrc-basic-auth',
    title: 'Registry user and password in an .npmrc file',
    provider: 'npm',
    severity: 'high',
    confidence: 'high',
    keywords: ['_auth'],
    pattern: /:?_auth[ \t]{0,3}=[ \t]{0,3}["']?(?<secret>[A-Za-z0-9+/]{8,400}={0,2})(?![A-Za-z0-9+/=])/,
    validate: basicAuthValid,
    remediation: npmrc,
    samples: {
      tp: [{ text: `registry=https://nexus.example.com/repository/npm/\n_auth=${basic}\nalways-auth=true`, secret: basic }],
      fp: [`_auth=${varRef('NPM_AUTH')}`, `_auth=${btoa('no-colon-here')}`],
    },
  },
];

export default rules(list);
