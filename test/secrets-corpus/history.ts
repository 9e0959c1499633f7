// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the corpus plants literal ${VAR} references as hard negatives
// The git-history part of the labelled secrets corpus: a script of commits that add secrets, later
// remove some of them (the secret stays in history), leave one on an unmerged branch, and touch files
// around a secret without re-adding it. `materializeHistory(dir)` runs the script with git (fixed
// authors and dates: the same commit ids on every run) and returns the labels with their commit ids.
//
// Every secret here is a synthetic fake from a seeded random stream (see corpus.ts).

import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Doc, fakes, type Label } from './corpus.ts';
import { AWS_DOC_KEY_ID, JWT_IO_SAMPLE } from './generate.ts';
import { Drbg, ed25519Key, openSshPrivate } from './keys.ts';

export interface HistoryLabel extends Label {
  /** Name of the commit (in the script) whose added lines hold the value. */
  commitName: string;
  /** Commit id, once materialized. */
  commit?: string;
  /** The value's line is gone from HEAD (undefined for commits only on another branch). */
  removedInHead?: boolean;
}

interface Step {
  name: string;
  message: string;
  /** Branch to commit on (created from the current commit when new). Default: main. */
  branch?: string;
  /** New contents (null deletes). Values are templates with Doc markers. */
  files: Record<string, string | null>;
}

export interface HistoryScript {
  steps: Step[];
  /** Builds each step's file texts and labels. */
  render(): { step: Step; files: Record<string, string | null>; labels: HistoryLabel[] }[];
}

/** The script: 15 commits on main and one on an unmerged branch. */
export function historyScript(): HistoryScript {
  const rng = new Drbg('rampart/secrets-corpus/history/v1');
  const f = fakes(rng);
  const docs = new Map<string, Doc>();
  const doc = (step: string, path: string) => {
    const key = `${step}\0${path}`;
    let d = docs.get(key);
    if (!d) {
      d = new Doc(path, false);
      docs.set(key, d);
    }
    return d;
  };
  const steps: Step[] = [];
  const step = (name: string, message: string, build: (at: (path: string) => Doc) => Record<string, string | null>, branch?: string) => {
    steps.push({ name, message, branch, files: build((path) => doc(name, path)) });
  };

  const readme = '# payments-gateway\n\nSmall service in front of the payment providers.\n';
  const app1 = `const express = require('express');\nconst app = express();\n\napp.get('/health', (req, res) => res.json({ ok: true }));\n\napp.listen(process.env.PORT || 8080);\n`;
  step('init', 'Initial commit', (at) => ({
    'README.md': readme,
    'src/app.js': app1,
    'config/app.yml': `port: 8080\nlog_level: info\napi_key: ${at('config/app.yml').n('variable-reference', '${API_KEY}')}\n`,
  }));

  step('env', 'Add local env for the demo', (at) => {
    const d = at('.env');
    return {
      '.env': `AWS_ACCESS_KEY_ID=${d.p('aws-access-key-id', f.awsKeyId())}\nAWS_SECRET_ACCESS_KEY=${d.p('aws-secret-access-key', f.awsSecret())}\nSTRIPE_SECRET_KEY=${d.p('stripe-live-secret', f.stripeLive())}\nPORT=8080\n`,
    };
  });

  const ghp = f.githubPat();
  const githubV1 = (d: Doc) =>
    `import { Octokit } from '@octokit/rest';\n\nexport const octokit = new Octokit({ auth: '${d.p('github-pat', ghp)}' });\n\nexport async function comment(issue: number, body: string) {\n  return octokit.issues.createComment({ owner: 'acme', repo: 'payments', issue_number: issue, body });\n}\n`;
  step('github', 'GitHub client for release notes', (at) => ({ 'src/github.ts': githubV1(at('src/github.ts')) }));

  const dbPw = f.urlPassword(24);
  step('db', 'Database configuration', (at) => {
    const d = at('config/app.yml');
    return {
      'config/app.yml': `port: 8080\nlog_level: info\napi_key: ${d.n('variable-reference', '${API_KEY}')}\ndatabase_url: ${d.p('postgres-uri', `postgres://payments:${dbPw}@payments-db.internal:5432/payments`, { secret: dbPw })}\n`,
    };
  });

  step('rm-env', 'Remove .env from the repository', () => ({ '.env': null, '.gitignore': '.env\nnode_modules/\n' }));

  const ed = ed25519Key(rng);
  step('deploy-key', 'Deploy key for the staging box', (at) => ({
    'deploy/id_ed25519': at('deploy/id_ed25519').p('private-key-openssh', openSshPrivate(ed, 'deploy@staging', rng)),
  }));

  step('db-env', 'Read the database URL from the environment', (at) => {
    const d = at('config/app.yml');
    return {
      'config/app.yml': `port: 8080\nlog_level: info\napi_key: \${API_KEY}\ndatabase_url: ${d.n('variable-reference', '${DATABASE_URL}')}\n`,
    };
  });

  step('rm-key', 'Remove the deploy key', () => ({ 'deploy/id_ed25519': null }));

  step(
    'slack-wip',
    'Slack alerts (WIP)',
    (at) => {
      const d = at('src/notify.py');
      return {
        'src/notify.py': `import requests\n\nWEBHOOK = "${d.p('slack-webhook', f.slackWebhook())}"\nBOT_TOKEN = "${d.p('slack-bot-token', f.slackBot())}"\n\n\ndef alert(text):\n    requests.post(WEBHOOK, json={"text": text}, timeout=5)\n`,
      };
    },
    'feature/slack-alerts',
  );

  step('postman', 'Postman environment for the partner API', (at) => {
    const d = at('postman/partner.postman_environment.json');
    return {
      'postman/partner.postman_environment.json': `{\n\t"id": "${d.n('uuid', f.uuid())}",\n\t"name": "Partner",\n\t"values": [\n\t\t{\n\t\t\t"key": "baseUrl",\n\t\t\t"value": "https://partner.acme.test",\n\t\t\t"enabled": true\n\t\t},\n\t\t{\n\t\t\t"key": "partner_secret",\n\t\t\t"value": "${d.p('postman-env-secret', f.hex(40))}",\n\t\t\t"type": "secret",\n\t\t\t"enabled": true\n\t\t}\n\t],\n\t"_postman_variable_scope": "environment"\n}\n`,
    };
  });

  step('docs', 'Document the configuration', (at) => {
    const d = at('docs/config.md');
    return {
      'docs/config.md': `# Configuration\n\n- \`AWS_ACCESS_KEY_ID\`, e.g. \`${d.n('doc-example-aws-key-id', AWS_DOC_KEY_ID)}\`\n- \`API_KEY=${d.n('placeholder-your-key', 'YOUR_API_KEY')}\`\n- CI passes \`${d.n('actions-secret-reference', '${{ secrets.API_KEY }}')}\`\n- a token is a JWT such as \`${d.n('doc-example-jwt', JWT_IO_SAMPLE)}\`\n- rejected by the validator: \`${d.n('bad-checksum-github', f.githubBadChecksum())}\`\n`,
    };
  });

  step('github-refactor', 'Release notes: retry on rate limits', (at) => {
    // The token line is unchanged: the secret belongs to the 'github' commit only.
    const d = at('src/github.ts');
    return {
      'src/github.ts': `${githubV1(d).replace("import { Octokit } from '@octokit/rest';\n", "import { Octokit } from '@octokit/rest';\nimport { retry } from '@octokit/plugin-retry';\n")}\nexport const MAX_RETRIES = 3;\n`,
    };
  });

  const npm1 = f.npm();
  step('npmrc', 'Publish to npm from CI', (at) => ({
    '.npmrc': `//registry.npmjs.org/:_authToken=${at('.npmrc').p('npm-token', npm1)}\n`,
  }));

  step('npmrc-rotate', 'Rotate the npm token', (at) => ({
    '.npmrc': `//registry.npmjs.org/:_authToken=${at('.npmrc').p('npm-token', f.npm())}\n`,
  }));

  step('app', 'Payments route', (at) => {
    const d = at('src/app.js');
    const sk = f.stripeRestricted();
    return {
      'src/app.js': `${app1.replace('\napp.listen', `\nconst stripe = require('stripe')('${d.p('stripe-restricted', sk)}');\n\napp.post('/charge', async (req, res) => res.json(await stripe.charges.create(req.body)));\n\napp.listen`)}`,
    };
  });

  return {
    steps,
    render() {
      // Values removed later: a label's line is "removed in HEAD" when HEAD (of main) no longer has it.
      const out = steps.map((s) => {
        const files: Record<string, string | null> = {};
        const labels: HistoryLabel[] = [];
        for (const [path, template] of Object.entries(s.files)) {
          if (template === null) {
            files[path] = null;
            continue;
          }
          const d = docs.get(`${s.name}\0${path}`) ?? new Doc(path, false);
          const r = d.render(template, path.endsWith('.postman_environment.json') ? 'postman-environment' : 'git-history');
          files[path] = r.text;
          for (const l of r.labels) labels.push({ ...l, commitName: s.name });
        }
        return { step: s, files, labels };
      });
      // The final tree of main.
      const head = new Map<string, string>();
      for (const o of out) {
        if (o.step.branch) continue;
        for (const [path, text] of Object.entries(o.files)) {
          if (text === null) head.delete(path);
          else head.set(path, text);
        }
      }
      // Only the commit that adds a line owns it: drop labels whose line the previous version already had.
      const previous = new Map<string, string>();
      for (const o of out) {
        const keep: HistoryLabel[] = [];
        for (const l of o.labels) {
          const text = o.files[l.file] as string;
          const lineText = text.split('\n')[l.line - 1];
          const before = o.step.branch ? undefined : previous.get(l.file);
          if (before?.split('\n').includes(lineText)) continue;
          const headText = head.get(l.file);
          keep.push({ ...l, removedInHead: o.step.branch ? undefined : !headText?.split('\n').includes(lineText) });
        }
        o.labels = keep;
        if (!o.step.branch)
          for (const [path, text] of Object.entries(o.files)) text === null ? previous.delete(path) : previous.set(path, text);
      }
      return out;
    },
  };
}

function git(dir: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', ...env },
  }).trim();
}

/** Creates the repository in `dir` (emptied first) and returns the labels with commit ids. */
export function materializeHistory(dir: string): { labels: HistoryLabel[]; commits: Map<string, string> } {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  git(dir, ['init', '-q', '-b', 'main']);
  const script = historyScript();
  const rendered = script.render();
  const commits = new Map<string, string>();
  const labels: HistoryLabel[] = [];
  let time = Date.UTC(2025, 0, 6, 9, 0, 0) / 1000;
  let current = 'main';
  for (const { step, files, labels: stepLabels } of rendered) {
    const branch = step.branch ?? 'main';
    if (branch !== current) {
      const exists = git(dir, ['branch', '--list', branch]) !== '';
      git(dir, exists ? ['checkout', '-q', branch] : ['checkout', '-q', '-b', branch]);
      current = branch;
    }
    for (const [path, text] of Object.entries(files)) {
      const abs = join(dir, path);
      if (text === null) rmSync(abs, { force: true });
      else {
        mkdirSync(dirname(abs), { recursive: true });
        writeFileSync(abs, text);
      }
    }
    git(dir, ['add', '-A']);
    time += 3600 * 7;
    const date = `${time} +0000`;
    git(dir, ['commit', '-q', '--no-verify', '-m', step.message], {
      GIT_AUTHOR_NAME: 'Dana Developer',
      GIT_AUTHOR_EMAIL: 'dana@acme.test',
      GIT_COMMITTER_NAME: 'Dana Developer',
      GIT_COMMITTER_EMAIL: 'dana@acme.test',
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
    });
    const sha = git(dir, ['rev-parse', 'HEAD']);
    commits.set(step.name, sha);
    for (const l of stepLabels) labels.push({ ...l, commit: sha });
    if (step.branch) {
      git(dir, ['checkout', '-q', 'main']);
      current = 'main';
    }
  }
  return { labels, commits };
}
