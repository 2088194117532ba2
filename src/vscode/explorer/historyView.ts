import * as vscode from 'vscode';
import { Commands } from '../../constants';
import { formatBytes } from '../../core/explorer/answerDocument';
import type { ExchangeRecord, SentRequest } from '../../core/explorer/exchangeRecord';
import type { RequestHistory } from '../../core/explorer/requestHistory';
import { singleLine } from '../../core/shared/plainText';
import type { CommandHandler } from '../shared/commands';
import type { AnswerEditor } from './answerEditor';
import { gone, type RequestDispatch } from './requestDispatch';

/** The "Request History" view: the workspace's last exchanges, newest first. */
export class HistoryTree implements vscode.TreeDataProvider<ExchangeRecord>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: { dispose(): void };

  constructor(private readonly history: RequestHistory) {
    this.subscription = history.onDidChange(() => this.changed.fire());
  }

  getChildren(element?: ExchangeRecord): ExchangeRecord[] {
    return element ? [] : this.history.list();
  }

  getTreeItem(record: ExchangeRecord): vscode.TreeItem {
    const { request, response } = record;
    const url = new URL(request.url);
    const item = new vscode.TreeItem(singleLine(`${request.method} ${url.pathname}${url.search}`, 120));
    const time = new Date(record.at).toLocaleTimeString();
    item.description = `${response.status} · ${response.durationMs} ms · ${time}`;
    item.tooltip = singleLine(`${request.name ? `${request.name}\n` : ''}${request.method} ${request.url}\n${response.status} · ${formatBytes(response.bytes)}`, 2000);
    item.contextValue = 'boomtown.exchange';
    item.iconPath = new vscode.ThemeIcon(response.status >= 400 ? 'error' : 'pass');
    item.command = { command: Commands.historyOpen, title: vscode.l10n.t('Open Answer'), arguments: [record.id] };
    item.id = record.id;
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** The view's commands. Each takes the tree element (context menu) or its id (click, tests). */
export function historyCommands(history: RequestHistory, answers: AnswerEditor, dispatch: RequestDispatch): Record<'open' | 'sendAgain' | 'copy' | 'clear', CommandHandler> {
  const find = (target?: ExchangeRecord | string): ExchangeRecord => {
    const id = typeof target === 'string' ? target : target?.id;
    const record = id === undefined ? history.list()[0] : history.get(id);
    if (!record) throw gone();
    return record;
  };
  return {
    open: async (target?: ExchangeRecord | string) => {
      await answers.show(find(target));
    },
    // A request that carried its own Authorization header goes out with the session's token now: that header was never kept.
    sendAgain: async (target?: ExchangeRecord | string) => (await dispatch.send({ ...find(target).request, ownAuthorization: false })).response.status,
    copy: async (target?: ExchangeRecord | string) => {
      const text = asRequestText(find(target).request);
      await vscode.env.clipboard.writeText(text);
      vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the request'), 2000);
      return text;
    },
    clear: async () => {
      await history.clear();
    },
  };
}

/** The request in request-file syntax, ready to paste into a .http file (no Authorization: the session adds it). */
function asRequestText(request: SentRequest): string {
  const lines = [`${request.method} ${request.url}`, ...request.headers.map(([name, value]) => `${name}: ${value}`)];
  if (request.body !== undefined) lines.push('', request.body);
  return `${lines.join('\n')}\n`;
}
