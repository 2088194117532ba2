/**
 * `npm run bench [-- <section>…] [--json]`: figures about speed and cost, printed, never asserted.
 *
 *   sections: bundle, auth, leads, requests, activation, sessions (default: all, in that order)
 *   --json    print only the JSON blob (progress and tables are left out)
 *
 * Everything runs against the project's sandbox on loopback with the real core code. Every server
 * a section starts is stopped by that section; a watchdog ends the run if it ever hangs.
 */
import os from 'node:os';
import { activationSection } from './activation';
import { authSection } from './auth';
import { bundleSection } from './bundle';
import { leadsSection } from './leads';
import { sessionsSection } from './sessions';
import { requestsSection } from './requests';
import { renderTable, toJson, type FailedSection, type SectionResult } from './report';

type Say = (line: string) => void;

const SECTIONS: Record<string, (say: Say) => Promise<SectionResult>> = {
  bundle: bundleSection,
  auth: authSection,
  leads: leadsSection,
  requests: requestsSection,
  activation: activationSection,
  sessions: sessionsSection,
};
/** A hung section must not hold a terminal or CI forever: about 3 minutes, plus 5 for the slow secret-store rows of sessions. */
const WATCHDOG_MS = 480_000;

interface Args {
  sections: string[];
  json: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const sections: string[] = [];
  let json = false;
  for (const arg of argv) {
    if (arg === '--json') json = true;
    else if (arg in SECTIONS) sections.push(arg);
    else throw new UsageError(`unknown argument "${arg}"; sections: ${Object.keys(SECTIONS).join(', ')}; flag: --json`);
  }
  return { sections: sections.length > 0 ? [...new Set(sections)] : Object.keys(SECTIONS), json };
}

class UsageError extends Error {}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`bench: ${error.message}`);
    return 2;
  }
  const say: Say = args.json ? () => undefined : (line) => console.error(`[bench] ${line}`);
  const results: SectionResult[] = [];
  const failures: FailedSection[] = [];
  for (const name of args.sections) {
    const started = performance.now();
    try {
      const result = await SECTIONS[name](say);
      results.push(result);
      if (!args.json) console.log(`${renderTable(result)}\n`);
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      failures.push({ name, error: message });
      if (!args.json) console.log(`== ${name}: FAILED ==\n${message}\n`);
    }
    say(`${name} took ${Math.round(performance.now() - started)} ms`);
  }
  const environment = {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    date: new Date().toISOString(),
  };
  console.log(JSON.stringify(toJson(results, failures, environment), null, args.json ? 2 : undefined));
  return failures.length > 0 ? 1 : 0;
}

const watchdog = setTimeout(() => {
  console.error(`bench: still running after ${WATCHDOG_MS / 1000} s; giving up`);
  process.exit(1);
}, WATCHDOG_MS);
watchdog.unref();

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
