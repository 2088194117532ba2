import * as vscode from 'vscode';
import { ChatSettings, ChatTools, CONFIG_SECTION } from '../../constants';
import { abortSignalOf } from '../shared/abortSignal';
import type { ChatToolRunner } from '../../core/chat/chatToolRunner';
import { confirmationFor, SharingConsent, type ChatToolName, type ToolCallSettings } from '../../core/chat/sharingConsent';
import type { ToolInputRules } from '../../core/chat/toolInputs';
import { isCancellation } from '../../core/shared/errors';

interface ChatToolsDeps {
  runner: ChatToolRunner;
  apiUrl: () => string;
  /** The same rules the runner checks with, so the question matches what would run. */
  inputRules: () => Promise<ToolInputRules>;
}

/** Read on every call, so turning the question on or off applies to the next tool call. */
function askBeforeSharing(): boolean {
  return vscode.workspace.getConfiguration(CONFIG_SECTION).get<boolean>(ChatSettings.askBeforeSharingLeadData, true);
}

/** Literal strings, so the localization tooling can find them. */
const PROGRESS: Record<ChatToolName, () => string> = {
  [ChatTools.searchLeads]: () => vscode.l10n.t('Searching BoomTown leads'),
  [ChatTools.getLead]: () => vscode.l10n.t('Reading a BoomTown lead'),
  [ChatTools.listAgents]: () => vscode.l10n.t('Listing BoomTown agents'),
  [ChatTools.apiGet]: () => vscode.l10n.t('Reading from the BoomTown API'),
};

/**
 * One adapter per tool: VS Code's LanguageModelTool over the core runner. The question before
 * sharing lead data comes from prepareInvocation (VS Code shows it and runs the tool only after
 * "yes"); cancelling ends the call with VS Code's CancellationError, every other outcome is text.
 */
class BoomTownTool implements vscode.LanguageModelTool<unknown> {
  constructor(
    private readonly name: ChatToolName,
    private readonly deps: ChatToolsDeps,
    private readonly consent: SharingConsent,
  ) {}

  async prepareInvocation(options: vscode.LanguageModelToolInvocationPrepareOptions<unknown>): Promise<vscode.PreparedToolInvocation> {
    const invocationMessage = PROGRESS[this.name]();
    const settings = await this.settings();
    if (!this.consent.needsAsking(this.name, options.input, settings)) return { invocationMessage };
    const confirmation = confirmationFor(this.name, options.input, settings);
    return confirmation ? { invocationMessage, confirmationMessages: confirmation } : { invocationMessage };
  }

  async invoke(options: vscode.LanguageModelToolInvocationOptions<unknown>, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
    this.consent.ran(this.name, options.input, await this.settings());
    try {
      const text = await this.deps.runner.run(this.name, options.input, { cancellation: abortSignalOf(token), tokenBudget: options.tokenizationOptions?.tokenBudget });
      return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(text)]);
    } catch (error) {
      if (isCancellation(error) || token.isCancellationRequested) throw new vscode.CancellationError();
      throw error;
    }
  }

  private async settings(): Promise<ToolCallSettings> {
    return { apiUrl: this.deps.apiUrl(), inputRules: await this.deps.inputRules() };
  }
}

/** The four tools contributed in package.json (contributes.languageModelTools), by name; activation registers them. */
export function chatTools(deps: ChatToolsDeps): Record<ChatToolName, vscode.LanguageModelTool<unknown>> {
  const consent = new SharingConsent(askBeforeSharing);
  const tool = (name: ChatToolName) => new BoomTownTool(name, deps, consent);
  return {
    [ChatTools.searchLeads]: tool(ChatTools.searchLeads),
    [ChatTools.getLead]: tool(ChatTools.getLead),
    [ChatTools.listAgents]: tool(ChatTools.listAgents),
    [ChatTools.apiGet]: tool(ChatTools.apiGet),
  };
}
