import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import { activeExtension } from './helpers/extensionUnderTest';
import { requireRig, type Rig } from './helpers/rig';
import { eventually } from './helpers/sandboxAdmin';

const TEXT = [
  '@leadId = L-10001',
  '',
  '### paths',
  'GET /v1/',
  '',
  '### query names',
  'GET {{boomtown.apiUrl}}/v1/leads?',
  '',
  '### stages',
  'GET /v1/leads?stage=',
  '',
  '### sorts',
  'GET /v1/leads?sort=',
  '',
  '### variables',
  'GET {{',
  '',
  '### valid',
  'GET /v1/leads?stage=active&limit=100',
  '',
  '### unknown path',
  'GET /v1/leadz',
  '',
  '### unknown parameter, value outside the enum, above the maximum',
  'GET /v1/leads?colour=red&stage=lost&limit=500&stag=new',
  '',
  '### another host',
  'GET https://example.com/v1/leadz?colour=red',
  '',
  '### spaces inside the braces',
  'GET {{ boomtown.apiUrl }}/v1/leads?stage= HTTP/1.1',
  '',
].join('\n');
const LINE = { paths: 3, query: 6, stages: 9, sorts: 12, variables: 15, valid: 18, unknownPath: 21, wrong: 24, foreign: 27, spaced: 30 };

const LISTINGS_YAML = [
  'openapi: 3.1.0',
  'info:',
  '  title: Listings',
  "  version: '1'",
  'paths:',
  '  /v1/listings:',
  '    get:',
  '      summary: Listings for sale',
  '      tags: [Listings]',
  "      responses: { '200': { description: OK } }",
  '',
].join('\n');
const OFFICES_YAML = `${LISTINGS_YAML}  /v1/offices:\n    get:\n      summary: Offices\n      responses: { '200': { description: OK } }\n`;
const BROKEN_YAML = 'openapi: 2.0.0\npaths: {}\n';
const EMPTY_YAML = "openapi: 3.1.0\ninfo: { title: Nothing yet, version: '1' }\npaths: {}\n";

const label = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

async function completions(uri: vscode.Uri, line: number, character: number): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(line, character));
  return list?.items ?? [];
}

async function labelsAt(uri: vscode.Uri, line: number, character: number): Promise<string[]> {
  return (await completions(uri, line, character)).map(label);
}

async function hoverText(uri: vscode.Uri, line: number, character: number): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, character))) ?? [];
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

function boomTownDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'BoomTown');
}

async function setDescription(value: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('boomtown').update('apiDescription', value, vscode.ConfigurationTarget.Workspace);
}

/** IntelliSense from the API contract, the Endpoints view and boomtown.apiDescription, in the real workbench. */
describe('the API contract in request files', () => {
  let uri: vscode.Uri;
  let folder: vscode.Uri;

  before(async () => {
    await activeExtension();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const workspace = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(workspace, 'the rig opens a folder');
    folder = workspace;
    uri = vscode.Uri.joinPath(folder, 'contract.http');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(TEXT));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  });

  after(async () => {
    await setDescription(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('completes the paths after the method, each with its summary', async () => {
    const items = await eventually('the paths', async () => {
      const found = await completions(uri, LINE.paths, 8);
      return found.some((item) => label(item) === '/v1/leads') && found;
    });
    const labels = items.map(label);
    for (const path of ['/v1/me', '/v1/leads', '/v1/leads/{id}', '/v1/leads/{id}/notes', '/v1/leads/{id}/events', '/v1/agents']) assert.ok(labels.includes(path), `${path} in ${labels.join(', ')}`);
    assert.equal(items.find((item) => label(item) === '/v1/me')?.detail, 'The signed-in user');
    assert.ok(items.every((item) => !labels.includes(label(item)) || item.detail), 'every path has its summary');
  });

  it('completes query parameter names after ?, enum values after =, and {{variables}}', async () => {
    const names = await labelsAt(uri, LINE.query, 'GET {{boomtown.apiUrl}}/v1/leads?'.length);
    for (const name of ['q', 'stage', 'sort', 'limit', 'offset']) assert.ok(names.includes(name), `${name} in ${names.join(', ')}`);
    const stages = await labelsAt(uri, LINE.stages, 'GET /v1/leads?stage='.length);
    for (const stage of ['new', 'attempted_contact', 'nurture', 'active', 'under_contract', 'closed', 'archived']) assert.ok(stages.includes(stage), `${stage} in ${stages.join(', ')}`);
    const sorts = await labelsAt(uri, LINE.sorts, 'GET /v1/leads?sort='.length);
    assert.ok(sorts.includes('-lastActivityAt'), sorts.join(', '));
    const variables = await labelsAt(uri, LINE.variables, 'GET {{'.length);
    assert.ok(variables.includes('leadId') && variables.includes('boomtown.apiUrl'), variables.join(', '));
  });

  it('reads a request line whose {{ name }} has spaces inside the braces: completion and hover', async () => {
    const stages = await labelsAt(uri, LINE.spaced, 'GET {{ boomtown.apiUrl }}/v1/leads?stage='.length);
    assert.ok(stages.includes('under_contract'), stages.join(', '));
    assert.match(await hoverText(uri, LINE.spaced, 'GET {{ boomtown.apiUrl }}/v1/le'.length), /Search leads/);
  });

  it('offers nothing of the contract for another host', async () => {
    const labels = await labelsAt(uri, LINE.foreign, 'GET https://example.com/v1/'.length);
    assert.ok(!labels.includes('/v1/leads'), labels.join(', '));
  });

  it('hovers a path with its operation and a parameter with its type, default, maximum and enum', async () => {
    const path = await hoverText(uri, LINE.valid, 'GET /v1/le'.length);
    for (const part of ['**GET** `/v1/leads`', 'Search leads', '`limit`', 'Answer']) assert.ok(path.includes(part), `${part} in ${path}`);
    const limit = await hoverText(uri, LINE.valid, 'GET /v1/leads?stage=active&li'.length);
    assert.match(limit, /`limit` \(query, integer\).*default 25.*maximum 100/);
    const stage = await hoverText(uri, LINE.valid, 'GET /v1/leads?st'.length);
    assert.match(stage, /One of: `new`/);
  });

  it('warns (source BoomTown) on an unknown path, an unknown parameter, a value outside the enum and a limit above the maximum; not on valid requests nor other hosts', async () => {
    const diagnostics = await eventually('the diagnostics', async () => {
      const found = boomTownDiagnostics(uri);
      return found.some((diagnostic) => diagnostic.range.start.line === LINE.wrong) && found;
    });
    assert.ok(diagnostics.every((diagnostic) => diagnostic.severity === vscode.DiagnosticSeverity.Warning));
    const on = (line: number) => diagnostics.filter((diagnostic) => diagnostic.range.start.line === line).map((diagnostic) => String(diagnostic.code));
    assert.deepEqual(on(LINE.unknownPath), ['unknownPath']);
    assert.deepEqual(on(LINE.wrong), ['unknownParameter', 'notInEnum', 'outOfRange', 'unknownParameter']);
    assert.deepEqual(on(LINE.valid), []);
    assert.deepEqual(on(LINE.foreign), []);
    assert.deepEqual(on(LINE.query), []);
    assert.deepEqual(on(LINE.spaced), []);
  });

  it('shows the completion list and the warnings together (the README screenshot)', async function () {
    const rig: Rig = requireRig(this);
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const at = new vscode.Position(LINE.paths, 8);
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    await eventually('the suggest widget', async () => (await rig.textOf('.suggest-widget .monaco-list-row')).some((row) => row.includes('/v1/leads')));
    await rig.screenshot('api-completion');
    await vscode.commands.executeCommand('hideSuggestWidget');
  });

  it('quick-fixes an unknown path and parameter with the nearest known one', async () => {
    const fixes = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(LINE.unknownPath, 6, LINE.unknownPath, 6));
    const fix = fixes?.find((action) => action.title === 'Replace with /v1/leads');
    assert.ok(fix?.edit, (fixes ?? []).map((action) => action.title).join(', '));
    assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
    const parameterFixes = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(LINE.wrong, 48, LINE.wrong, 48));
    assert.ok(parameterFixes?.some((action) => action.title === 'Replace with stage'), (parameterFixes ?? []).map((action) => action.title).join(', '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(document.lineAt(LINE.unknownPath).text, 'GET /v1/leads');
    await eventually('the path warning gone', async () => boomTownDiagnostics(uri).every((diagnostic) => diagnostic.range.start.line !== LINE.unknownPath));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('lists the operations by tag in the Endpoints view, each with its summary', async function () {
    const rig: Rig = requireRig(this);
    await vscode.commands.executeCommand('boomtown.endpoints.focus');
    const pane = '.pane:has(.pane-header:has-text("Endpoints"))';
    const rowLabels = () => rig.textOf(`${pane} .monaco-list-row .label-name`);
    const top = await eventually('the endpoints', async () => {
      const found = await rowLabels();
      return found.includes('GET /v1/me') && found;
    });
    // Until the contract is loaded the view shows its welcome text, which took the focus: give it to the list of rows now.
    await vscode.commands.executeCommand('boomtown.endpoints.focus');
    const summaries = await rig.textOf(`${pane} .monaco-list-row .label-description`);
    // The list renders the rows in view only: the rest are read while walking down to the last one.
    const seen = new Set(top);
    await rig.press('Home');
    for (let step = 0; step < 12 && !seen.has('GET /v1/agents'); step++) {
      await rig.press('ArrowDown');
      for (const row of await rowLabels()) seen.add(row);
    }
    const labels = [...seen];
    for (const row of ['Account', 'GET /v1/me', 'Leads', 'GET /v1/leads', 'GET /v1/leads/{id}', 'GET /v1/leads/{id}/notes', 'GET /v1/leads/{id}/events', 'Agents', 'GET /v1/agents']) assert.ok(labels.includes(row), `${row} in ${labels.join(', ')}`);
    assert.ok(summaries.includes('The signed-in user'), summaries.join(', '));
  });

  it('boomtown.endpoints.openRequest writes the request into the request file in focus, or a new untitled one, and resolves to its URI', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const into = await vscode.commands.executeCommand<vscode.Uri>(Commands.endpointsOpenRequest, 'GET', '/v1/leads/{id}/notes');
    assert.equal(into?.toString(), uri.toString());
    const document = await vscode.workspace.openTextDocument(uri);
    assert.ok(document.getText().endsWith('GET {{boomtown.apiUrl}}/v1/leads/{{id}}/notes\n'), document.getText().slice(-200));
    assert.equal(vscode.window.activeTextEditor?.document.lineAt(vscode.window.activeTextEditor.selection.active.line).text, 'GET {{boomtown.apiUrl}}/v1/leads/{{id}}/notes');
    await vscode.commands.executeCommand('workbench.action.files.revert');

    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const untitled = await vscode.commands.executeCommand<vscode.Uri>(Commands.endpointsOpenRequest, 'GET', '/v1/me');
    assert.equal(untitled?.scheme, 'untitled');
    const opened = vscode.window.activeTextEditor?.document;
    assert.equal(opened?.uri.toString(), untitled.toString());
    assert.equal(opened?.languageId, 'http');
    assert.match(opened?.getText() ?? '', /^### The signed-in user\nGET \{\{boomtown\.apiUrl\}\}\/v1\/me\n/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  });

  it('boomtown.apiDescription: a YAML description adds /v1/listings, follows its file, and is gone once the setting is removed', async () => {
    const description = vscode.Uri.joinPath(folder, 'listings.yaml');
    await vscode.workspace.fs.writeFile(description, new TextEncoder().encode(LISTINGS_YAML));
    await setDescription('listings.yaml');
    await eventually('/v1/listings offered', async () => (await labelsAt(uri, LINE.paths, 8)).includes('/v1/listings'));
    // Only the description's operations now: /v1/leads is unknown to it.
    assert.ok(!(await labelsAt(uri, LINE.paths, 8)).includes('/v1/leads'));
    await vscode.workspace.fs.writeFile(description, new TextEncoder().encode(OFFICES_YAML));
    await eventually('/v1/offices offered after the file changed', async () => (await labelsAt(uri, LINE.paths, 8)).includes('/v1/offices'));
    await setDescription(undefined);
    await eventually('/v1/listings gone', async () => {
      const labels = await labelsAt(uri, LINE.paths, 8);
      return labels.includes('/v1/leads') && !labels.includes('/v1/listings');
    });
  });

  it('boomtown.apiDescription: a broken description is one warning naming the file and the problem with its pointer; the built-in contract stays', async function () {
    const rig: Rig = requireRig(this);
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'broken.yaml'), new TextEncoder().encode(BROKEN_YAML));
    await setDescription('broken.yaml');
    const toasts = await eventually('the warning', async () => {
      const found = await rig.textOf('.notifications-toasts .notification-list-item-message');
      return found.some((text) => text.includes('broken.yaml')) && found;
    });
    const warnings = toasts.filter((text) => text.includes('broken.yaml'));
    assert.equal(warnings.length, 1, toasts.join(' | '));
    assert.match(warnings[0], /not an OpenAPI 3\.0 or 3\.1 document.*\/openapi.*built-in contract stays in use/);
    assert.ok((await labelsAt(uri, LINE.paths, 8)).includes('/v1/leads'), 'the built-in contract is still offered');
    await setDescription(undefined);
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('an Endpoints view with nothing to list says what it lists and offers New Request File', async function () {
    const rig: Rig = requireRig(this);
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'empty.yaml'), new TextEncoder().encode(EMPTY_YAML));
    await setDescription('empty.yaml');
    await vscode.commands.executeCommand('boomtown.endpoints.focus');
    const pane = '.pane:has(.pane-header:has-text("Endpoints"))';
    await eventually('the welcome text', async () => (await rig.textOf(`${pane} .welcome-view-content`)).some((text) => text.includes('The operations of the BoomTown API appear here')));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await rig.click(`${pane} .welcome-view-content .monaco-button:has-text("New Request File")`);
    await eventually('the new request file', async () => {
      const document = vscode.window.activeTextEditor?.document;
      return document?.isUntitled && /GET \{\{boomtown\.apiUrl\}\}\/v1\/me/.test(document.getText());
    });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await setDescription(undefined);
    await eventually('the endpoints back', async () => (await rig.textOf(`${pane} .monaco-list-row .label-name`)).includes('GET /v1/me'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  });
});
