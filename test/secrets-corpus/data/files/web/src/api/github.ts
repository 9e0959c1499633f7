import { Octokit } from '@octokit/rest';

// TODO(jlee): move to the secret store before the release
const octokit = new Octokit({ auth: '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' });

export async function openIssue(repo: string, title: string, body: string) {
  const [owner, name] = repo.split('/');
  return octokit.issues.create({ owner, repo: name, title, body, labels: ['triage'] });
}

/** CI runs with the workflow's own token. */
export const ciClient = new Octokit({ auth: process.env.GITHUB_TOKEN });

/** The app installation token is minted per job; this one is for the local smoke test. */
const installationToken = 'ghs_ryqB3r9Vc97WBvPD9SYojcVquAd6pL3Ue19E';

export function smokeClient() {
  return new Octokit({ auth: installationToken, baseUrl: 'https://api.github.com' });
}

export const TOKEN_FORMAT = /^gh[pousr]_[A-Za-z0-9]{36}$/;
