import dns from 'node:dns/promises';
import net from 'node:net';
import os from 'node:os';
import * as vscode from 'vscode';

/** The visible answer editors of one request file (virtual documents named after it, beside it). */
export function answerEditors(fileName: string): vscode.TextEditor[] {
  return vscode.window.visibleTextEditors.filter(
    (editor) => editor.document.uri.scheme === 'boomtown-raw' && editor.document.uri.path.startsWith(`/fixed/${fileName}-answer`),
  );
}

export async function lensesOf(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
}

export interface Forwarder {
  /** e.g. http://vm:41234: this machine's name, which looks like no loopback host. */
  url: string;
  close(): Promise<void>;
}

/**
 * A TCP forwarder to the sandbox on the address this machine's host name resolves to, so the API
 * can be configured as `http://<hostname>:<port>`: a host that is not loopback by its name (the
 * confirmation rule looks at the name only), yet reachable offline. Undefined when the host name
 * does not resolve here.
 */
export async function forwarderByHostName(target: string): Promise<Forwarder | undefined> {
  const host = os.hostname();
  let address: string;
  try {
    address = (await dns.lookup(host)).address;
  } catch {
    return undefined;
  }
  const to = new URL(target);
  const server = net.createServer((socket) => {
    const upstream = net.connect(Number(to.port), to.hostname);
    socket.pipe(upstream).pipe(socket);
    const end = () => {
      socket.destroy();
      upstream.destroy();
    };
    socket.on('error', end);
    upstream.on('error', end);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, address, () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  return { url: `http://${host}:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
