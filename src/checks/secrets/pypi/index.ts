/**
 * PyPI and TestPyPI API tokens (https://pypi.org/help/#apitoken): macaroons `pypi-` + base64url that
 * begins with the encoded location (`pypi.org` or `test.pypi.org`).
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { B64URL, fake, rules } from '../_kit/kit.ts';

const token = `py${'pi'}-AgEIcHlwaS5vcmc${fake(B64URL, 160, 'pypi')}`;
const test = `py${'pi'}-AgENdGVzdC5weXBpLm9yZw${fake(B64URL, 160, 'testpypi')}`;

const list: SecretRule[] = [
  {
    id: 'pypi-upload-token',
    title: 'PyPI API token',
    provider: 'PyPI',
    severity: 'critical',
    confidence: 'high',
    keywords: ['pypi-ageichlwas5vcmc', 'pypi-agendgvzdc5wexbplm9yzw'],
    pattern: /(?<![\w-])(?<secret>pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[\w-]{50,1000})(?![\w-])/,
    minEntropy: 4,
    remediation:
      "Remove the token on PyPI (Account settings > API tokens, https://pypi.org/manage/account/token/), check the project's release history for uploads you did not make, and use trusted publishing (OIDC) from CI.",
    samples: {
      tp: [
        { text: `[pypi]\n  username = __token__\n  password = ${token}`, secret: token },
        { text: `TWINE_PASSWORD=${test}`, secret: test },
      ],
      fp: ['password = pypi-AgEIcHlwaS5vcmc...', 'TWINE_PASSWORD=pypi-<token>'],
    },
  },
];

export default rules(list);
