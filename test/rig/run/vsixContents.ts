import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import yauzl from 'yauzl';

/**
 * What the .vsix may hold, named as inside the archive. vsce adds its own two files and renames
 * three: README.md ships as extension/readme.md, CHANGELOG.md as extension/changelog.md and
 * LICENSE as extension/LICENSE.txt. Everything else comes through the .vscodeignore allow-list.
 */
const VSCE_OWN_FILES = ['[Content_Types].xml', 'extension.vsixmanifest'];
const ALWAYS_SHIPPED = [
  'extension/package.json',
  'extension/package.nls.json',
  'extension/readme.md',
  'extension/changelog.md',
  'extension/LICENSE.txt',
  'extension/dist/extension.mjs',
  'extension/dist/THIRD_PARTY_NOTICES.txt',
];
/** Bundle chunks and media that may ship whether or not the manifest names it (walkthrough pages may link to each other). */
const ALLOWED_MEDIA = [
  // The chunks esbuild's code splitting makes beside the entry (src/bundle/extensionBuild.mjs).
  /^extension\/dist\/[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\.mjs$/,
  /^extension\/media\/(icon\.png|boomtown\.svg)$/,
  /^extension\/media\/walkthrough\/[^/]+\.md$/,
  // Translations of the runtime strings beside the English bundle (bundle.l10n.de.json, ...).
  /^extension\/l10n\/bundle\.l10n\.[A-Za-z-]+\.json$/,
];
const MANIFEST_IN_ARCHIVE = 'extension/package.json';

export interface MissingFile {
  file: string;
  /** Why it must be there: which shipped file names it. */
  neededBy: string;
}

export interface VsixContentsReport {
  files: string[];
  /** In the archive, but not in the allow-list: sources, maps, tests, secrets... */
  unexpected: string[];
  /** Always shipped, or named by the shipped package.json, but not in the archive. */
  missing: MissingFile[];
}

/** Looks inside a built .vsix and compares it with what the extension is meant to ship. */
export async function inspectVsix(file: string): Promise<VsixContentsReport> {
  const archive = await yauzl.openPromise(file);
  const names: string[] = [];
  let manifest: ExtensionManifest = {};
  for await (const entry of archive.eachEntry()) {
    names.push(entry.fileName);
    if (entry.fileName === MANIFEST_IN_ARCHIVE) {
      manifest = JSON.parse((await buffer(await archive.openReadStreamPromise(entry))).toString('utf8')) as ExtensionManifest;
    }
  }
  return compareContents(names, manifest);
}

export function compareContents(files: readonly string[], manifest: ExtensionManifest): VsixContentsReport {
  const required = new Map<string, string>();
  for (const file of [...VSCE_OWN_FILES, ...ALWAYS_SHIPPED]) required.set(file, 'every package');
  for (const file of filesNamedByManifest(manifest)) required.set(file, 'package.json');
  const allowed = (file: string) => required.has(file) || ALLOWED_MEDIA.some((pattern) => pattern.test(file));
  const present = new Set(files);
  return {
    files: [...files].sort(),
    unexpected: files.filter((file) => !allowed(file)).sort(),
    missing: [...required]
      .filter(([file]) => !present.has(file))
      .map(([file, neededBy]) => ({ file, neededBy }))
      .sort((left, right) => left.file.localeCompare(right.file)),
  };
}

/** The parts of package.json that name files of the package. */
export interface ExtensionManifest {
  main?: string;
  /** The folder of the runtime strings' bundles; VS Code reads bundle.l10n.json there. */
  l10n?: string;
  icon?: string;
  contributes?: {
    viewsContainers?: Record<string, Array<{ icon?: string }>>;
    views?: Record<string, Array<{ icon?: string }>>;
    walkthroughs?: Array<{ steps?: Array<{ media?: StepMedia }> }>;
  };
}

/** A walkthrough step shows one of these; an image may have one file per theme. */
interface StepMedia {
  markdown?: string;
  svg?: string;
  image?: string | Record<string, string>;
}

/**
 * Files VS Code loads because the manifest names them: a walkthrough page or icon left out by the
 * allow-list breaks only in the installed extension, never in the development folder.
 */
export function filesNamedByManifest(manifest: ExtensionManifest): string[] {
  const contributes = manifest.contributes ?? {};
  const iconsOf = (groups: Record<string, Array<{ icon?: string }>> | undefined) =>
    Object.values(groups ?? {}).flatMap((entries) => entries.map((entry) => entry.icon));
  const stepMedia = (contributes.walkthroughs ?? []).flatMap((walkthrough) =>
    (walkthrough.steps ?? []).flatMap((step) => mediaFiles(step.media ?? {})),
  );
  const l10nBundle = isPackageFile(manifest.l10n) ? path.posix.join(manifest.l10n, 'bundle.l10n.json') : undefined;
  const named = [manifest.main, manifest.icon, l10nBundle, ...iconsOf(contributes.viewsContainers), ...iconsOf(contributes.views), ...stepMedia];
  return [...new Set(named.filter(isPackageFile).map(inArchive))];
}

/** `./media/x.png` in the repository is `extension/media/x.png` in the archive. */
function inArchive(file: string): string {
  return path.posix.join('extension', file);
}

function mediaFiles({ markdown, svg, image }: StepMedia): unknown[] {
  return [markdown, svg, ...(typeof image === 'object' ? Object.values(image) : [image])];
}

/** A relative path inside the package, not a codicon like `$(key)`, a URL or an absolute path. */
function isPackageFile(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && !value.startsWith('$(') && !value.startsWith('/') && !/^[a-z][a-z0-9+.-]*:/i.test(value);
}

export function describeContents(report: VsixContentsReport): string[] {
  return [
    ...report.unexpected.map((file) => `not allowed in the package: ${file}`),
    ...report.missing.map(({ file, neededBy }) => `missing from the package, needed by ${neededBy}: ${file}`),
  ];
}
