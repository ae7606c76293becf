// Checks LiveLink's contracts with their own ecosystems' tools, run by the Maven build with the
// machine's node (Debian's nodejs or the image's):
//
//   node contracts/check.mjs asyncapi event-contracts/src/main/resources/asyncapi.yaml
//   node contracts/check.mjs openapi link-service/target/openapi/openapi.yaml
//
// The tools are this folder's pinned npm packages (package-lock.json); the first run installs them
// with `npm ci`, again whenever the lock file is newer than the installation. Exits non-zero, after
// printing every problem, when a document is invalid.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [what, ...files] = process.argv.slice(2);
if (!['asyncapi', 'openapi'].includes(what) || files.length === 0) {
  console.error('usage: node check.mjs asyncapi|openapi <document>...');
  process.exit(2);
}
installTools();
const failed = what === 'asyncapi' ? await checkAsyncApi(files) : checkOpenApi(files);
process.exit(failed ? 1 : 0);

function installTools() {
  const installed = join(here, 'node_modules', '.package-lock.json');
  const lock = join(here, 'package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) {
    return;
  }
  // --ignore-scripts: no install script runs (one dependency's only phones home).
  const npm = spawnSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: here,
    stdio: 'inherit',
  });
  if (npm.status !== 0) {
    console.error('npm ci failed in ' + here + ' (needs npm and the npm registry)');
    process.exit(1);
  }
}

/** AsyncAPI's own parser: the document, its $refs and schemas; any error-level diagnostic fails. */
async function checkAsyncApi(documents) {
  const { Parser, fromFile, DiagnosticSeverity } = await import('@asyncapi/parser');
  const parser = new Parser();
  let failed = false;
  for (const file of documents) {
    const { document, diagnostics } = await fromFile(parser, resolve(file)).parse();
    const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
    for (const d of diagnostics) {
      const level = d.severity === DiagnosticSeverity.Error ? 'error' : 'warning';
      console.log(`${file}: ${level} ${d.code} at /${d.path.join('/')}: ${d.message}`);
    }
    if (!document || errors.length > 0) {
      failed = true;
      console.error(`${file}: not a valid AsyncAPI document (${errors.length} errors)`);
    } else {
      console.log(`${file}: valid AsyncAPI ${document.version()}, ${document.channels().length} channels`);
    }
  }
  return failed;
}

/** Redocly's linter with this folder's redocly.yaml. */
function checkOpenApi(documents) {
  const redocly = spawnSync(
    join(here, 'node_modules', '.bin', 'redocly'),
    ['lint', '--config', join(here, 'redocly.yaml'), '--format', 'stylish', ...documents.map((f) => resolve(f))],
    {
      stdio: 'inherit',
      // No telemetry, no update check: builds run without asking anything of the internet.
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    },
  );
  return redocly.status !== 0;
}
