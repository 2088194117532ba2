// Audits the packaged extension (dist/boomtown-vscode.vsix, or the file given) as a security
// reviewer would (test/rig/run/bundleAudit.ts). `npm run package` runs it after vsce, so a package
// with a code payload, run-time compilation or a bundled package missing from the notices fails there,
// and `npm test` (which packages before the rig runs) with it.
//   npx tsx test/rig/auditVsix.ts [file.vsix]
import path from 'node:path';
import { auditDist, readPackagedDist, undiciAllowance } from './run/bundleAudit';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

interface BuildModules {
  buildBundle(
    how: { production: boolean; logLevel: string },
    options: { write: false },
  ): Promise<{ metafile: import('esbuild').Metafile; outputFiles: import('esbuild').OutputFile[] }>;
}
interface NoticeModules {
  bundledPackages(root: string, metafile: import('esbuild').Metafile): Array<{ name: string; version: string }>;
}

async function main(): Promise<number> {
  const vsix = path.resolve(process.argv[2] ?? path.join(REPO_ROOT, 'dist', 'boomtown-vscode.vsix'));
  const dist = await readPackagedDist(vsix);
  // Which packages are in the bundle: the production build's own metafile, made again in memory. Its
  // files must be the package's, byte for byte, or the package is not this build.
  const { buildBundle } = (await import(path.join(REPO_ROOT, 'src', 'bundle', 'extensionBuild.mjs'))) as BuildModules;
  const { bundledPackages } = (await import(path.join(REPO_ROOT, 'src', 'bundle', 'thirdPartyNotices.mjs'))) as NoticeModules;
  const fresh = await buildBundle({ production: true, logLevel: 'silent' }, { write: false });
  const findings: string[] = [];
  for (const output of fresh.outputFiles) {
    const name = path.basename(output.path);
    if (!dist.get(name)?.equals(Buffer.from(output.contents))) findings.push(`${name} in the package differs from a fresh production build (run npm run package)`);
  }
  findings.push(...auditDist(dist, await undiciAllowance(REPO_ROOT), bundledPackages(REPO_ROOT, fresh.metafile)));
  const scripts = [...dist.keys()].filter((file) => file.endsWith('.mjs'));
  for (const finding of findings) console.log(`FAILED vsix audit: ${finding}`);
  if (findings.length === 0) console.log(`vsix audit passed: ${scripts.length} scripts, ${[...dist.values()].reduce((sum, bytes) => sum + bytes.length, 0)} bytes in dist/, no payload, no run-time compilation, every bundled package in the notices`);
  return findings.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
