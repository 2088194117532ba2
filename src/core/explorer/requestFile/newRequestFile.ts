import { API_URL_VARIABLE } from './requestBuilder';

/**
 * "New Request File": one request for every endpoint of the contract, each sendable as it stands
 * against whichever API `boomtown.apiUrl` names. `leadId` is a lead the API listed, when the
 * caller could fetch one.
 */
export function newRequestFileText(leadId = 'L-10001'): string {
  const api = `{{${API_URL_VARIABLE}}}`;
  return [
    '# BoomTown API requests. "Send with BoomTown" adds your session\'s token at send time;',
    '# it is never written into this file. {{boomtown.apiUrl}} is the configured API.',
    '',
    `@leadId = ${leadId}`,
    '@limit = 25',
    '# Free text over name, email and phone; empty matches every lead.',
    '@q =',
    '# new, attempted_contact, nurture, active, under_contract, closed or archived',
    '@stage = active',
    '',
    '### The signed-in user',
    `GET ${api}/v1/me`,
    '',
    '### Leads: search, stage, sort and paging',
    `GET ${api}/v1/leads`,
    '    ?q={{q}}',
    '    &stage={{stage}}',
    '    &sort=-lastActivityAt',
    '    &limit={{limit}}',
    '    &offset=0',
    '',
    '### One lead',
    `GET ${api}/v1/leads/{{leadId}}`,
    '',
    '### Its notes',
    `GET ${api}/v1/leads/{{leadId}}/notes?limit={{limit}}&offset=0`,
    '',
    '### Its events',
    `GET ${api}/v1/leads/{{leadId}}/events?limit={{limit}}&offset=0`,
    '',
    '### Agents',
    `GET ${api}/v1/agents?limit={{limit}}&offset=0`,
    '',
  ].join('\n');
}
