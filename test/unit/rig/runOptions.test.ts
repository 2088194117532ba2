import assert from 'node:assert/strict';
import path from 'node:path';
import { addTallies, tallyLine } from '../../rig/run/output';
import { grepOf, parseOptions, runSpecs, VSIX_SUITES } from '../../rig/run/runOptions';
import { NEWEST_CODE_SERVER, OLDEST_CODE_SERVER, resolveCodeServerVersions } from '../../rig/install/versions';

const REPO = path.resolve('/repo');

describe('rig: which runs a command asks for', () => {
  it('names code-server versions by alias, exactly, or as a list, each once and in order', () => {
    assert.deepEqual(resolveCodeServerVersions('oldest'), [OLDEST_CODE_SERVER]);
    assert.deepEqual(resolveCodeServerVersions('all'), [OLDEST_CODE_SERVER, NEWEST_CODE_SERVER]);
    assert.deepEqual(resolveCodeServerVersions(`newest, 4.120.0,${NEWEST_CODE_SERVER}`), [NEWEST_CODE_SERVER, '4.120.0']);
    assert.throws(() => resolveCodeServerVersions('latest'), /give oldest, newest, all or a version/);
    assert.throws(() => resolveCodeServerVersions(' , '), /no code-server version/);
  });

  it('runs the development folder on the oldest VS Code unless told otherwise', () => {
    const options = parseOptions([], {}, REPO);
    assert.deepEqual(options.versions, [OLDEST_CODE_SERVER]);
    assert.deepEqual(options.runs, ['development']);
    assert.equal(options.vsix, path.join(REPO, 'dist', 'boomtown-vscode.vsix'));
  });

  it('repeats every run on every version, versions outermost', () => {
    const options = parseOptions(['--code-server', 'all', '--runs', 'development,vsix'], {}, REPO);
    assert.deepEqual(
      runSpecs(options).map((spec) => `${spec.version} ${spec.kind}`),
      [`${OLDEST_CODE_SERVER} development`, `${OLDEST_CODE_SERVER} vsix`, `${NEWEST_CODE_SERVER} development`, `${NEWEST_CODE_SERVER} vsix`],
    );
  });

  it('takes the environment when no flag is given, and the flag over it', () => {
    const env = { BOOMTOWN_CODE_SERVER: 'newest', BOOMTOWN_RIG_RUNS: 'vsix' };
    assert.deepEqual(parseOptions([], env, REPO).versions, [NEWEST_CODE_SERVER]);
    assert.deepEqual(parseOptions(['--code-server', 'oldest'], env, REPO).versions, [OLDEST_CODE_SERVER]);
    assert.deepEqual(parseOptions(['--vsix', 'other.vsix'], {}, REPO).runs, ['vsix']);
  });

  it('gives a vsix run the package suites, unless a grep is given for every run', () => {
    const [development, vsix] = runSpecs(parseOptions(['--runs', 'development,vsix'], {}, REPO));
    assert.equal(grepOf(development!), undefined);
    assert.equal(grepOf(vsix!), VSIX_SUITES);
    const [grepped] = runSpecs(parseOptions(['--runs', 'vsix', '--grep', '^activation '], {}, REPO));
    assert.equal(grepOf(grepped!), '^activation ');
  });

  it('refuses combinations that cannot mean what they say', () => {
    assert.throws(() => parseOptions(['--runs', 'desktop'], {}, REPO), /development and\/or vsix/);
    assert.throws(() => parseOptions(['--runs', 'vsix', '--mode', 'automation'], {}, REPO), /driver mode only/);
    assert.throws(() => parseOptions(['--runs', 'vsix', '--extension', '/other'], {}, REPO), /does not go with a vsix run/);
    assert.throws(() => parseOptions(['--timeout', '0'], {}, REPO), /positive number/);
  });

  it('sums the runs into one closing line', () => {
    const total = addTallies([
      { passed: 22, failed: 0, skipped: 0 },
      { passed: 12, failed: 1, skipped: 2 },
    ]);
    assert.equal(tallyLine(total), '34 passed, 1 failed, 2 skipped');
    assert.equal(tallyLine(addTallies([])), '0 passed, 0 failed');
  });
});
