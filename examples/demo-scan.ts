/** The `rampart scan` command line of `npm run demo` (examples/demo.ts), shared with its test. */
export function demoScanArgs(target: string, reports = 'reports'): string[] {
  return [
    'scan',
    'examples/',
    '--target',
    target,
    '--openapi',
    'examples/demo-api/openapi.yaml',
    '--graphql',
    `${target.replace(/\/$/, '')}/graphql`,
    '--config',
    'examples/demo-api/rampart.yaml',
    '--report',
    `sarif=${reports}/scan.sarif`,
    '--report',
    `markdown=${reports}/scan.md`,
  ];
}
