import assert from 'node:assert/strict';
import { ChatTools } from '../../../src/constants';
import { confirmationFor, SharingConsent, type ChatToolName, type ToolCallSettings } from '../../../src/core/chat/sharingConsent';
import { builtInInputRules } from './helpers/builders';

const API_URL = 'https://api.example.test';

describe('sharing lead data with the model', () => {
  let settings: ToolCallSettings;
  before(async () => {
    settings = { apiUrl: API_URL, inputRules: await builtInInputRules() };
  });

  const table: Array<{ tool: ChatToolName; input: unknown; shares: boolean; names?: RegExp[] }> = [
    {
      tool: ChatTools.searchLeads,
      input: { q: 'ada', limit: 20 },
      shares: true,
      names: [/up to 20 leads matching "ada"/, /names, primary email addresses and phone numbers, stage, lead type, city, tags/],
    },
    { tool: ChatTools.searchLeads, input: { stage: 'under_contract' }, shares: true, names: [/up to 10 leads in stage under_contract/] },
    { tool: ChatTools.getLead, input: { id: 'L-10004' }, shares: true, names: [/lead L-10004/, /email addresses and phone numbers, address/, /notes and activity/] },
    { tool: ChatTools.apiGet, input: { path: '/v1/leads/L-1/notes' }, shares: true, names: [/GET \/v1\/leads\/L-1\/notes/, /contact details, addresses and notes/] },
    { tool: ChatTools.apiGet, input: { path: '/v1/something-new' }, shares: true },
    { tool: ChatTools.apiGet, input: { path: '/v1/agents?limit=3' }, shares: false },
    { tool: ChatTools.apiGet, input: { path: '/v1/me' }, shares: false },
    { tool: ChatTools.apiGet, input: { path: 'https://evil.example/v1/leads' }, shares: false },
    { tool: ChatTools.listAgents, input: {}, shares: false },
    { tool: ChatTools.searchLeads, input: { limit: 500 }, shares: false },
  ];
  for (const { tool, input, shares, names } of table) {
    it(`${tool} ${JSON.stringify(input)}: ${shares ? 'asks, naming the data' : 'nothing to ask (no lead data, or refused anyway)'}`, () => {
      assert.equal(new SharingConsent(() => true).needsAsking(tool, input, settings), shares);
      const confirmation = confirmationFor(tool, input, settings);
      if (!shares) return assert.equal(confirmation, undefined);
      assert.ok(confirmation);
      assert.equal(confirmation.title, 'Share BoomTown lead data with the language model?');
      for (const name of names ?? []) assert.match(confirmation.message, name);
      assert.match(confirmation.message, /boomtown\.chat\.askBeforeSharingLeadData/);
    });
  }

  it('flattens what the model typed before showing it to the user', () => {
    const confirmation = confirmationFor(ChatTools.searchLeads, { q: 'a\u202Eb' }, settings);
    assert.ok(confirmation && !confirmation.message.includes('\u202E'));
  });

  it('asks once per tool until the window reloads, and not at all with the setting off', () => {
    let ask = true;
    const consent = new SharingConsent(() => ask);
    const search = { q: 'ada' };
    assert.equal(consent.needsAsking(ChatTools.searchLeads, search, settings), true);
    consent.ran(ChatTools.searchLeads, search, settings); // VS Code ran it: the user said yes
    assert.equal(consent.needsAsking(ChatTools.searchLeads, { q: 'bob' }, settings), false, 'not again for search');
    assert.equal(consent.needsAsking(ChatTools.getLead, { id: 'L-1' }, settings), true, 'reading a lead shares more: asked separately');
    assert.equal(consent.needsAsking(ChatTools.listAgents, {}, settings), false);
    ask = false;
    assert.equal(consent.needsAsking(ChatTools.getLead, { id: 'L-1' }, settings), false);
    consent.ran(ChatTools.getLead, { id: 'L-1' }, settings);
    ask = true;
    assert.equal(consent.needsAsking(ChatTools.getLead, { id: 'L-1' }, settings), true, 'running with the question off is no "yes"');
  });
});
