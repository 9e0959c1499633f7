/**
 * Microsoft Azure and Entra ID credentials.
 *
 * - Storage and Cosmos DB account keys: 64 random bytes, 88 base64 characters ending in `==`, found in
 *   connection strings (`AccountKey=…`) or `*_STORAGE_*KEY` settings. Newer keys are "identifiable": a
 *   fixed signature at a fixed offset (`+ASt` storage, `ACDb` Cosmos DB, `+ASb` Service Bus, `+AEh`
 *   Event Hubs, `+ARm` Relay, `AIoT` IoT, `AzFu` Functions, `AzCa` Cache for Redis, `AzSe` AI Search,
 *   `+ACR` Container Registry, `APIM`, `+ABa`, `+AMC`), as published in Microsoft's
 *   Microsoft.Security.Utilities; those need no context.
 * - Shared access keys (Service Bus, Event Hubs, IoT Hub, Relay, SignalR: 32 bytes, 44 characters) in
 *   `SharedAccessKey=` / `AccessKey=` connection strings, and SAS tokens (`sig=` next to `sv=`/`skn=`).
 * - Entra ID (Azure AD) application client secrets: three characters, a version digit, `Q~`, then 31 to 34
 *   characters (https://learn.microsoft.com/en-us/purview/sit-defn-azure-ad-client-secret).
 * - Azure DevOps personal access tokens: the 84-character "common annotated security key" format (`JQQJ9`
 *   signature, `AZDO` provider mark) and the older 52-character base32 format with its CRC32.
 * - Data Factory self-hosted integration runtime keys (`IR@<guid>@<factory>@<region>@<base64>`).
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { behind } from '../_infra/util.ts';
import { ALNUM, B64, B64URL, ci, fake, fakeUuid, rules } from '../_kit/kit.ts';
import { adoPatChecksumValid, makeAdoPat } from './ado.ts';

const NB64 = '(?<![A-Za-z0-9+/])';
const NA64 = '(?![A-Za-z0-9+/=])';

/** Signatures of identifiable keys and what follows them (Microsoft.Security.Utilities). */
const SIG64 = String.raw`(?:\+ASt|ACDb)[A-Za-z0-9+/]{5}[AQgw]==`;
const SIG32 = String.raw`(?:\+ASb|\+AEh|\+ARm|AIoT)[A-P][A-Za-z0-9+/]{5}=`;
const SERVICE: [head: string, tail: string][] = [
  ['[A-Za-z0-9_-]{44}', 'AzFu[A-Za-z0-9_-]{5}[AQgw]=='],
  ['[A-Za-z0-9+/]{33}', 'AzCa[A-P][A-Za-z0-9+/]{5}='],
  ['[A-Za-z0-9]{42}', 'AzSe[A-D][A-Za-z0-9]{5}'],
  ['[A-Za-z0-9+/]{42}', String.raw`\+ACR[A-D][A-Za-z0-9+/]{5}`],
  ['[A-Za-z0-9+/]{76}', String.raw`(?:APIM|\+ABa|\+AMC)[A-Za-z0-9+/]{5}[AQgw]==`],
];
/** Common annotated security keys: 52 random characters, then `JQQJ9`, version, date and provider marks. */
const ADO = 'JQQJ9[9DH][A-Za-z0-9][A-L][A-Za-z0-9]{16}AZDO[A-Za-z0-9]{4}';
const CASK = 'JQQJ9[9DH][A-Za-z0-9][A-L][A-Za-z0-9]{16}(?!AZDO)[A-Za-z][A-Za-z0-9]{7}(?:[A-Za-z0-9]{2}==)?';

/** Development keys Microsoft publishes for the local emulators (Azurite, the Cosmos DB emulator). */
const EMULATOR_KEYS = [
  /^Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq\/K1SZFPTOtr\/KBHBeksoGMGw==$/,
  /^C2y6yDjf5\/R\+ob0N8A7Cgv30VRDJIWEHLM\+4QDU9DjWnOf7Tn9\+0ubzN67aM6WxHbHWM1VcR4kgLMpEKQAq\+Gm/,
];

const portalKeys = (what: string) =>
  `Rotate the key in the Azure portal (${what} > Access keys > Rotate key, or \`az … keys renew\`), update its users, and prefer Microsoft Entra ID (managed identities) over keys; keep any remaining key in Key Vault.`;

const key88 = `${fake(B64, 86, 'az-storage')}==`;
const storageIdKey = `${fake(B64, 76, 'az-st-id')}+ASt${fake(B64, 5, 'az-st-id2')}Q==`;
const cosmosIdKey = `${fake(B64, 76, 'az-cosmos-id')}ACDb${fake(B64, 5, 'az-cosmos-id2')}g==`;
const apimKey = `${fake(B64, 76, 'az-apim-id')}APIM${fake(B64, 5, 'az-apim-id2')}w==`;
const sbIdKey = `${fake(B64, 33, 'az-sb-id')}+ASb${'C'}${fake(B64, 5, 'az-sb-id2')}=`;
const iotIdKey = `${fake(B64, 33, 'az-iot-id')}AIoT${'K'}${fake(B64, 5, 'az-iot-id2')}=`;
const redisIdKey = `${fake(ALNUM, 33, 'az-redis-id')}AzCa${'F'}${fake(ALNUM, 5, 'az-redis-id2')}=`;
const funcKey = `${fake(B64URL, 44, 'az-func')}AzFu${fake(B64URL, 5, 'az-func2')}A==`;
const searchKey = `${fake(ALNUM, 42, 'az-search')}AzSe${'B'}${fake(ALNUM, 5, 'az-search2')}`;
const acrKey = `${fake(B64, 42, 'az-acr')}+ACR${'D'}${fake(B64, 5, 'az-acr2')}`;
const sharedKey = `${fake(B64, 43, 'az-sas-key')}=`;
const sig = encodeURIComponent(`${fake(B64, 43, 'az-sig')}=`);
const sig2 = encodeURIComponent(`${fake(B64, 43, 'az-sig-2')}=`);
const clientSecret = `${fake(`${ALNUM}_~.`, 3, 'az-cs1')}8Q~${fake(`${ALNUM}_~.-`, 34, 'az-cs2')}`;
const clientSecret7 = `${fake(`${ALNUM}_~.`, 3, 'az-cs3')}7Q~${fake(`${ALNUM}_~.-`, 31, 'az-cs4')}`;
const caskPat = `${fake(ALNUM, 52, 'ado-cask')}JQQJ99${fake(ALNUM, 1, 'ado-cask2')}E${fake(ALNUM, 16, 'ado-cask3')}AZDO${fake(ALNUM, 4, 'ado-cask4')}`;
const caskOther = `${fake(ALNUM, 52, 'cask-other')}JQQJ99${fake(ALNUM, 1, 'cask-other2')}F${fake(ALNUM, 16, 'cask-other3')}ACOG${fake(ALNUM, 4, 'cask-other4')}`;
const legacyPat = makeAdoPat(Array.from(fake(ALNUM, 28, 'ado-legacy'), (c) => c.charCodeAt(0) * 7));
const legacyPatBad = `${legacyPat.slice(0, 20)}${legacyPat[20] === 'q' ? 'r' : 'q'}${legacyPat.slice(21)}`;
const shir = `IR@${fakeUuid('adf-guid')}@adf-contoso-prod@weu@${fake(B64, 43, 'adf-key')}=`;

const list: SecretRule[] = [
  {
    id: 'azure-storage-account-key',
    title: 'Azure Storage or Cosmos DB account key',
    provider: 'Microsoft Azure',
    severity: 'critical',
    confidence: 'high',
    keywords: ['accountkey', 'storage'],
    // Starts with the name, which holds a keyword: the engine runs it only on windows around them.
    pattern: new RegExp(
      String.raw`(?:${ci('accountkey')}\s{0,2}=|${ci('storage')}[\w.-]{0,24}?${ci('key')}[\w.-]{0,8}["'\]]{0,3}\s{0,3}(?:=|:|=>)\s{0,3}["']?)\s{0,2}` +
        `(?<secret>[A-Za-z0-9+/]{86}==)${NA64}`,
    ),
    minEntropy: 4.5,
    allow: EMULATOR_KEYS,
    remediation: portalKeys('Storage account or Cosmos DB account'),
    samples: {
      tp: [
        {
          text: `DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey=${key88};EndpointSuffix=core.windows.net`,
          secret: key88,
        },
        { text: `AZURE_STORAGE_KEY="${key88}"`, secret: key88 },
        { text: `AccountEndpoint=https://contoso.documents.azure.com:443/;AccountKey=${key88};`, secret: key88 },
      ],
      fp: [
        'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;',
        'AccountKey=<storage-account-key>;',
        'UseDevelopmentStorage=true',
        `AccountKey=${fake(B64, 86, 'az-storage-short')};`,
      ],
    },
  },
  {
    id: 'azure-storage-identifiable-key',
    title: 'Azure Storage or Cosmos DB account key (identifiable format)',
    provider: 'Microsoft Azure',
    severity: 'critical',
    confidence: 'high',
    keywords: ['+ast', 'acdb'],
    pattern: behind(SIG64, `[A-Za-z0-9+/]{76}${SIG64}`, NB64, NA64),
    minEntropy: 4.5,
    remediation: portalKeys('Storage account or Cosmos DB account'),
    samples: {
      tp: [
        { text: `storage.key=${storageIdKey}`, secret: storageIdKey },
        { text: `"cosmosKey": "${cosmosIdKey}"`, secret: cosmosIdKey },
      ],
      fp: [`${fake(B64, 75, 'az-st-short')}+ASt${fake(B64, 5, 'x')}Q==`, `${fake(B64, 76, 'az-st-noterm')}+ASt${fake(B64, 5, 'y')}B==`],
    },
  },
  {
    id: 'azure-messaging-identifiable-key',
    title: 'Azure Service Bus, Event Hubs, Relay or IoT Hub key (identifiable format)',
    provider: 'Microsoft Azure',
    severity: 'high',
    confidence: 'high',
    keywords: ['+asb', '+aeh', '+arm', 'aiot'],
    pattern: behind(SIG32, `[A-Za-z0-9+/]{33}${SIG32}`, NB64, NA64),
    minEntropy: 4,
    remediation: portalKeys('Service Bus / Event Hubs namespace or IoT Hub > Shared access policies'),
    samples: {
      tp: [
        { text: `Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${sbIdKey}`, secret: sbIdKey },
        { text: `HostName=contoso.azure-devices.net;DeviceId=d1;SharedAccessKey=${iotIdKey}`, secret: iotIdKey },
      ],
      fp: [`${fake(B64, 33, 'az-sb-bad')}+ASbZ${fake(B64, 5, 'z')}=`],
    },
  },
  {
    id: 'azure-service-identifiable-key',
    title: 'Azure Functions, Cache for Redis, AI Search, Container Registry or API Management key (identifiable format)',
    provider: 'Microsoft Azure',
    severity: 'high',
    confidence: 'high',
    keywords: ['azfu', 'azca', 'azse', '+acr', 'apim', '+aba', '+amc'],
    pattern: behind(
      SERVICE.map(([, tail]) => tail).join('|'),
      SERVICE.map(([head, tail]) => head + tail).join('|'),
      '(?<![A-Za-z0-9+/_-])',
      '(?![A-Za-z0-9+/=_-])',
    ),
    minEntropy: 4,
    remediation: portalKeys('the Function app (App keys), Redis cache, Search service, Container registry or API Management instance'),
    samples: {
      tp: [
        { text: `https://contoso.azurewebsites.net/api/hook?code=${funcKey}`, secret: funcKey },
        { text: `contoso.redis.cache.windows.net:6380,password=${redisIdKey},ssl=True`, secret: redisIdKey },
        { text: `SEARCH_API_KEY=${searchKey}`, secret: searchKey },
        { text: `docker login contoso.azurecr.io -u contoso -p ${acrKey}`, secret: acrKey },
        { text: `Ocp-Apim-Subscription-Key: ${apimKey}`, secret: apimKey },
      ],
      fp: [`code=${fake(B64URL, 44, 'az-func-bad')}AzFu${fake(B64URL, 5, 'w')}B==`, 'AzSeAzSeAzSe'],
    },
  },
  {
    id: 'azure-shared-access-key',
    title: 'Azure shared access key in a connection string',
    provider: 'Microsoft Azure',
    severity: 'high',
    confidence: 'high',
    keywords: ['accesskey'],
    pattern: new RegExp(String.raw`${ci('accesskey')}\s{0,2}=\s{0,2}(?<secret>[A-Za-z0-9+/]{43}=)${NA64}`),
    minEntropy: 4,
    remediation: portalKeys('the namespace, IoT Hub or SignalR resource > Shared access policies / Keys'),
    samples: {
      tp: [
        {
          text: `Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${sharedKey}`,
          secret: sharedKey,
        },
        { text: `Endpoint=https://contoso.service.signalr.net;AccessKey=${sharedKey};Version=1.0;`, secret: sharedKey },
      ],
      fp: [
        'SharedAccessKey=<your-shared-access-key>',
        'SharedAccessKey=abcdefghijklmnopqrstuvwxyz0123456789/+ABCDE=',
        `SharedAccessKeyName=${fake(B64, 43, 'az-keyname')}=`,
      ],
    },
  },
  {
    id: 'azure-sas-token',
    title: 'Azure shared access signature (SAS) token',
    provider: 'Microsoft Azure',
    severity: 'high',
    confidence: 'high',
    keywords: ['sig='],
    // The signature is an HMAC-SHA256 (44 base64 characters, percent-encoded in URLs); `sv=` (storage) or
    // `skn=` (Service Bus, Event Hubs) within the same URL says it is a SAS.
    pattern: new RegExp(
      String.raw`[?&;\s]sig=(?<secret>(?:[A-Za-z0-9+/]|%2[BbFf]){43}(?:=|%3[Dd]))(?![A-Za-z0-9%])` +
        String.raw`(?:(?<=[?&;\s](?:sv|skn)=[^\s"'<>]{1,600})|(?=[^\s"'<>]{0,600}[?&;](?:sv|skn)=))`,
    ),
    minEntropy: 4,
    // Sample tokens printed in AWS DataSync's and Azure Storage's documentation.
    allow: [/^aBBKDWQvyuVcTPH9EBp%2FXTI9E%2F%2Fmq171%2BZU178wcwqU%3D$/, /^Z%2FRHIX5Xcg0Mq2rqI3OlWTjEg2tYkboXr1P9ZUXDtkk%3D$/],
    remediation:
      'A SAS is valid until its expiry (`se=`): rotate the account or policy key that signed it (or revoke the stored access policy / user delegation key it uses), and issue short-lived SAS at run time instead of storing them.',
    samples: {
      tp: [
        {
          text: `https://contosodata.blob.core.windows.net/backups/db.bak?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2030-01-01T00:00:00Z&spr=https&sig=${sig}`,
          secret: sig,
        },
        {
          text: `SharedAccessSignature sr=https%3A%2F%2Fcontoso.servicebus.windows.net%2Forders&sig=${sig2}&se=1893456000&skn=send`,
          secret: sig2,
        },
      ],
      fp: [
        `https://cdn.example.com/image.png?w=200&sig=${sig}`,
        'https://contoso.blob.core.windows.net/c/f?sv=2022-11-02&sig=<signature>',
        'https://contoso.blob.core.windows.net/c/f?sv=2022-11-02&sig={{sasSignature}}',
        'sp=r&st=2023-12-20T14:54:52Z&se=2023-12-20T22:54:52Z&spr=https&sv=2021-06-08&sr=c&sig=aBBKDWQvyuVcTPH9EBp%2FXTI9E%2F%2Fmq171%2BZU178wcwqU%3D',
      ],
    },
  },
  {
    id: 'azure-ad-client-secret',
    title: 'Microsoft Entra ID (Azure AD) application client secret',
    provider: 'Microsoft Entra ID',
    severity: 'critical',
    confidence: 'high',
    keywords: ['q~'],
    pattern: /(?<![\w~.-])(?<secret>[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34})(?![\w~.-])/,
    minEntropy: 3.5,
    remediation:
      'Delete the secret in the Entra admin center (App registrations > the app > Certificates & secrets), create a new one or, better, switch to a certificate, workload identity federation or a managed identity; check the sign-in logs of the service principal.',
    samples: {
      tp: [
        { text: `AZURE_CLIENT_SECRET=${clientSecret}`, secret: clientSecret },
        { text: `"clientSecret": "${clientSecret7}"`, secret: clientSecret7 },
      ],
      fp: [
        'client_secret=bP88Q~xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        '~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~',
        "'url': 'http://www.2doc.nl/speel~VARA_101375237~mh17-het-verdriet-van-nederland~.html',",
        `client_secret=${fake(ALNUM, 3, 'q1')}8Q~${fake(ALNUM, 20, 'q2')}`,
      ],
    },
  },
  {
    id: 'azure-devops-pat',
    title: 'Azure DevOps personal access token',
    provider: 'Azure DevOps',
    severity: 'high',
    confidence: 'high',
    keywords: ['jqqj9'],
    pattern: behind(ADO, `[A-Za-z0-9]{52}${ADO}`, NB64, NA64),
    minEntropy: 4,
    remediation:
      "Revoke the token in Azure DevOps (User settings > Personal access tokens, or the organization's token administration), create a short-lived one with the least scopes, and prefer Microsoft Entra tokens or workload identity federation for pipelines.",
    samples: {
      tp: [{ text: `git clone https://pat:${caskPat}@dev.azure.com/contoso/app/_git/app`, secret: caskPat }],
      fp: [`AZDO_PAT=${fake(ALNUM, 52, 'cask-bad')}JQQJ98${fake(ALNUM, 18, 'cask-bad2')}AZDO${fake(ALNUM, 4, 'cask-bad3')}`],
    },
  },
  {
    id: 'azure-devops-pat-legacy',
    title: 'Azure DevOps personal access token (52-character format)',
    provider: 'Azure DevOps',
    severity: 'high',
    confidence: 'high',
    // No prefix: a run of 52 base32 characters whose CRC32 makes it a token. Running it over every text
    // would cost a pass of its own (about 5 ms/MB), so it runs where Azure DevOps is named: the host
    // (dev.azure.com, visualstudio.com), the CLI variable (AZURE_DEVOPS_EXT_PAT) or the usual names.
    keywords: ['azure', 'devops', 'visualstudio', 'vsts', 'tfs', 'ado_', 'ado-', 'azdo'],
    pattern: /(?<![A-Za-z0-9])(?<secret>[a-z2-7]{52})(?![A-Za-z0-9])/,
    validate: adoPatChecksumValid,
    remediation:
      "Revoke the token in Azure DevOps (User settings > Personal access tokens, or the organization's token administration), create a short-lived one with the least scopes, and prefer Microsoft Entra tokens or workload identity federation for pipelines.",
    samples: {
      tp: [{ text: `AZURE_DEVOPS_EXT_PAT=${legacyPat}`, secret: legacyPat }],
      fp: [`AZURE_DEVOPS_EXT_PAT=${legacyPatBad}`, `sha: ${fake('abcdefghijklmnopqrstuvwxyz234567', 52, 'ado-random')}`],
    },
  },
  {
    id: 'azure-cask-key',
    title: 'Microsoft common annotated security key (Azure AI services and other Azure keys)',
    provider: 'Microsoft Azure',
    severity: 'high',
    confidence: 'high',
    keywords: ['jqqj9'],
    pattern: behind(CASK, `[A-Za-z0-9]{52}${CASK}`, NB64, NA64),
    minEntropy: 4,
    remediation:
      'Regenerate the key on the Azure resource that issued it (Keys and Endpoint, or Access keys, in the portal), update its users, and prefer Microsoft Entra ID authentication over keys.',
    samples: {
      tp: [{ text: `AZURE_OPENAI_API_KEY=${caskOther}`, secret: caskOther }],
      fp: [`key=${fake(ALNUM, 52, 'cask-x')}JQQJ99${fake(ALNUM, 1, 'cask-y')}Z${fake(ALNUM, 24, 'cask-z')}`],
    },
  },
  {
    id: 'azure-data-factory-shir-key',
    title: 'Azure Data Factory self-hosted integration runtime key',
    provider: 'Microsoft Azure',
    severity: 'high',
    confidence: 'high',
    keywords: ['ir@'],
    pattern: /(?<![\w@])(?<secret>IR@[0-9a-fA-F-]{36}@[\w.-]{1,90}@[\w-]{1,40}@[A-Za-z0-9+/]{43}=)(?![A-Za-z0-9+/=])/,
    minEntropy: 4,
    remediation:
      'Regenerate the authentication keys of the integration runtime in Data Factory Studio (Manage > Integration runtimes > the runtime > Regenerate keys) and re-register the nodes.',
    samples: {
      tp: [{ text: `dmgcmd.exe -RegisterNewNode "${shir}"`, secret: shir }],
      fp: ['IR@<guid>@<factory>@<region>@<key>', `IR@${fakeUuid('adf-2')}@adf@weu@short=`],
    },
  },
];

export default rules(list);
