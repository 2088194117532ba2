/** Identifiers shared by the manifest and the code. A unit test checks them against package.json. */
export const EXTENSION_ID = 'boomtown-dev.boomtown-vscode';
export const AUTH_PROVIDER_ID = 'boomtown';
export const AUTH_PROVIDER_LABEL = 'BoomTown';
export const OUTPUT_CHANNEL_NAME = 'BoomTown';
export const CONFIG_SECTION = 'boomtown';

export const Commands = {
  signIn: 'boomtown.signIn',
  signOut: 'boomtown.signOut',
  setClientSecret: 'boomtown.setClientSecret',
  fetchLeads: 'boomtown.fetchLeads',
  refreshLeads: 'boomtown.refreshLeads',
  searchLeads: 'boomtown.searchLeads',
  filterLeads: 'boomtown.filterLeads',
  sortLeads: 'boomtown.sortLeads',
  loadMore: 'boomtown.loadMore',
  openLeadJson: 'boomtown.openLeadJson',
  copyLeadEmail: 'boomtown.copyLeadEmail',
  copyLeadPhone: 'boomtown.copyLeadPhone',
  copyLeadId: 'boomtown.copyLeadId',
  sendRequest: 'boomtown.sendRequest',
  exportLeads: 'boomtown.exportLeads',
  diagnose: 'boomtown.diagnoseSignIn',
  showLog: 'boomtown.showLog',
  copySignInLink: 'boomtown.copySignInLink',
  pasteSignInRedirect: 'boomtown.pasteSignInRedirect',
  signInTryAnotherWay: 'boomtown.signIn.tryAnotherWay',
  copyDeviceCode: 'boomtown.signIn.copyDeviceCode',
  sendRequestFile: 'boomtown.requests.send',
  copyAsCurl: 'boomtown.requests.copyAsCurl',
  copyAsFetch: 'boomtown.requests.copyAsFetch',
  copyAsPython: 'boomtown.requests.copyAsPython',
  copyAccessToken: 'boomtown.requests.copyAccessToken',
  newRequestFile: 'boomtown.requests.newFile',
  nextPage: 'boomtown.requests.nextPage',
  historyOpen: 'boomtown.requests.history.open',
  historySendAgain: 'boomtown.requests.history.sendAgain',
  historyCopy: 'boomtown.requests.history.copy',
  historyClear: 'boomtown.requests.history.clear',
  endpointsOpenRequest: 'boomtown.endpoints.openRequest',
} as const;

/** The scheme of the read-only documents (raw API answers, the diagnosis report). */
export const RAW_SCHEME = 'boomtown-raw';

/** Where request files are recognised: the `http` language (ours or another extension's), or by name. */
export const REQUEST_FILE_SELECTOR = [{ language: 'http' }, { pattern: '**/*.{http,rest}' }] as const;

/** Answer documents: where their code lenses (page through, send again) show. */
export const ANSWER_SELECTOR = { scheme: RAW_SCHEME } as const;

export const Views = {
  container: 'boomtown',
  leads: 'boomtown.leads',
  requestHistory: 'boomtown.requestHistory',
  endpoints: 'boomtown.endpoints',
} as const;

/** Language-model tools (contributes.languageModelTools); names are contracts for agents and prompts. */
export const ChatTools = {
  searchLeads: 'boomtown_searchLeads',
  getLead: 'boomtown_getLead',
  listAgents: 'boomtown_listAgents',
  apiGet: 'boomtown_apiGet',
} as const;

/** Settings beyond the connection ones, named relative to CONFIG_SECTION. */
export const ChatSettings = {
  askBeforeSharingLeadData: 'chat.askBeforeSharingLeadData',
} as const;

/** A workspace path or file URI to an OpenAPI 3 description used instead of the built-in contract (read locally, never sent). */
export const API_DESCRIPTION_SETTING = 'apiDescription';

export const ContextKeys = {
  signedIn: 'boomtown.signedIn',
} as const;

/** SecretStorage keys. Sessions live under one namespaced key; the lease is separate so writing it never rewrites tokens. */
export const SecretKeys = {
  sessions: 'boomtown.sessions.v1',
  refreshLease: 'boomtown.refreshLease.v1',
  clientSecret: 'boomtown.clientSecret',
  diagnosisProbe: 'boomtown.diagnosisProbe',
} as const;

export const EnvVars = {
  clientId: 'BOOMTOWN_CLIENT_ID',
  clientSecret: 'BOOMTOWN_CLIENT_SECRET',
  authUrl: 'BOOMTOWN_AUTH_URL',
  apiUrl: 'BOOMTOWN_API_URL',
} as const;

/** What the extension itself asks for: the seed's scope, which also asks for a refresh token. */
export const DEFAULT_SCOPES: readonly string[] = ['offline_access'];
