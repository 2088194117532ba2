import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL, ChatSettings, ChatTools, Commands, CONFIG_SECTION, EXTENSION_ID, Views } from '../../../src/constants';
import { DEFAULT_API_URL, DEFAULT_AUTH_URL } from '../../../src/core/shared/config';

const root = join(__dirname, '..', '..', '..');
const nls: Record<string, string> = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8'));
const rawManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
/** The manifest as VS Code shows it: every %key% replaced from package.nls.json. */
const manifest = localize(rawManifest);

function localize(value: unknown): any {
  if (typeof value === 'string') {
    const key = /^%(.+)%$/.exec(value)?.[1];
    if (key === undefined) return value;
    assert.ok(key in nls, `package.nls.json lacks ${key}`);
    return nls[key];
  }
  if (Array.isArray(value)) return value.map(localize);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, localize(v)]));
  return value;
}
const registered = new Set<string>(Object.values(Commands));

describe('package.json manifest', () => {
  it('names the extension as the code does', () => {
    assert.equal(`${manifest.publisher}.${manifest.name}`, EXTENSION_ID);
    assert.equal(manifest.displayName, 'BoomTown');
    assert.equal(manifest.main, './dist/extension.mjs');
    assert.equal(manifest.engines.vscode, '^1.100.0');
    assert.equal(manifest.devDependencies['@types/vscode'], '1.100.0');
    assert.deepEqual(manifest.extensionKind, ['ui', 'workspace']);
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.match(manifest.capabilities.untrustedWorkspaces.description, /user settings/);
    assert.equal(manifest.capabilities.virtualWorkspaces, true);
  });

  it('contributes the boomtown authentication provider and activates on its requests', () => {
    assert.deepEqual(manifest.contributes.authentication, [{ id: AUTH_PROVIDER_ID, label: AUTH_PROVIDER_LABEL }]);
    assert.ok(manifest.activationEvents.includes(`onAuthenticationRequest:${AUTH_PROVIDER_ID}`));
    // A session from yesterday shows in the Accounts menu and the status bar without opening the view first.
    assert.ok(manifest.activationEvents.includes('onStartupFinished'));
    // Commands and views activate the extension by themselves since VS Code 1.74; listing them again is noise.
    assert.ok(!manifest.activationEvents.some((e: string) => e === '*' || e.startsWith('onCommand:') || e.startsWith('onView:')));
  });

  it('contributes every registered command, and registers every contributed one', () => {
    const contributed = new Set<string>(manifest.contributes.commands.map((c: { command: string }) => c.command));
    assert.deepEqual([...registered].filter((id) => !contributed.has(id)), [], 'registered but not contributed');
    assert.deepEqual([...contributed].filter((id) => !registered.has(id)), [], 'contributed but not registered');
  });

  it('puts every command in the BoomTown category with a title', () => {
    for (const command of manifest.contributes.commands) {
      assert.equal(command.category, 'BoomTown', command.command);
      assert.ok(command.title && !command.title.startsWith('BoomTown'), `${command.command} has a plain title`);
    }
  });

  it('only refers to commands and views that exist in menus', () => {
    const viewIds = new Set(Object.values(manifest.contributes.views).flat().map((v: any) => v.id));
    for (const [menu, items] of Object.entries<any[]>(manifest.contributes.menus)) {
      for (const item of items) assert.ok(registered.has(item.command), `${menu} names unknown ${item.command}`);
    }
    assert.ok(viewIds.has(Views.leads));
    assert.ok(manifest.contributes.viewsContainers.activitybar.some((c: any) => c.id === Views.container && c.icon.startsWith('media/')));
    for (const welcome of manifest.contributes.viewsWelcome) assert.ok(viewIds.has(welcome.view));
  });

  it('gives every view a welcome text for when it has nothing to show, whose links run contributed commands', () => {
    const viewIds = Object.values<any[]>(manifest.contributes.views).flat().map((view) => view.id);
    const welcomed = new Set(manifest.contributes.viewsWelcome.map((welcome: any) => welcome.view));
    assert.deepEqual(viewIds.filter((id) => !welcomed.has(id)), [], 'views without welcome content');
    for (const welcome of manifest.contributes.viewsWelcome) {
      for (const [, command] of String(welcome.contents).matchAll(/\(command:([\w.]+)/g)) assert.ok(registered.has(command), `${welcome.view} links unknown ${command}`);
    }
    const endpoints = manifest.contributes.viewsWelcome.find((welcome: any) => welcome.view === Views.endpoints);
    assert.match(endpoints.contents, /operations of the BoomTown API/);
    assert.match(endpoints.contents, /\(command:boomtown\.requests\.newFile\)/);
  });

  it('takes every user-visible manifest string from package.nls.json', () => {
    const visible = [
      rawManifest.displayName,
      rawManifest.description,
      ...rawManifest.contributes.commands.flatMap((c: any) => [c.title, c.category]),
      ...Object.values<any>(rawManifest.contributes.configuration.properties).flatMap((p) => [p.markdownDescription ?? p.description, ...(p.enumDescriptions ?? [])]),
      ...rawManifest.contributes.viewsWelcome.map((w: any) => w.contents),
      ...Object.values<any[]>(rawManifest.contributes.views).flat().map((v) => v.name),
      ...(rawManifest.contributes.languageModelTools ?? []).flatMap((t: any) => [t.displayName, t.userDescription]),
      ...(rawManifest.contributes.walkthroughs ?? []).flatMap((w: any) => [w.title, w.description, ...w.steps.flatMap((s: any) => [s.title, s.description])]),
    ];
    for (const text of visible) assert.match(String(text), /^%[\w.-]+%$/, `not localizable: ${text}`);
    const unused = Object.keys(nls).filter((key) => !JSON.stringify(rawManifest).includes(`%${key}%`));
    assert.deepEqual(unused, [], 'package.nls.json keys nobody uses');
  });

  it('walks a newcomer through every step with a working command button and a completion event', () => {
    const [walkthrough] = manifest.contributes.walkthroughs;
    const ids = walkthrough.steps.map((step: any) => step.id);
    assert.deepEqual(ids, ['register', 'clientId', 'clientSecret', 'signIn', 'fetchLeads']);
    for (const step of walkthrough.steps) {
      const links = [...String(step.description).matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]);
      assert.ok(links.length > 0, `${step.id} has a command button`);
      for (const command of links) assert.ok(registered.has(command) || command === 'workbench.action.openSettings', `${step.id} links ${command}`);
      assert.ok(step.completionEvents.length > 0, `${step.id} completes by itself`);
      assert.ok(existsSync(join(root, step.media.markdown)), `${step.id}'s page exists`);
    }
  });

  it('describes the settings with the real hosts as defaults', () => {
    const props = manifest.contributes.configuration.properties;
    assert.equal(props[`${CONFIG_SECTION}.authUrl`].default, DEFAULT_AUTH_URL);
    assert.equal(props[`${CONFIG_SECTION}.apiUrl`].default, DEFAULT_API_URL);
    assert.ok(props[`${CONFIG_SECTION}.clientId`]);
    for (const [key, prop] of Object.entries<any>(props)) assert.ok(prop.description || prop.markdownDescription, `${key} has a description`);
    assert.ok(!Object.keys(props).some((key) => /secret|token/i.test(key)), 'no secret is ever a setting');
  });

  it('contributes exactly the chat tools the code registers, each complete', () => {
    const tools: any[] = manifest.contributes.languageModelTools;
    assert.deepEqual(tools.map((t) => t.name).sort(), Object.values(ChatTools).sort());
    const references = new Set<string>();
    for (const tool of tools) {
      for (const key of ['toolReferenceName', 'displayName', 'userDescription', 'modelDescription', 'icon']) assert.ok(tool[key], `${tool.name} has ${key}`);
      assert.match(tool.toolReferenceName, /^[\w-]+$/);
      assert.ok(!references.has(tool.toolReferenceName), `${tool.name}'s reference name is unique`);
      references.add(tool.toolReferenceName);
      assert.equal(tool.canBeReferencedInPrompt, true, `${tool.name} can be referenced with #`);
      assert.equal(tool.inputSchema.type, 'object', `${tool.name} has an object schema`);
      // A codicon, or a file that ships.
      assert.ok(/^\$\([\w-]+\)$/.test(tool.icon) || existsSync(join(root, tool.icon)), `${tool.name}'s icon`);
      assert.ok(tool.modelDescription.length > 80, `${tool.name} tells the model when to use it`);
    }
    const search = tools.find((t) => t.name === ChatTools.searchLeads);
    assert.deepEqual(Object.keys(search.inputSchema.properties).sort(), ['limit', 'offset', 'q', 'sort', 'stage']);
    assert.equal(search.inputSchema.properties.limit.maximum, 50);
    assert.deepEqual(tools.find((t) => t.name === ChatTools.getLead).inputSchema.required, ['id']);
    assert.deepEqual(tools.find((t) => t.name === ChatTools.apiGet).inputSchema.required, ['path']);
  });

  it('asks before sharing lead data unless the user says otherwise, a choice no workspace can make for them', () => {
    const setting = manifest.contributes.configuration.properties[`${CONFIG_SECTION}.${ChatSettings.askBeforeSharingLeadData}`];
    assert.equal(setting.type, 'boolean');
    assert.equal(setting.default, true);
    assert.equal(setting.scope, 'application');
  });
});
