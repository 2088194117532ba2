import * as vscode from 'vscode';
import type { HttpDispatcher } from '../../core/shared/transport/httpRequest';
import { EXTENSION_ID, SecretKeys } from '../../constants';
import { diagnose, type DiagnosisFacts } from '../../core/diagnose/diagnosis';
import { probeHost } from '../../core/diagnose/hostProbe';
import type { BoomTownConfig } from '../../core/shared/config';
import type { SessionService } from '../../core/auth/sessions/sessionService';
import type { CredentialsSource } from '../auth/credentialsSource';
import type { RawDocuments } from '../explorer/rawDocuments';
import { serverSettingFacts } from './serverSettingFacts';

/** "BoomTown: Diagnose Sign-in": gathers the facts VS Code knows, hands them to the pure report. */
export function diagnoseCommand(deps: {
  context: vscode.ExtensionContext;
  config: () => BoomTownConfig;
  credentials: CredentialsSource;
  service: SessionService;
  dispatcher: HttpDispatcher;
  documents: RawDocuments;
  /** The redirect URI a sign-in would register, exactly as the sign-in builds it. */
  redirectUri: () => Promise<string>;
}): () => Promise<number> {
  return async () => {
    const facts = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Diagnosing BoomTown sign-in…') },
      () => gatherFacts(deps),
    );
    const report = diagnose(facts);
    const editor = await deps.documents.show('boomtown-diagnosis', report.markdown, 'markdown');
    await vscode.commands.executeCommand('markdown.showPreviewToSide', editor.document.uri);
    return report.problems;
  };
}

async function gatherFacts(deps: Parameters<typeof diagnoseCommand>[0]): Promise<DiagnosisFacts> {
  const config = deps.config();
  const callback = vscode.Uri.parse(`${vscode.env.uriScheme}://${EXTENSION_ID}/callback`);
  const [external, secretStorage, sessions, clientSecretSource, authHost, apiHost, serverSettings] = await Promise.all([
    deps.redirectUri().then(
      (uri) => uri,
      (error: Error) => ({ error: error.message }),
    ),
    checkSecretStorage(deps.context.secrets),
    deps.service.getSessions(undefined).catch(() => []),
    deps.credentials.secretSource(),
    probeHost(deps.dispatcher, `${config.authUrl}/oauth/authorize`),
    probeHost(deps.dispatcher, `${config.apiUrl}/v1/me`),
    serverSettingFacts(config),
  ]);
  return {
    extensionVersion: String(deps.context.extension.packageJSON.version ?? 'unknown'),
    vscodeVersion: vscode.version,
    uiKind: vscode.env.uiKind === vscode.UIKind.Web ? 'Web' : 'Desktop',
    remoteName: vscode.env.remoteName,
    uriScheme: vscode.env.uriScheme,
    callbackUri: callback.toString(),
    externalCallbackUri: external,
    authUrl: { value: config.authUrl, source: config.sources.authUrl },
    apiUrl: { value: config.apiUrl, source: config.sources.apiUrl },
    configProblems: config.problems,
    serverSettings,
    clientIdPresent: Boolean(config.clientId),
    clientIdSource: config.sources.clientId,
    clientSecretSource,
    secretStorage,
    signedInAccounts: sessions.length,
    authHost,
    apiHost,
  };
}

async function checkSecretStorage(secrets: vscode.SecretStorage): Promise<DiagnosisFacts['secretStorage']> {
  const key = SecretKeys.diagnosisProbe;
  const value = `probe-${Date.now()}`;
  try {
    await secrets.store(key, value);
    const read = await secrets.get(key);
    await secrets.delete(key);
    return read === value ? { ok: true } : { ok: false, error: 'a stored value read back differently' };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}
