// The third-party notices of the bundle: every package under node_modules that contributed bytes to
// the output, read from esbuild's metafile, with its name, version, license and the full text of
// its license file (their MIT/ISC/BlueOak licenses ask for the notice to travel with the code).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const NOTICES_FILE = 'THIRD_PARTY_NOTICES.txt';

/**
 * Packages published without a license file, and the license text kept here for them: their
 * repository's LICENSE, as the package.json's `repository` names it. Only these are let through.
 */
const KEPT_LICENSES = {
  // github.com/microsoft/vscode-l10n, LICENSE (MIT); the npm package ships dist/ and README.md only.
  '@vscode/l10n': 'licenses/vscode-l10n.LICENSE.txt',
};

/**
 * The package folders (relative to `root`, e.g. `node_modules/proper-lockfile/node_modules/signal-exit`)
 * whose files put at least one byte into an output file of `metafile`.
 * @param {import('esbuild').Metafile} metafile
 * @returns {string[]}
 */
export function bundledPackageFolders(metafile) {
  const folders = new Set();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      if (bytesInOutput > 0) {
        const folder = packageFolderOf(input);
        if (folder) folders.add(folder);
      }
    }
  }
  return [...folders].sort();
}

/**
 * The bundled packages' names and versions, as their package.json files say.
 * @param {string} root
 * @param {import('esbuild').Metafile} metafile
 * @returns {Array<{ name: string, version: string, folder: string }>}
 */
export function bundledPackages(root, metafile) {
  return bundledPackageFolders(metafile).map((folder) => {
    const { name, version } = JSON.parse(readFileSync(path.join(root, folder, 'package.json'), 'utf8'));
    return { name, version, folder };
  });
}

/** `node_modules/a/node_modules/@s/b/lib/x.js` -> `node_modules/a/node_modules/@s/b`; our own files -> undefined. */
export function packageFolderOf(input) {
  const parts = input.split(/[/\\]/);
  const last = parts.lastIndexOf('node_modules');
  if (last < 0) return undefined;
  const length = parts[last + 1]?.startsWith('@') ? 3 : 2;
  return parts.slice(0, last + length).join('/');
}

/**
 * One entry per package folder: `name version (license)`, then its license file as the package ships
 * it. A package without a license file fails the build: shipping it without its notice is what this
 * file exists to prevent.
 * @param {string} root the project folder the metafile's paths are relative to
 * @param {string[]} folders
 * @returns {string}
 */
export function noticesText(root, folders) {
  const entries = folders.map((folder) => {
    const dir = path.join(root, folder);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const licenseFile = readdirSync(dir).find((name) => /^(licen[cs]e|copying)(\.|$)/i.test(name));
    const kept = KEPT_LICENSES[manifest.name];
    if (!licenseFile && !kept) throw new Error(`${folder} (${manifest.name}) has no license file to put in ${NOTICES_FILE}`);
    const license = typeof manifest.license === 'string' ? manifest.license : (manifest.license?.type ?? 'see the license text');
    // Named from node_modules/ on: where the folder sits on the build machine is nobody's business.
    const shown = folder.slice(Math.max(0, folder.indexOf('node_modules/')));
    const [source, text] = licenseFile
      ? [`${shown}/${licenseFile}`, readFileSync(path.join(dir, licenseFile), 'utf8')]
      : [`its repository's LICENSE (the package ships none)`, readFileSync(new URL(kept, import.meta.url), 'utf8')];
    return [`${manifest.name} ${manifest.version} (${license})`, `From ${source}:`, '', text.trim()].join('\n');
  });
  const rule = '-'.repeat(72);
  return [
    'Third-party software in this extension (dist/*.mjs), with its license.',
    'Generated at build time from the packages that contributed code to the bundle (src/bundle/thirdPartyNotices.mjs).',
    '',
    ...entries.flatMap((entry) => [rule, entry, '']),
  ].join('\n');
}

/** The `name version (license)` headings of a notices file, as noticesText writes them. */
export function noticeHeadings(text) {
  return text.split('\n').filter((line, index, lines) => index > 0 && lines[index - 1].startsWith('-'.repeat(72)));
}
