import { strict as assert } from 'node:assert';
import { StartupFigures } from '../../rig/run/startupFigures';

describe('StartupFigures (the activation ratio over every startup of a rig run)', () => {
  it('takes the ratio lines the tests log, ignores every other line, and prints their median with each sample', () => {
    const figures = new StartupFigures();
    figures.note('      [figure] activation (first window): 9 ms (require() 5 + activate() 4; …)', 'development on code-server 4.100.3');
    figures.note('      [figure] activation / github-authentication: 0.40 (goal ≤ 0.33; one startup sample each, first window)', 'development on code-server 4.100.3');
    figures.note('      [figure] activation / github-authentication: 0.10 (goal ≤ 0.33; one startup sample each, reloaded window)', 'development on code-server 4.100.3');
    figures.note('      [figure] activation / github-authentication: 0.25 (goal ≤ 0.33; one startup sample each, first window)', 'vsix on code-server 4.139.1');
    assert.equal(
      figures.summary(),
      '[figure] activation / github-authentication, median of the 3 startups of this rig run: 0.25 (goal ≤ 0.33; 0.40 development on code-server 4.100.3; 0.10 development on code-server 4.100.3; 0.25 vsix on code-server 4.139.1)',
    );
  });

  it('an even count takes the mean of the middle two; no samples, no line', () => {
    const figures = new StartupFigures();
    assert.equal(figures.summary(), undefined);
    for (const ratio of ['0.20', '0.30']) figures.note(`[figure] activation / github-authentication: ${ratio} (…)`, 'run');
    assert.match(figures.summary() ?? '', /median of the 2 startups of this rig run: 0\.25 /);
  });
});
