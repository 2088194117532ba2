import type { BoomTownApi } from '../api/boomtownApi';
import { BoomTownError, isCancellation } from '../shared/errors';
import { chatAnswer } from '../shared/failures';
import { silentLogger, type Logger } from '../shared/logger';
import { ChatTools } from '../../constants';
import type { ChatToolName } from './sharingConsent';
import { agentsAnswer, leadAnswer, rawAnswer, RECENT_EVENTS, RECENT_NOTES, resultBudget, searchLeadsAnswer, type LeadParts } from './toolAnswers';
import { checkApiGet, checkGetLead, checkListAgents, checkSearchLeads, type Checked, type ToolInputRules } from './toolInputs';

interface ChatToolRunnerDeps {
  api: BoomTownApi;
  /** The configured API base, read on every call (a changed setting applies at once). */
  apiUrl: () => string;
  /** What the tools accept, from the API contract: loaded by the first call that needs it. */
  inputRules: () => Promise<ToolInputRules>;
  /** Masks every token the session layer knows, wherever it would appear. */
  redactKnown: (text: string) => string;
  logger?: Logger;
}

interface RunOptions {
  cancellation?: AbortSignal;
  /** VS Code's token budget for the answer, when it gives one. */
  tokenBudget?: number;
}

/**
 * The four chat tools without VS Code: check the input, call the API through the one client (which
 * uses the session silently, refreshes once after a 401 and waits out short 429s), and answer in
 * text. Every outcome but cancelling is an answer; cancelling throws 'cancelled'.
 */
export class ChatToolRunner {
  private readonly logger: Logger;

  constructor(private readonly deps: ChatToolRunnerDeps) {
    this.logger = deps.logger ?? silentLogger;
  }

  async run(tool: ChatToolName, input: unknown, options: RunOptions = {}): Promise<string> {
    const budget = resultBudget(options.tokenBudget);
    try {
      const text = await this.answer(tool, input, options, budget);
      // Belt and braces: answers are built from parsed fields, but nothing a token could hide in gets through.
      return this.deps.redactKnown(text);
    } catch (error) {
      if (isCancellation(error)) throw error;
      const answer = chatAnswer(error);
      if (answer === undefined) throw error;
      // The reason only: messages may quote what the user or the model searched for.
      this.logger.warn(`chat tool ${tool} answered with a failure: ${error instanceof BoomTownError ? error.reason : 'unexpected error'}`);
      if (!(error instanceof BoomTownError)) this.logger.error(`chat tool ${tool} failed:`, error);
      return this.deps.redactKnown(answer);
    }
  }

  private async answer(tool: ChatToolName, input: unknown, options: RunOptions, budget: number): Promise<string> {
    const request = { cancellation: options.cancellation };
    switch (tool) {
      case ChatTools.searchLeads: {
        const query = accepted(checkSearchLeads(input, await this.deps.inputRules()));
        const { data } = await this.deps.api.listLeads(query, request);
        return searchLeadsAnswer(data, query, budget);
      }
      case ChatTools.getLead: {
        const { id } = accepted(checkGetLead(input));
        const { data: lead } = await this.deps.api.getLead(id, request);
        // The lead decides the answer; notes and activity that fail are said to be missing, not fatal.
        const [notes, events] = await Promise.allSettled([
          this.deps.api.listNotes(id, { limit: RECENT_NOTES }, request),
          this.deps.api.listEvents(id, { limit: RECENT_EVENTS }, request),
        ]);
        const parts: LeadParts = { lead, notes: settledPage(notes), events: settledPage(events) };
        return leadAnswer(parts, id, budget);
      }
      case ChatTools.listAgents: {
        const page = accepted(checkListAgents(input, await this.deps.inputRules()));
        const { data } = await this.deps.api.listAgents(page, request);
        return agentsAnswer(data, budget);
      }
      case ChatTools.apiGet: {
        const { path } = accepted(checkApiGet(input, this.deps.apiUrl()));
        const { data } = await this.deps.api.getRaw(path, request);
        return rawAnswer(path, data, budget);
      }
    }
  }
}

function accepted<T>(checked: Checked<T>): T {
  if (!checked.ok) throw new BoomTownError('badInput', checked.problem);
  return checked.value;
}

function settledPage<T>(result: PromiseSettledResult<{ data: T }>): T | { failed: string } {
  if (result.status === 'fulfilled') return result.value.data;
  if (isCancellation(result.reason)) throw result.reason;
  return { failed: chatAnswer(result.reason) ?? 'cancelled.' };
}
