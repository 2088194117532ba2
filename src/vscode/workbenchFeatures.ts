import * as vscode from 'vscode';
import { Commands } from '../constants';
import { ChatToolRunner } from '../core/chat/chatToolRunner';
import { builtInToolInputRules } from '../core/chat/toolInputs';
import type { ChatToolName } from '../core/chat/sharingConsent';
import type { ExchangeRecord } from '../core/explorer/exchangeRecord';
import { LeadsModel, type LeadNode } from '../core/leads/leadsModel';
import type { AuthParts } from './auth/authFeature';
import { chatTools } from './chat/languageModelTools';
import { diagnoseCommand } from './diagnose/diagnoseCommand';
import type { AnswerEditor } from './explorer/answerEditor';
import { createExplorer } from './explorer/explorerFeature';
import type { HistoryTree } from './explorer/historyView';
import { RawDocuments } from './explorer/rawDocuments';
import type { RequestCodeLens } from './explorer/requestCodeLens';
import type { EndpointNode, EndpointsTree } from './explorer/endpointsView';
import type { RequestIntelliSense } from './explorer/requestIntelliSense';
import { leadsCommands } from './leads/leadsCommands';
import { LeadsTreeProvider } from './leads/leadsTree';
import { wireLeadsView } from './leads/leadsView';
import type { CommandHandler, WorkbenchCommandId } from './shared/commands';

/** The views activation created (with deferred providers): the features fill them. */
export interface WorkbenchViews {
  readonly leads: vscode.TreeView<LeadNode>;
  readonly history: vscode.TreeView<ExchangeRecord>;
  readonly endpoints: vscode.TreeView<EndpointNode>;
}

/** What activation's deferred providers, tools and commands forward to. */
export interface WorkbenchFeatures {
  readonly commands: Record<WorkbenchCommandId, CommandHandler>;
  readonly documents: RawDocuments;
  readonly leadsTree: LeadsTreeProvider;
  readonly historyTree: HistoryTree;
  readonly requestLenses: RequestCodeLens;
  readonly answerLenses: AnswerEditor;
  readonly chatTools: Record<ChatToolName, vscode.LanguageModelTool<unknown>>;
  readonly requestIntelliSense: RequestIntelliSense;
  readonly endpointsTree: EndpointsTree;
}

/**
 * The leads view, the API explorer, the chat tools and Diagnose Sign-in, composed over the sign-in
 * feature's parts: loaded (in the bundle, compiled) by the first thing that needs one of them (a
 * command, the leads view shown, a request file opened, a tool called), never by a plain start.
 */
export function composeWorkbench(auth: AuthParts, views: WorkbenchViews): WorkbenchFeatures {
  const { context, logger, errors, config, credentials, dispatcher, core, browser } = auth;
  const { sessions: service, api } = core;
  const apiUrl = () => config().apiUrl;
  const model = new LeadsModel({ api, logger });
  const documents = new RawDocuments();
  // The built-in contract says what the tools accept; the first tool call loads it, composing does not.
  const inputRules = builtInToolInputRules();
  const runner = new ChatToolRunner({ api, apiUrl, inputRules, redactKnown: (text) => logger.redactor.redactKnown(text), logger });
  const leadsTree = new LeadsTreeProvider(model);
  const leads = leadsCommands({ model, api, documents, shown: errors.shown });
  const explorer = createExplorer({ context, core, documents, apiUrl });
  context.subscriptions.push(model, leadsTree, ...explorer.disposables, ...wireLeadsView(model, service, views.leads));
  return {
    commands: {
      [Commands.fetchLeads]: leads.fetchLeads,
      [Commands.refreshLeads]: leads.refreshLeads,
      [Commands.searchLeads]: leads.searchLeads,
      [Commands.filterLeads]: leads.filterLeads,
      [Commands.sortLeads]: leads.sortLeads,
      [Commands.loadMore]: leads.loadMore,
      [Commands.openLeadJson]: leads.openLeadJson,
      [Commands.copyLeadEmail]: leads.copyLeadEmail,
      [Commands.copyLeadPhone]: leads.copyLeadPhone,
      [Commands.copyLeadId]: leads.copyLeadId,
      [Commands.exportLeads]: leads.exportLeads,
      ...explorer.commands,
      [Commands.diagnose]: diagnoseCommand({ context, config, credentials, service, dispatcher, documents, redirectUri: () => browser.redirectUri(), discovery: core.discovery, flows: auth.signInFlow }),
    },
    documents,
    leadsTree,
    historyTree: explorer.historyTree,
    requestLenses: explorer.requestLenses,
    answerLenses: explorer.answerLenses,
    chatTools: chatTools({ runner, apiUrl, inputRules }),
    requestIntelliSense: explorer.requestIntelliSense,
    endpointsTree: explorer.endpointsTree,
  };
}
