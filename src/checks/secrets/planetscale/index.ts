/**
 * PlanetScale credentials (https://planetscale.com/docs/concepts/service-tokens): service tokens
 * `pscale_tkn_`, OAuth tokens `pscale_oauth_` and database branch passwords `pscale_pw_`.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { B64URL, fake, rules } from '../_kit/kit.ts';

const tkn = `pscale_${'tkn'}_${fake(B64URL, 43, 'ps-tkn')}`;
const oauth = `pscale_${'oauth'}_${fake(B64URL, 43, 'ps-oauth')}`;
const pw = `pscale_${'pw'}_${fake(B64URL, 43, 'ps-pw')}`;

const orgSettings = "in the PlanetScale dashboard (Organization settings > Service tokens, or the database's Passwords page)";

const list: SecretRule[] = [
  {
    id: 'planetscale-api-token',
    title: 'PlanetScale service token',
    provider: 'PlanetScale',
    severity: 'high',
    confidence: 'high',
    keywords: ['pscale_tkn_'],
    pattern: /(?<![\w-])(?<secret>pscale_tkn_[\w=.-]{32,64})(?![\w=.-])/,
    minEntropy: 3.5,
    remediation: `Delete the service token ${orgSettings} and create one with only the database access it needs.`,
    samples: {
      tp: [{ text: `PLANETSCALE_SERVICE_TOKEN=${tkn}`, secret: tkn }],
      fp: ['PLANETSCALE_SERVICE_TOKEN=pscale_tkn_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  },
  {
    id: 'planetscale-oauth-token',
    title: 'PlanetScale OAuth token',
    provider: 'PlanetScale',
    severity: 'high',
    confidence: 'high',
    keywords: ['pscale_oauth_'],
    pattern: /(?<![\w-])(?<secret>pscale_oauth_[\w=.-]{32,64})(?![\w=.-])/,
    minEntropy: 3.5,
    remediation: `Revoke the OAuth application's access ${orgSettings.replace('Service tokens', 'OAuth applications')}.`,
    samples: {
      tp: [{ text: `{"access_token": "${oauth}"}`, secret: oauth }],
      fp: ['"access_token": "pscale_oauth_<token>"'],
    },
  },
  {
    id: 'planetscale-password',
    title: 'PlanetScale database password',
    provider: 'PlanetScale',
    severity: 'high',
    confidence: 'high',
    keywords: ['pscale_pw_'],
    pattern: /(?<![\w-])(?<secret>pscale_pw_[\w=.-]{32,64})(?![\w=.-])/,
    minEntropy: 3.5,
    remediation: `Delete the password ${orgSettings} and create a new one for the application.`,
    samples: {
      tp: [{ text: `DATABASE_URL=mysql://app:${pw}@aws.connect.psdb.cloud/shop?sslaccept=strict`, secret: pw }],
      fp: ['DATABASE_PASSWORD=pscale_pw_****************'],
    },
  },
];

export default rules(list);
