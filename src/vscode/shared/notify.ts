import * as vscode from 'vscode';
import type { ShownText } from '../../core/shared/shownText';

/**
 * The only place that calls `vscode.window.show…Message` (the lint refuses it elsewhere). It takes
 * a ShownText, which only `shownText()` makes, so every piece of outside text in a notification
 * (a request file's account, a server's error text, an account label) has been defused: VS Code
 * renders `[text](command:…)` in notifications as a link that runs the command.
 */
type Severity = 'info' | 'warning' | 'error';

interface NotifyOptions {
  modal?: boolean;
  detail?: ShownText;
}

export function notify(severity: Severity, message: ShownText, options: NotifyOptions = {}, ...items: string[]): Thenable<string | undefined> {
  const shown = { modal: options.modal, detail: options.detail?.text };
  switch (severity) {
    case 'info':
      return vscode.window.showInformationMessage(message.text, shown, ...items);
    case 'warning':
      return vscode.window.showWarningMessage(message.text, shown, ...items);
    case 'error':
      return vscode.window.showErrorMessage(message.text, shown, ...items);
  }
}
