/**
 * Microsoft Teams incoming webhooks: Office 365 connector URLs on `*.webhook.office.com/webhookb2/…`
 * (and the older `outlook.office.com/webhook/…`), and the Power Automate / Logic Apps workflow URLs that
 * replace them, whose `sig=` parameter is the secret
 * (https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook).
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { B64URL, fake, fakeUuid, HEX, rules } from '../_kit/kit.ts';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const revoke =
  'Anyone with the URL can post into the channel: remove the webhook or workflow (channel > Manage channel > Connectors / Workflows), create a new one, and keep the URL in a secret store.';

const hook =
  'https://contoso.webhook.office.com/webhookb2/' +
  fakeUuid('teams-g') +
  '@' +
  fakeUuid('teams-t') +
  '/IncomingWebhook/' +
  fake(HEX, 32, 'teams-h') +
  '/' +
  fakeUuid('teams-u') +
  '/V2' +
  fake(B64URL.replace(/[-_]/g, ''), 44, 'teams-v2');
const legacy =
  'https://outlook.office.com/webhook/' +
  fakeUuid('teams-lg') +
  '@' +
  fakeUuid('teams-lt') +
  '/IncomingWebhook/' +
  fake(HEX, 32, 'teams-lh') +
  '/' +
  fakeUuid('teams-lu');
const sig = fake(B64URL, 43, 'teams-sig').replace(/[-_]$/, 'A');
const flow =
  'https://prod-27.westeurope.logic.azure.com:443/workflows/' +
  fake(HEX, 32, 'teams-wf') +
  '/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=' +
  sig;

const list: SecretRule[] = [
  {
    id: 'microsoft-teams-webhook-url',
    title: 'Microsoft Teams incoming webhook URL',
    provider: 'Microsoft',
    severity: 'medium',
    confidence: 'high',
    keywords: ['webhook.office.com', 'outlook.office'],
    pattern: new RegExp(
      String.raw`(?<secret>https://(?:[a-z0-9-]{1,63}\.webhook\.office\.com/webhookb2|outlook\.office(?:365)?\.com/webhook)/${UUID}@${UUID}/IncomingWebhook/[0-9a-f]{32}/${UUID}(?:/V2[A-Za-z0-9_-]{20,80})?)(?![\w-])`,
    ),
    minEntropy: 3,
    remediation: revoke,
    samples: {
      tp: [
        { text: `TEAMS_WEBHOOK_URL=${hook}`, secret: hook },
        { text: `"webhook": "${legacy}"`, secret: legacy },
      ],
      fp: [
        'https://outlook.office.com/webhook/<group>@<tenant>/IncomingWebhook/<id>/<owner>',
        'https://contoso.webhook.office.com/webhookb2/',
      ],
    },
  },
  {
    id: 'microsoft-teams-workflow-url',
    title: 'Power Automate / Logic Apps workflow trigger URL (Teams workflow webhook)',
    provider: 'Microsoft',
    severity: 'medium',
    confidence: 'high',
    keywords: ['logic.azure.com', 'powerplatform.com'],
    pattern:
      /https:\/\/[a-z0-9.-]{3,100}\.(?:logic\.azure\.com|api\.powerplatform\.com)(?::443)?\/[A-Za-z0-9/._-]{10,200}\?[A-Za-z0-9=&%._-]{0,300}?[?&]?sig=(?<secret>[A-Za-z0-9_%-]{40,90})(?![\w%-])/,
    minEntropy: 4,
    remediation: `The sig= parameter signs the URL: ${revoke} (regenerate the access key of the Logic App, or recreate the Power Automate flow).`,
    samples: {
      tp: [{ text: `TEAMS_WORKFLOW_URL="${flow}"`, secret: sig }],
      fp: ['https://prod-00.westus.logic.azure.com:443/workflows/xxx/triggers/manual/paths/invoke?api-version=2016-06-01&sig=<signature>'],
    },
  },
];

export default rules(list);
