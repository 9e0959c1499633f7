/**
 * NuGet credentials: nuget.org API keys (46 characters beginning `oy2`, with fixed character classes at
 * fixed positions, as published in Microsoft.Security.Utilities) and passwords written into
 * `NuGet.Config` (`<add key="ClearTextPassword" value="…"/>`, or `Password` encrypted for one machine).
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, fake, LOWNUM, rules } from '../_kit/kit.ts';

const key = `oy${'2'}a${fake(LOWNUM, 15, 'nuget-1')}a${fake(LOWNUM, 11, 'nuget-2')}e7a${fake(LOWNUM, 11, 'nuget-3')}q`;
const password = fake(ALNUM, 24, 'nuget-password');

const list: SecretRule[] = [
  {
    id: 'nuget-api-key',
    title: 'NuGet.org API key',
    provider: 'NuGet',
    severity: 'critical',
    confidence: 'high',
    keywords: ['oy2'],
    pattern: /(?<![0-9a-z])(?<secret>oy2[a-p][0-9a-z]{15}[aq][0-9a-z]{11}[eu][bdfhjlnprtvxz357][a-p][0-9a-z]{11}[aeimquy4])(?![0-9a-z])/,
    minEntropy: 3.5,
    remediation:
      'Delete or regenerate the key on nuget.org (API Keys, https://www.nuget.org/account/apikeys), check the packages it could push, and use trusted publishing or a key scoped to one package with an expiry.',
    samples: {
      tp: [{ text: `dotnet nuget push app.nupkg --api-key ${key} --source https://api.nuget.org/v3/index.json`, secret: key }],
      fp: [`--api-key oy2${fake(LOWNUM, 43, 'nuget-random')}`, '--api-key %NUGET_API_KEY%'],
    },
  },
  {
    id: 'nuget-config-password',
    title: 'Password in a NuGet.Config file',
    provider: 'NuGet',
    severity: 'high',
    confidence: 'high',
    keywords: ['password"'],
    pattern: /<add\s{1,5}key\s{0,3}=\s{0,3}"(?:ClearText)?Password"\s{1,5}value\s{0,3}=\s{0,3}"(?<secret>[^"\s]{6,500})"/,
    minEntropy: 2.5,
    remediation:
      'Change the password or revoke the token at the feed that issued it, and let NuGet read it from the environment (`%FEED_PASSWORD%`) or a credential provider instead of the config file.',
    samples: {
      tp: [
        {
          text: `<packageSourceCredentials>\n  <contoso>\n    <add key="Username" value="ci" />\n    <add key="ClearTextPassword" value="${password}" />\n  </contoso>\n</packageSourceCredentials>`,
          secret: password,
        },
      ],
      fp: ['<add key="ClearTextPassword" value="%NUGET_FEED_PASSWORD%" />', '<add key="ClearTextPassword" value="changeme" />'],
    },
  },
];

export default rules(list);
