/**
 * Words that name things in API paths. A path segment made of these stays literal when paths are turned
 * into templates, however many siblings it has (`/users/search`, `/orders/export`, `/auth/callback`).
 */
const LIST = `
a about abuse access accept account accounts accounting achievements acl acls action actions activate activation active activities
activity ad add address addresses admin admins administration ads advanced affiliate affiliates agent agents aggregate aggregates
ai alert alerts album albums alias aliases all allow allowed analytics analysis announce announcements answer answers api apis app
append application applications apply approval approvals approve apps archive archived archives area areas article articles artifact
artifacts asset assets assign assignee assignees assignment assignments associate async attach attachment attachments attempt
attempts attribute attributes audience audiences audit audits auth authenticate authentication author authorization authorize
authors auto autocomplete availability available avatar avatars backup backups badge badges balance balances ban bank banks banner
banners basket batch batches beta bid bids bill billing bills bin binary block blocked blocks blog blogs board boards body book
booking bookings bookmark bookmarks books bot bots branch branches brand brands browse bucket buckets budget budgets build builds
bulk bundle bundles business button buy by cache calculate calendar calendars call callback callbacks calls campaign campaigns
cancel cancellation capabilities capture card cards cart carts catalog catalogs catalogue categories category certificate
certificates challenge challenges change changes channel channels charge charges chart charts chat chats check checkout checks
child children city cities claim claims class classes clear cli click clicks client clients clone close cluster clusters code codes
collaborators collection collections color colors column columns comment comments commit commits common community companies
company compare compliance component components compose config configs configuration configure confirm confirmation connect
connection connections consent consents console contact contacts container containers content contents context contract contracts
control controls conversation conversations conversion convert cookie cookies copy core count counter countries country coupon
coupons course courses create credential credentials credit credits csrf css currencies currency current custom customer customers
customization dashboard dashboards data database databases dataset datasets date dates day days deactivate deal deals debug decline
default definitions delete deliveries delivery demo departments dependencies deploy deployment deployments deposit deposits
describe description design destination destinations detail details device devices diagnostics diff digest direct directory
disable disabled discount discounts discover discovery discussion discussions dispute disputes distribution dns doc docs document
documents domain domains donate download downloads draft drafts drive driver drivers drop dump duplicate edit editor education
email emails embed employee employees enable enabled end endpoint endpoints engine entities entitlements entity entries entry env
environment environments error errors estimate estimates event events example examples exchange execute execution executions
exists expense expenses experiment experiments explore export exports extension extensions external factor feature featured
features feed feedback feeds fee fees fetch field fields file files filter filters finance find flag flags flow flows folder folders
follow followers following font fonts forgot fork form format forms forum forums forward frame friend friends full fulfillment
function functions fund funds gallery game games gateway general generate get gift gifts github global goal goals google graph
graphql group groups guest guests guide guides hash health healthz heartbeat help history hold holds home hook hooks host hosts
hotel hotels hour hours html icon icons id identities identity image images import imports inbox incident incidents index info
information init insights install installation installations instance instances integration integrations intent intents internal
interval inventory invitation invitations invite invites invoice invoices ip issue issues item items job jobs join journal journals
json jwks key keys keyword keywords kyc label labels language languages last latest layout layouts lead leads leaderboard learn
ledger ledgers legacy legal level levels library license licenses like likes limit limits line lines link links list lists live
load loan loans local locale locales location locations lock log login logout logs lookup loyalty mail manage management manager
manifest map maps mark market marketplace markets match matches me media member members membership memberships menu menus merchant
merchants merge message messages meta metadata method methods metric metrics migrate migration migrations mine mobile mode model
models moderation module modules money monitor monitoring month months more move movie movies multi music my name names namespace
namespaces network networks new news newsletter next node nodes note notes notification notifications now oauth object objects
offer offers office offices old onboarding open openapi openid operation operations option options order orders org organization
organizations orgs origin outbox output overview owner owners package packages page pages paginate panel param parameters params
parent partner partners password passwords patch path paths pay payee payees payment payments payout payouts pending people
permission permissions person persons pet pets phone phones photo photos pin ping pins pipeline pipelines place places plan plans
platform play player players playlist playlists plugin plugins point points policies policy poll polls pool pools popular port
portal portfolio position positions post posts preference preferences premium prepare preview previous price prices pricing print
privacy private process processes product production products profile profiles program programs progress project projects
promo promotion promotions properties property protected provider providers proxy public publish purchase purchases push query
question questions queue queues quiz quota quote quotes random rank ranking rate rates rating ratings raw read reader readme ready
reason receipt receipts recent recipe recipes recipient recipients recommend recommendations record records recover recovery
redeem redirect ref referral referrals refresh refund refunds region regions register registration registry reject related
release releases reload remote remove render renew replay replies reply report reports repos repositories repository request
requests reservation reservations reset resolve resource resources response responses restore result results resume retry return
returns revenue review reviews revision revisions revoke reward rewards role roles room rooms root route routes rule rules run
runs sale sales sample samples sandbox save saved scan scans schedule schedules schema schemas scope scopes score scores script
scripts search season seasons seat seats secret secrets section sections security segment segments select self sell send sent
sequence server servers service services session sessions set setting settings setup share shared shares shipment shipments
shipping shop shops show sign signin signout signup simulate site sitemap sites size skill skills snapshot snapshots social
software source sources space spaces spec specs sport sports stage stages standard start stat state statement statements states
static station stations statistics stats status step steps stock stocks stop storage store stores stories story stream streams
student students style styles sub submission submissions submit subscribe subscriber subscribers subscription subscriptions
suggest suggestions summary support survey surveys swagger switch sync system systems tab table tables tag tags target targets
task tasks tax taxes team teams template templates tenant tenants term terms test tests text theme themes thread threads ticket
tickets time timeline timelines times timezone tip tips title toggle token tokens tool tools top topic topics total tour tours
track tracking tracks trade trades traffic transaction transactions transfer transfers translate translation translations
transport trash tree trend trending trends trial trigger triggers trip trips type types unfollow unlock unread unsubscribe update
updates upgrade upload uploads usage use user username users util utils validate validation value values variable variables
variant variants vendor vendors verification verify version versions video videos view views visit visitor visitors visits
vote votes wallet wallets warehouse warehouses watch web webhook webhooks website week weekly well whoami widget widgets wiki
window wishlist withdraw withdrawal withdrawals word words work workflow workflows workspace workspaces write year years zone zones
known configuration openid-configuration get head put post delete patch options trace connect callback sign-in sign-out sign-up log-in log-out well-known
`;

export const DICTIONARY: ReadonlySet<string> = new Set(LIST.split(/\s+/).filter(Boolean));

/** The lowercase word parts of a segment: `user_profiles` → user, profiles; `productModel` → product, model. */
export function segmentWords(seg: string): string[] {
  return seg
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Every word part is a dictionary word (`password-reset`, `userProfiles`, `.well-known`). */
export function isDictionarySegment(seg: string): boolean {
  const parts = segmentWords(seg);
  if (parts.length === 0) return false;
  return parts.every((p) => DICTIONARY.has(p) || (p.endsWith('s') && DICTIONARY.has(p.slice(0, -1))));
}

const VOWELS = /[aeiouy]/;

/** Looks like a word of some language (letters, vowels, no long consonant runs), even if not in the list. */
export function isWordLike(seg: string): boolean {
  const parts = segmentWords(seg);
  if (parts.length === 0 || parts.length > 4) return false;
  return parts.every((p) => /^[a-z]{2,20}$/.test(p) && VOWELS.test(p) && !/[^aeiouy]{5,}/.test(p));
}
