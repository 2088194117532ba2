import { strict as assert } from 'node:assert';
import { StartupFigures } from '../../rig/run/startupFigures';

describe('StartupFigures (the activation figures over every startup of a rig run)', () => {
  const line = (startup: string, ours: number, github: number, empty: number, oursEvent = 'onStartupFinished', emptyEvent = oursEvent) =>
    `      [figure] startup activation (${startup}): boomtown ${ours} ms by ${oursEvent}, github-authentication ${github} ms by onAuthenticationRequest:github, ` +
    `empty ${empty} ms by ${emptyEvent} (Load Code + Call Activate, VS Code's Extension Activation Stats; …)`;

  it('takes the startup lines the tests log, ignores every other line, and prints the medians, their ratios and each sample', () => {
    const figures = new StartupFigures();
    figures.note(line('first window', 12, 40, 8), 'development on code-server 4.100.3');
    figures.note('      [figure] activation (first window): 9 ms (…)', 'development on code-server 4.100.3');
    figures.note(line('reloaded window', 6, 30, 5, 'onView:boomtown.leads'), 'development on code-server 4.100.3');
    figures.note(line('first window', 9, 20, 7), 'vsix on code-server 4.139.1');
    // Paired per startup: 12/40 0.30, 6/30 0.20, 9/20 0.45 -> 0.30; 12/8 1.50, 6/5 1.20, 9/7 1.29 -> 1.29.
    assert.equal(
      figures.summary(),
      '[figure] startup activation, medians of the 3 startups of this rig run where boomtown and the empty extension were activated by the same event: ' +
        'boomtown 9 ms, github-authentication 30 ms, empty 7 ms; ' +
        'boomtown / github-authentication 0.30 (goal ≤ 0.5), boomtown / empty 1.29 (goal ≤ 1.5); ' +
        "median of each startup's ratios: 0.30 and 1.29; " +
        'each startup, boomtown/github-authentication/empty ms: 12/40/8 development on code-server 4.100.3 (onStartupFinished); ' +
        '6/30/5 development on code-server 4.100.3 (onView:boomtown.leads); 9/20/7 vsix on code-server 4.139.1 (onStartupFinished)',
    );
  });

  it('leaves a startup where the two were activated by different events out of the medians, and lists it apart', () => {
    const figures = new StartupFigures();
    figures.note(line('first window', 10, 20, 8), 'run');
    figures.note(line('reloaded window', 300, 20, 30, 'onView:boomtown.leads', 'onStartupFinished'), 'run');
    assert.equal(
      figures.summary(),
      '[figure] startup activation, medians of the 1 startups of this rig run where boomtown and the empty extension were activated by the same event: ' +
        'boomtown 10 ms, github-authentication 20 ms, empty 8 ms; boomtown / github-authentication 0.50 (goal ≤ 0.5), boomtown / empty 1.25 (goal ≤ 1.5); ' +
        "median of each startup's ratios: 0.50 and 1.25; each startup, boomtown/github-authentication/empty ms: 10/20/8 run (onStartupFinished); " +
        'left out, boomtown and the empty extension activated by different events: 300/20/30 run (boomtown by onView:boomtown.leads, empty by onStartupFinished)',
    );
  });

  it('says so when no startup compares like with like', () => {
    const figures = new StartupFigures();
    figures.note(line('reloaded window', 300, 20, 30, 'onView:boomtown.leads', 'onStartupFinished'), 'run');
    assert.equal(
      figures.summary(),
      '[figure] startup activation: no startup of this rig run activated boomtown and the empty extension by the same event, so no figure compares them; ' +
        'left out, boomtown and the empty extension activated by different events: 300/20/30 run (boomtown by onView:boomtown.leads, empty by onStartupFinished)',
    );
  });

  it('an even count takes the mean of the middle two; no samples, no line', () => {
    const figures = new StartupFigures();
    assert.equal(figures.summary(), undefined);
    figures.note(line('a', 10, 20, 4), 'run');
    figures.note(line('b', 20, 40, 6), 'run');
    assert.match(figures.summary() ?? '', /event: boomtown 15 ms, github-authentication 30 ms, empty 5 ms; boomtown \/ github-authentication 0\.50 .*boomtown \/ empty 3\.00 /);
  });
});
