import path from 'node:path';
import { RigEnv } from '../bridgeProtocol';
import { OLDEST_CODE_SERVER, resolveCodeServerVersions } from '../install/versions';

/** `development`: the extension folder (extensionDevelopmentPath); `vsix`: the package, installed as a user would. */
export type RunKind = 'development' | 'vsix';

/** The suites the installed package must pass: what a package can get wrong (files, activation, sign-in). */
export const VSIX_SUITES = '^(activation|contributions|signing in to BoomTown|sign-in flows|signed in after a restart|the extension under test) ';
export const DEFAULT_VSIX = path.join('dist', 'boomtown-vscode.vsix');

export interface RigOptions {
  /** Each run is repeated on each of these code-server versions, in this order. */
  versions: string[];
  runs: RunKind[];
  mode: 'driver' | 'automation';
  screenshot?: string;
  extensionPath: string;
  vsix: string;
  /** Per run. */
  timeoutMs: number;
  verbose: boolean;
  /** Overrides each run's own choice of tests (all of them; VSIX_SUITES for the package). */
  grep?: string;
}

/** One run of the suite: one extension source in one code-server. */
export interface RunSpec extends Omit<RigOptions, 'versions' | 'runs'> {
  version: string;
  kind: RunKind;
}

export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv, repoRoot: string): RigOptions {
  const flag = (name: string) => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const mode = flag('mode') ?? env.BOOMTOWN_RIG_MODE ?? 'driver';
  if (mode !== 'driver' && mode !== 'automation') throw new Error(`--mode must be driver or automation, not "${mode}"`);
  const timeoutSeconds = Number(flag('timeout') ?? env.BOOMTOWN_RIG_TIMEOUT ?? 480);
  if (!(timeoutSeconds > 0)) throw new Error('--timeout must be a positive number of seconds');
  const vsixFlag = flag('vsix') ?? env.BOOMTOWN_RIG_VSIX;
  const runs = parseRuns(flag('runs') ?? env.BOOMTOWN_RIG_RUNS ?? (vsixFlag ? 'vsix' : 'development'));
  const extension = flag('extension') ?? env.BOOMTOWN_RIG_EXTENSION;
  if (extension && runs.includes('vsix')) throw new Error('--extension names the development folder to test: it does not go with a vsix run');
  // VS Code's extension-test mode needs an extensionDevelopmentPath, which would load the development folder.
  if (runs.includes('vsix') && mode !== 'driver') throw new Error('a vsix run works in driver mode only');
  const screenshot = flag('screenshot') ?? env.BOOMTOWN_RIG_SCREENSHOT;
  return {
    versions: resolveCodeServerVersions(flag('code-server') ?? env.BOOMTOWN_CODE_SERVER ?? OLDEST_CODE_SERVER),
    runs,
    mode,
    screenshot: screenshot ? path.resolve(screenshot) : undefined,
    extensionPath: path.resolve(extension ?? repoRoot),
    vsix: path.resolve(repoRoot, vsixFlag ?? DEFAULT_VSIX),
    timeoutMs: timeoutSeconds * 1000,
    verbose: argv.includes('--verbose') || env.BOOMTOWN_RIG_VERBOSE === '1',
    grep: flag('grep') ?? env[RigEnv.grep],
  };
}

function parseRuns(spec: string): RunKind[] {
  const runs = [...new Set(spec.split(',').map((word) => word.trim()).filter(Boolean))];
  for (const run of runs) if (run !== 'development' && run !== 'vsix') throw new Error(`--runs takes development and/or vsix, not "${run}"`);
  if (runs.length === 0) throw new Error('--runs names no run');
  return runs as RunKind[];
}

/** Every version × every run, versions outermost: each code-server is installed, used, then left. */
export function runSpecs(options: RigOptions): RunSpec[] {
  const { versions, runs, ...shared } = options;
  return versions.flatMap((version) => runs.map((kind) => ({ ...shared, version, kind })));
}

/** The tests a run selects: the one given, or the package's suites for a vsix run. */
export function grepOf(spec: RunSpec): string | undefined {
  return spec.grep ?? (spec.kind === 'vsix' ? VSIX_SUITES : undefined);
}

export function describeRun(spec: RunSpec, repoRoot: string): string {
  const subject = spec.kind === 'vsix' ? path.relative(repoRoot, spec.vsix) : spec.extensionPath === repoRoot ? 'development folder' : spec.extensionPath;
  return `code-server ${spec.version}, ${subject}${spec.mode === 'automation' ? ' (automation mode)' : ''}`;
}
