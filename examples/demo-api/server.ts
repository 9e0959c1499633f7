/**
 * Starts Rampart Shop: `npx node examples/demo-api/server.ts [--hardened] [--port N]`.
 * The vulnerable build is the default; it binds 127.0.0.1 only.
 */
import { parseArgs } from 'node:util';
import { createDemoApi } from './src/app.ts';

const { values } = parseArgs({
  options: {
    hardened: { type: 'boolean', default: false },
    port: { type: 'string', default: '8080' },
    quiet: { type: 'boolean', default: false },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, not ${values.port}`);
  process.exit(2);
}
const api = await createDemoApi({ hardened: values.hardened, port, log: values.quiet ? undefined : (line) => console.log(line) });
console.log(`Rampart Shop (${api.hardened ? 'hardened' : 'VULNERABLE'} build) on ${api.url}`);
console.log(`  definition: examples/demo-api/openapi.yaml   identities: examples/demo-api/rampart.yaml`);
console.log(`  try: curl -s ${api.url}/api/v2/products`);
const stop = () => void api.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
