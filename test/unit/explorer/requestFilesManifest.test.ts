import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Commands, Views } from '../../../src/constants';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));

describe('request files in the manifest', () => {
  it('contributes the http language for .http and .rest, and activates on it', () => {
    const http = manifest.contributes.languages.find((language: { id: string }) => language.id === 'http');
    assert.deepEqual(http.extensions, ['.http', '.rest']);
    // Without a language configuration (the last one contributed would win over REST Client's too) VS Code generates no onLanguage event itself.
    assert.ok(manifest.activationEvents.includes('onLanguage:http'));
  });

  it('brings no TextMate grammar, which would replace REST Client\'s or httpYac\'s (the last contributed wins)', () => {
    assert.equal(manifest.contributes.grammars, undefined);
  });

  it('shows "Request History" in the BoomTown container with its actions', () => {
    assert.ok(manifest.contributes.views[Views.container].some((view: { id: string }) => view.id === Views.requestHistory));
    const titleCommands = manifest.contributes.menus['view/title'].filter((item: { when: string }) => item.when.includes(Views.requestHistory)).map((item: { command: string }) => item.command);
    assert.deepEqual(titleCommands, [Commands.newRequestFile, Commands.historyClear]);
  });
});
