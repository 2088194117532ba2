/**
 * The code-server releases the rig knows by name. Exact versions, not the registry's `latest` tag:
 * an install is cached by version and must mean the same VS Code tomorrow, offline.
 */

/** VS Code 1.100.3, the oldest VS Code `engines.vscode` accepts; runs on the project's own Node 20. */
export const OLDEST_CODE_SERVER = '4.100.3';
/** VS Code 1.139.1, what most users run; wants Node 24, which the rig installs beside it. */
export const NEWEST_CODE_SERVER = '4.139.1';

const ALIASES: Readonly<Record<string, readonly string[]>> = {
  oldest: [OLDEST_CODE_SERVER],
  newest: [NEWEST_CODE_SERVER],
  all: [OLDEST_CODE_SERVER, NEWEST_CODE_SERVER],
};

/**
 * `oldest`, `newest`, `all`, an exact version (`4.139.1`) or a comma-separated list of those,
 * in the order given, each version once.
 */
export function resolveCodeServerVersions(spec: string): string[] {
  const versions: string[] = [];
  for (const word of spec.split(',').map((part) => part.trim()).filter(Boolean)) {
    const named = ALIASES[word] ?? (/^\d+\.\d+\.\d+$/.test(word) ? [word] : undefined);
    if (!named) throw new Error(`code-server version "${word}": give oldest, newest, all or a version such as ${NEWEST_CODE_SERVER}`);
    for (const version of named) if (!versions.includes(version)) versions.push(version);
  }
  if (versions.length === 0) throw new Error('no code-server version given');
  return versions;
}
