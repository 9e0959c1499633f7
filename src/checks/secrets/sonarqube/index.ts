/**
 * SonarQube and SonarCloud tokens (https://docs.sonarsource.com/sonarqube-server/latest/user-guide/managing-tokens/):
 * user `squ_`, project analysis `sqp_` and global analysis `sqa_` tokens (+ 40 hex), and the older
 * unprefixed 40-hex tokens next to `sonar.login` / `SONAR_TOKEN`.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { actionsRef, named } from '../_infra/util.ts';
import { ci, fake, HEX, rules } from '../_kit/kit.ts';

const revoke =
  'Revoke the token in SonarQube/SonarCloud (My Account > Security > Tokens, or Administration for project and global tokens) and create one with an expiry.';

const token = `sq${'u'}_${fake(HEX, 40, 'sonar-u')}`;
const analysis = `sq${'p'}_${fake(HEX, 40, 'sonar-p')}`;
const legacy = fake(HEX, 40, 'sonar-legacy');

const list: SecretRule[] = [
  {
    id: 'sonarqube-token',
    title: 'SonarQube user or analysis token',
    provider: 'SonarSource',
    severity: 'high',
    confidence: 'high',
    keywords: ['squ_', 'sqp_', 'sqa_'],
    pattern: /(?<![\w-])(?<secret>sq[upa]_[a-f0-9]{40})(?![\w-])/,
    minEntropy: 3,
    remediation: revoke,
    samples: {
      tp: [
        { text: `SONAR_TOKEN=${token}`, secret: token },
        { text: `mvn sonar:sonar -Dsonar.token=${analysis}`, secret: analysis },
      ],
      fp: ['SONAR_TOKEN=squ_<token>', `sqp_${fake(HEX, 20, 'sonar-short')}`],
    },
  },
  {
    id: 'sonar-api-token',
    title: 'SonarQube token (unprefixed format)',
    provider: 'SonarSource',
    severity: 'high',
    confidence: 'medium',
    keywords: ['sonar'],
    pattern: named(`${ci('sonar')}[_.-]?(?:${ci('login')}|${ci('token')}|${ci('auth')}[_.-]?${ci('token')})`, '[a-f0-9]{40}'),
    minEntropy: 3,
    remediation: revoke,
    samples: {
      tp: [{ text: `sonar.login=${legacy}`, secret: legacy }],
      fp: [`SONAR_TOKEN: ${actionsRef('SONAR_TOKEN')}`, `sonar.scm.revision=${fake(HEX, 40, 'sonar-rev')}`],
    },
  },
];

export default rules(list);
