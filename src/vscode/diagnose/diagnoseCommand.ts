import * as vscode from 'vscode';
import type { HttpDispatcher } from '../../core/shared/transport/httpRequest';
import { EXTENSION_ID, SecretKeys } from '../../constants';
import { diagnose, type DiagnosisFacts, type SignInFlowFact } from '../../core/diagnose/diagnosis';
import type { ServerDiscovery, ServerMetadata } from '../../core/auth/flows/discovery';
import type { FlowOffer } from '../../core/auth/flows/flowTable';
import type { SignInFlow } from '../auth/signInFlow';
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
  /** The servers' metadata and the flows this window offers (#23). */
  discovery?: ServerDiscovery;
  flows?: Pick<SignInFlow, 'offers'>;
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
  const [external, secretStorage, sessions, clientSecretSource, authHost, apiHost, serverSettings, signIn] = await Promise.all([
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
    signInFacts(deps, config),
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
    ...signIn,
  };
}

/** What discovery found, and for each flow this window offers, the redirect URI it sends. */
async function signInFacts(deps: Parameters<typeof diagnoseCommand>[0], config: BoomTownConfig): Promise<Pick<DiagnosisFacts, 'metadata' | 'signInFlows'>> {
  if (!deps.discovery || !deps.flows) return {};
  let metadata: ServerMetadata;
  try {
    metadata = await deps.discovery.metadata(config.authUrl);
  } catch (error) {
    return { metadata: { ok: false, error: (error as Error).message } };
  }
  const source = 'document' in metadata.source ? metadata.source.document : `no document: ${metadata.source.fallback}`;
  const offers = await deps.flows.offers().catch(() => []);
  const vscodeRedirect = await deps.redirectUri().catch(() => undefined);
  return {
    metadata: { ok: true, source, discovered: [...metadata.discovered], endpoints: { ...metadata.endpoints }, issuer: metadata.issuer },
    signInFlows: offers.map((offer) => flowFact(offer, config, vscodeRedirect)),
  };
}

function flowFact(offer: FlowOffer, config: BoomTownConfig, vscodeRedirect: string | undefined): SignInFlowFact {
  switch (offer.flow) {
    case 'vscode':
      return { flow: offer.flow, redirectUri: vscodeRedirect, note: vscodeRedirect ? undefined : 'asExternalUri failed' };
    case 'redirectUri':
      return { flow: offer.flow, redirectUri: config.redirectUri, note: 'boomtown.redirectUri: paste the address the browser lands on' };
    case 'deviceCode':
      return { flow: offer.flow, redirectUri: undefined, note: 'enter the code shown on the server\'s page' };
    case 'loopback': {
      const port = config.loopbackPort;
      const notes = [
        port ? 'port fixed by boomtown.loopbackPort' : 'a free port each time: the server must ignore the port (RFC 8252 §7.3), or set boomtown.loopbackPort',
        ...(offer.sameMachineOnly ? ['only with a browser on the machine the extension runs on'] : []),
        ...(vscode.env.remoteName && !offer.sameMachineOnly ? ['forwarded by VS Code: the port the browser sees may differ'] : []),
      ];
      return { flow: offer.flow, redirectUri: `http://127.0.0.1${port ? `:${port}` : ''}/callback`, note: notes.join('; ') };
    }
  }
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
