/**
 * AWS credentials. Access key ids carry documented prefixes
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids):
 * `AKIA` long-term keys, `ASIA` temporary (STS) keys, `ABIA` STS service bearer tokens, `ACCA`
 * context-specific credentials, followed by 16 base32 characters. The secret access key is 40 base64
 * characters with no prefix at all, so it is reported only where something says what it is:
 *
 * - `aws-secret-access-key`: a name on the same line (`aws_secret_access_key = …`, `"SecretAccessKey": …`,
 *   `AWS_SECRET_KEY: …`), the way the CLI config, the SDKs, STS output and `.env` files write it;
 * - `aws-credential-pair`: an access key id followed, within 160 characters (a CSV row of the console's
 *   `credentials.csv`, two constructor arguments, two adjacent lines), by a 40-character value with
 *   upper- and lowercase letters. The secret is what is reported, as critical: with the id next to it the
 *   pair is a working credential.
 *
 * A 40-character value with no name and no key id before it is left alone (git SHAs, base64 digests and
 * random ids have that shape too). The documentation's `AKIAIOSFODNN7EXAMPLE` /
 * `wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY` pair is never reported.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { mixedCase, varRef } from '../_infra/util.ts';
import { assigned, B64, fake, HEX, rules, UPPER } from '../_kit/kit.ts';

const B32 = `${UPPER}234567`;
const KEY_ID = `(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}`;
const SECRET = '[A-Za-z0-9/+]{40}';
const DOC = [/EXAMPLE/];

const iam =
  'Deactivate and delete the access key in the IAM console (IAM > Users > Security credentials > Access keys, https://console.aws.amazon.com/iam/home#/security_credentials), check CloudTrail for its use, and replace it with a role, IAM Identity Center (SSO) or a key loaded from the environment or a secret manager.';

const keyId = `${'AK'}IA${fake(B32, 16, 'aws-akia')}`;
const stsId = `${'AS'}IA${fake(B32, 16, 'aws-asia')}`;
const secret = fake(`${B64}`, 40, 'aws-secret-1');
const secret2 = fake(`${B64}`, 40, 'aws-secret-2');
const b64 = (s: string) => btoa(s);
const sessionToken = `IQoJb3JpZ2luX2Vj${fake(B64, 420, 'aws-session')}`;
const bedrockLong = `AB${'SK'}${b64(`BedrockAPIKey-${fake('abcdefghijklmnopqrstuvwxyz0123456789', 4, 'br1')}-at-${fake('0123456789', 12, 'br2')}:${fake(B64, 60, 'br3')}`)}`;
const presigned = `bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${stsId}%2F20250101%2Fus-east-1%2Fbedrock%2Faws4_request&X-Amz-Date=20250101T000000Z&X-Amz-Expires=43200&X-Amz-Security-Token=${fake(B64, 120, 'br4')}&X-Amz-Signature=${fake(HEX, 64, 'br5')}&X-Amz-SignedHeaders=host&Version=1`;
const bedrockShort = `bedrock-api-key-${b64(presigned)}`;

const list: SecretRule[] = [
  {
    id: 'aws-access-key-id',
    title: 'AWS access key id',
    provider: 'AWS',
    severity: 'high',
    confidence: 'high',
    keywords: ['akia', 'asia', 'abia', 'acca'],
    pattern: new RegExp(`(?<![A-Za-z0-9])(?<secret>${KEY_ID})(?![A-Za-z0-9])`),
    minEntropy: 3,
    allow: DOC,
    remediation: `The id alone does not sign requests, but its secret key is usually nearby or in the history. ${iam}`,
    samples: {
      tp: [
        { text: `aws_access_key_id = ${keyId}`, secret: keyId },
        { text: `{"AccessKeyId": "${stsId}", "Expiration": "2030-01-01T00:00:00Z"}`, secret: stsId },
      ],
      fp: [
        'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
        'key = AKIAXXXXXXXXXXXXXXXX',
        // 0, 1, 8 and 9 are not base32: a near miss.
        'id: AKIA1234567890ABCDEF',
        'TODAYINASIAASACKOFRICEFELLOVER',
        'arn:aws:iam::123456789012:user/AIDACKCEVSQ6C2EXAMPLE',
      ],
    },
  },
  {
    id: 'aws-secret-access-key',
    title: 'AWS secret access key',
    provider: 'AWS',
    severity: 'critical',
    confidence: 'high',
    keywords: ['secret'],
    pattern: assigned({
      names: [
        'secret_access_key',
        'secret-access-key',
        'secret.access.key',
        'secretaccesskey',
        'aws_secret',
        'aws-secret',
        'aws.secret',
        'awssecret',
      ],
      value: SECRET,
    }),
    minEntropy: 4,
    validate: mixedCase,
    allow: DOC,
    remediation: iam,
    samples: {
      tp: [
        { text: `aws_secret_access_key = ${secret}`, secret },
        { text: `export AWS_SECRET_ACCESS_KEY="${secret2}"`, secret: secret2 },
        { text: `    "SecretAccessKey": "${secret}",`, secret },
        { text: `s3 = boto3.client("s3", aws_access_key_id=key_id, aws_secret_access_key='${secret2}')`, secret: secret2 },
        { text: `AWS_SECRET_KEY: ${secret}`, secret },
      ],
      fp: [
        'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        `AWS_SECRET_ACCESS_KEY=${varRef('AWS_SECRET_ACCESS_KEY')}`,
        'aws_secret_access_key: "{{ vault_aws_secret }}"',
        // A SHA-1: right length, one case only.
        'aws_secret_access_key = 4c3b0d9a7e1f2a6b8c5d0e9f1a2b3c4d5e6f7a8b',
        'AWS_SECRET_ACCESS_KEY=process.env.AWS_SECRET_ACCESS_KEY',
      ],
    },
  },
  {
    id: 'aws-credential-pair',
    title: 'AWS access key id with its secret access key',
    provider: 'AWS',
    severity: 'critical',
    confidence: 'high',
    keywords: ['akia', 'asia', 'abia', 'acca'],
    pattern: new RegExp(
      String.raw`(?<![A-Za-z0-9])${KEY_ID}(?![A-Za-z0-9])[\s\S]{1,160}?(?<![A-Za-z0-9/+=])(?<secret>${SECRET})(?![A-Za-z0-9/+=])`,
    ),
    minEntropy: 4,
    validate: mixedCase,
    allow: DOC,
    remediation: iam,
    samples: {
      tp: [
        { text: `User name,Password,Access key ID,Secret access key\nci-deploy,,${keyId},${secret}`, secret },
        { text: `new AWS.Credentials('${keyId}', '${secret2}');`, secret: secret2 },
        { text: `[default]\nregion = eu-west-1\nkey = ${keyId}\nsig = ${secret}\n`, secret },
      ],
      fp: [
        'AKIAIOSFODNN7EXAMPLE,wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        `${keyId} commit 4c3b0d9a7e1f2a6b8c5d0e9f1a2b3c4d5e6f7a8b`,
        `${keyId}: ${fake(`${B64}`, 41, 'aws-too-long')}`,
      ],
    },
  },
  {
    id: 'aws-session-token',
    title: 'AWS temporary session token',
    provider: 'AWS',
    severity: 'high',
    confidence: 'high',
    keywords: ['iqojb3jpz2lux2vj', 'fwogzxivyxdze', 'fqogzxivyxdze'],
    pattern: /(?<![A-Za-z0-9+/])(?<secret>(?:IQoJb3JpZ2luX2Vj|FwoGZXIvYXdzE|FQoGZXIvYXdzE)[A-Za-z0-9+/]{100,3000}={0,2})(?![A-Za-z0-9+/=])/,
    minEntropy: 4,
    remediation:
      'Session credentials expire (one hour to a few days), but until then they act as the role: revoke its active sessions (IAM > Roles > the role > Revoke sessions) and find out how they were written to a file.',
    samples: {
      tp: [{ text: `aws_session_token = ${sessionToken}`, secret: sessionToken }],
      fp: ['aws_session_token = IQoJb3JpZ2luX2Vj', `AWS_SESSION_TOKEN=${varRef('AWS_SESSION_TOKEN')}`],
    },
  },
  {
    id: 'aws-bedrock-api-key',
    title: 'Amazon Bedrock long-term API key',
    provider: 'AWS',
    severity: 'high',
    confidence: 'high',
    keywords: ['absk'],
    // https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys.html: `ABSK` then base64.
    pattern: /(?<![A-Za-z0-9+/])(?<secret>ABSK[A-Za-z0-9+/]{109,269}={0,2})(?![A-Za-z0-9+/=])/,
    minEntropy: 4,
    remediation:
      'Delete the key in the Bedrock console (API keys > Long-term API keys) or its IAM service-specific credential, and use short-term keys or IAM roles instead.',
    samples: {
      tp: [{ text: `AWS_BEARER_TOKEN_BEDROCK=${bedrockLong}`, secret: bedrockLong }],
      fp: ['AWS_BEARER_TOKEN_BEDROCK=ABSK...', `ABSK${'A'.repeat(120)}`],
    },
  },
  {
    id: 'aws-bedrock-short-term-api-key',
    title: 'Amazon Bedrock short-term API key',
    provider: 'AWS',
    severity: 'medium',
    confidence: 'high',
    keywords: ['bedrock-api-key-'],
    // A presigned `bedrock.amazonaws.com/?Action=CallWithBearerToken…` URL in base64, valid up to 12 hours.
    pattern: /(?<![\w-])(?<secret>bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/]{100,6000}={0,2})(?![A-Za-z0-9+/=])/,
    minEntropy: 4,
    remediation:
      "Short-term keys expire within 12 hours but act as the IAM identity that made them: revoke that identity's sessions or rotate its credentials, and generate keys at run time instead of writing them to files.",
    samples: {
      tp: [{ text: `export AWS_BEARER_TOKEN_BEDROCK=${bedrockShort}`, secret: bedrockShort }],
      fp: ['AWS_BEARER_TOKEN_BEDROCK=bedrock-api-key-<token>', 'prefix = "bedrock-api-key-"'],
    },
  },
];

export default rules(list);
