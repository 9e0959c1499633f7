#!/usr/bin/env node
// Launcher for the `rampart` command. Rampart is written in TypeScript and runs on Node's built-in type
// stripping (on by default since Node 22.18), so there is no build step: this file only checks that the
// running Node can do that, then hands over to src/cli/main.ts.
const [major, minor] = process.versions.node.split('.').map(Number);
if (!process.features?.typescript) {
  const tooOld = major < 22 || (major === 22 && minor < 18);
  process.stderr.write(
    tooOld
      ? `rampart: Node.js >= 22.18 is required (this is Node.js ${process.version}, which cannot run TypeScript natively)\n`
      : `rampart: Node.js >= 22.18 with type stripping is required (it is turned off here: remove --no-experimental-strip-types from the command or NODE_OPTIONS)\n`,
  );
  process.exitCode = 2;
} else {
  // Node 22 announces type stripping as experimental on every run: noise for a CLI's users.
  const emitWarning = process.emitWarning;
  process.emitWarning = (warning, ...rest) => {
    if (/type stripping/i.test(String(warning?.message ?? warning))) return;
    return emitWarning.call(process, warning, ...rest);
  };
  let cli;
  try {
    cli = await import('../src/cli/main.ts');
  } catch (e) {
    if (e?.code !== 'ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING') throw e;
    process.stderr.write('rampart: Node.js does not run TypeScript from inside node_modules; run Rampart from a clone of its repository\n');
    process.exitCode = 2;
  }
  if (cli) await cli.run();
}
