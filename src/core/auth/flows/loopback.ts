import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as l10n from '@vscode/l10n';
import { BoomTownError, userFacingError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import { parseCallback } from '../callback';

/** RFC 8252 §8.3: the loopback IP literal, never "localhost" (a name can resolve elsewhere) and never another interface. */
export const LOOPBACK_HOST = '127.0.0.1';
const CALLBACK_PATH = '/callback';
const DEFAULT_LIFETIME_MS = 5 * 60_000;

interface LoopbackOptions {
  /** `boomtown.loopbackPort`, for servers that compare redirect URIs exactly; an ephemeral port when not set. */
  port?: number;
  /**
   * Hands the callback's query to the sign-ins waiting (PendingSignIns.handleCallback), which checks
   * the state; true when it matched one.
   */
  deliver: (query: string) => boolean;
  logger: Logger;
  /** The server closes after this long even if nobody ends the sign-in; 5 minutes by default. */
  lifetimeMs?: number;
}

/** A listening one-shot server; `close()` is safe to call more than once. */
export interface LoopbackRedirect {
  /** `http://127.0.0.1:{port}/callback`. */
  readonly redirectUri: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * The loopback redirect of RFC 8252 §7.3: a server on 127.0.0.1 that takes exactly one callback
 * whose state a waiting sign-in knows, then closes. Anything else (another path, a forged or used
 * state, a second callback) is answered 400 and changes nothing. The pages say only whether to go
 * back to VS Code: no code, token or error detail. The query is never logged.
 */
export async function startLoopbackRedirect(options: LoopbackOptions): Promise<LoopbackRedirect> {
  const { logger } = options;
  let taken = false;
  let closing: Promise<void> | undefined;
  const server = http.createServer((request, response) => {
    const url = requestUrl(request.url);
    if (taken || !url || request.method !== 'GET' || url.pathname !== CALLBACK_PATH) {
      logger.warn('The sign-in loopback server refused a request that is not the callback it waits for.');
      page(response, 400, l10n.t('This address does not belong to the sign-in in progress. You can close this tab.'));
      return;
    }
    const query = url.search.slice(1);
    if (!options.deliver(query)) {
      page(response, 400, l10n.t('This address does not belong to the sign-in in progress. You can close this tab.'));
      return;
    }
    taken = true;
    const params = parseCallback(query);
    const succeeded = params?.code !== undefined && params.error === undefined;
    page(response, 200, succeeded ? l10n.t('Signed in. You can close this tab and return to VS Code.') : l10n.t('The sign-in did not complete. Return to VS Code to see why.'));
    void close();
  });
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      clearTimeout(lifetime);
      // The page already sent goes out first; idle keep-alive sockets must not keep the port open.
      server.close(() => resolve());
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), 1000).unref();
    });
    return closing;
  };
  const lifetime = setTimeout(() => {
    logger.info('The sign-in loopback server closed after waiting its full time.');
    void close();
  }, options.lifetimeMs ?? DEFAULT_LIFETIME_MS);
  lifetime.unref();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: LOOPBACK_HOST, port: options.port ?? 0, exclusive: true }, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    clearTimeout(lifetime);
    throw listenError(error, options.port);
  }
  const { port } = server.address() as AddressInfo;
  logger.debug(`The sign-in loopback server listens on ${LOOPBACK_HOST}:${port}.`);
  return { redirectUri: `http://${LOOPBACK_HOST}:${port}${CALLBACK_PATH}`, port, close };
}

function listenError(error: unknown, port: number | undefined): BoomTownError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (port !== undefined && (code === 'EADDRINUSE' || code === 'EACCES')) {
    return userFacingError('badInput', l10n.t('Port {0} on 127.0.0.1, set by "boomtown.loopbackPort", is in use by another program. Close it, or set another port (and register it with the BoomTown app).'), [port], { cause: error });
  }
  return new BoomTownError('network', `The sign-in loopback server could not listen on ${LOOPBACK_HOST} (${code ?? 'unknown error'}).`, { cause: error });
}

function page(response: http.ServerResponse, status: number, text: string): void {
  const body = `<!doctype html><html><head><meta charset="utf-8"><title>BoomTown</title></head><body><p>${escapeHtml(text)}</p></body></html>`;
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    // The page never needs a script, a frame or the address it was reached with.
    'content-security-policy': "default-src 'none'",
    'referrer-policy': 'no-referrer',
    connection: 'close',
  });
  response.end(body);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The request's URL, or undefined for a target no URL can be made of (`GET http://[`): a 400, never a throw in the extension host. */
function requestUrl(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? '/', `http://${LOOPBACK_HOST}`);
  } catch {
    return undefined;
  }
}
