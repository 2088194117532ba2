import * as l10n from '@vscode/l10n';
import { ChatTools } from '../../constants';
import { singleLine } from '../shared/plainText';
import { checkApiGet, checkGetLead, checkSearchLeads, type ToolInputRules } from './toolInputs';

/**
 * Lead data is personal data. Before a tool first sends it to the model, the user is asked, in
 * words that name what will be shared. Deciding that is pure (this file); VS Code shows the
 * question (prepareInvocation) and remembers nothing itself, so the memory is here too.
 */

export type ChatToolName = (typeof ChatTools)[keyof typeof ChatTools];

/** What a tool call is judged against: the API it would reach and what the tools accept. */
export interface ToolCallSettings {
  apiUrl: string;
  inputRules: ToolInputRules;
}

interface Confirmation {
  title: string;
  message: string;
}

/** API paths whose answers hold no lead data: the team's agents and the signed-in user. */
const NO_LEAD_DATA = /^\/v1\/(agents|me)(\/|\?|$)/;

/** The question, naming the data; undefined when the call sends no lead data (an invalid input sends nothing: it is refused). */
export function confirmationFor(tool: ChatToolName, input: unknown, settings: ToolCallSettings): Confirmation | undefined {
  const what = sharedData(tool, input, settings);
  if (what === undefined) return undefined;
  const title = l10n.t('Share BoomTown lead data with the language model?');
  const closing = l10n.t('Lead data is personal data. You are asked once per window; the setting "boomtown.chat.askBeforeSharingLeadData" turns this question off.');
  return { title, message: `${what}\n\n${closing}` };
}

/**
 * What the call would send to the model, in words, or undefined when it sends no lead data: the
 * one rule for both whether to ask and what to say. Values from the model's input are flattened:
 * they are shown to the user.
 */
function sharedData(tool: ChatToolName, input: unknown, settings: ToolCallSettings): string | undefined {
  switch (tool) {
    case ChatTools.searchLeads: {
      const search = checkSearchLeads(input, settings.inputRules);
      if (!search.ok) return undefined;
      const { q, stage, limit } = search.value;
      const filters = [q ? l10n.t('matching "{0}"', singleLine(q, 80)) : '', stage ? l10n.t('in stage {0}', stage) : ''].filter(Boolean).join(' ');
      return l10n.t(
        'Searching BoomTown sends up to {0} leads {1} to the model: their names, primary email addresses and phone numbers, stage, lead type, city, tags, assigned agent and dates of activity.',
        limit,
        filters || l10n.t('(no filter)'),
      );
    }
    case ChatTools.getLead: {
      const lead = checkGetLead(input);
      if (!lead.ok) return undefined;
      return l10n.t(
        'Reading lead {0} sends to the model: its name, all its email addresses and phone numbers, address, source, tags, search criteria, and its most recent notes and activity.',
        singleLine(lead.value.id, 80),
      );
    }
    case ChatTools.apiGet: {
      // Unknown paths may hold anything; only the two known to hold no lead data go unasked.
      const request = checkApiGet(input, settings.apiUrl);
      if (!request.ok || NO_LEAD_DATA.test(request.value.path)) return undefined;
      return l10n.t('GET {0} sends the answer, which may hold leads\' names, contact details, addresses and notes, to the model.', singleLine(request.value.path, 200));
    }
    case ChatTools.listAgents:
      return undefined;
  }
}

/**
 * What the user already allowed in this window: once a tool's question was answered "yes", that
 * tool shares lead data without asking again until the window reloads. The setting turns the
 * question off altogether.
 */
export class SharingConsent {
  private readonly allowed = new Set<ChatToolName>();

  constructor(private readonly askBeforeSharing: () => boolean) {}

  needsAsking(tool: ChatToolName, input: unknown, settings: ToolCallSettings): boolean {
    return this.askBeforeSharing() && !this.allowed.has(tool) && sharedData(tool, input, settings) !== undefined;
  }

  /**
   * Called when the tool runs. VS Code only runs a tool after its question was answered "yes", so
   * running while a question was due means the user allowed it.
   */
  ran(tool: ChatToolName, input: unknown, settings: ToolCallSettings): void {
    if (this.needsAsking(tool, input, settings)) this.allowed.add(tool);
  }
}
