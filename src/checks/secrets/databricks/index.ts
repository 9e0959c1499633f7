/**
 * Databricks personal access tokens (https://docs.databricks.com/en/dev-tools/auth/pat.html): `dapi` + 32
 * hex, sometimes with a `-<digit>` suffix (Azure Databricks).
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { fake, HEX, rules } from '../_kit/kit.ts';

const pat = `da${'pi'}${fake(HEX, 32, 'databricks')}`;
const patAzure = `da${'pi'}${fake(HEX, 32, 'databricks-2')}-3`;

const list: SecretRule[] = [
  {
    id: 'databricks-api-token',
    title: 'Databricks personal access token',
    provider: 'Databricks',
    severity: 'high',
    confidence: 'high',
    keywords: ['dapi'],
    pattern: /(?<![\w-])(?<secret>dapi[a-f0-9]{32}(?:-\d)?)(?![\w-])/,
    minEntropy: 3,
    remediation:
      'Revoke the token in the workspace (User settings > Developer > Access tokens, or the admin token management page) and prefer OAuth machine-to-machine credentials for automation.',
    samples: {
      tp: [
        { text: `DATABRICKS_TOKEN=${pat}`, secret: pat },
        { text: `token = "${patAzure}"`, secret: patAzure },
      ],
      fp: ['DATABRICKS_TOKEN=dapiXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', `rapid${fake(HEX, 32, 'db-rapid')}`],
    },
  },
];

export default rules(list);
