import http from 'node:http';
import type { Context } from 'mocha';
import { RigEnv, type BridgeApi, type BridgeCall, type ClickTarget, type ConsentAnswer, type SuiteResult } from '../../rig/bridgeProtocol';

/**
 * The tests' side of the bridge to the runner (test/rig/bridge.ts): the runner owns the browser
 * showing this VS Code, so it can look at the workbench, click, and answer consent pages.
 */
export class Rig {
  /** Log lines are sent one after another, so they arrive in order and `flush()` can wait for them. */
  private pendingLogs: Promise<unknown> = Promise.resolve();

  constructor(private readonly baseUrl: string) {}

  log(text: string): void {
    this.pendingLogs = this.pendingLogs.then(() => this.call('log', { text }).catch(() => undefined));
  }

  flush(): Promise<void> {
    return this.pendingLogs.then(() => undefined);
  }

  async screenshot(name: string): Promise<string> {
    return (await this.call('screenshot', { name })).path;
  }

  /** How the browser answers the next BoomTown consent page; after that it approves again. */
  async setConsent(answer: ConsentAnswer): Promise<void> {
    await this.call('consent', { answer });
  }

  async textOf(selector: string): Promise<string[]> {
    return (await this.call('textOf', { selector })).texts;
  }

  async click(target: ClickTarget): Promise<void> {
    await this.call('click', { target });
  }

  async press(key: string): Promise<void> {
    await this.call('press', { key });
  }

  /** Types into whatever has the keyboard focus, key by key as a person would. */
  async type(text: string): Promise<void> {
    await this.call('type', { text });
  }

  /** Opens the Accounts menu of the activity bar and answers the labels of its items. */
  async openAccountsMenu(): Promise<string[]> {
    return (await this.call('openAccountsMenu', {})).items;
  }

  /**
   * Once this pass of the suite is done, the test driver reloads the window (a new extension host,
   * as after a restart) and runs the tests matching `grep` there; see inReloadedWindow().
   */
  async reloadWindowThenRun(grep: string): Promise<void> {
    await this.call('reloadWindow', { grep });
  }

  async openedUrls(): Promise<string[]> {
    return (await this.call('openedUrls', {})).urls;
  }

  async reportResult(result: SuiteResult): Promise<void> {
    await this.flush();
    await this.call('result', result);
  }

  call<K extends BridgeCall>(name: K, request: BridgeApi[K]['request']): Promise<BridgeApi[K]['response']> {
    return postJson(`${this.baseUrl}/${name}`, request) as Promise<BridgeApi[K]['response']>;
  }
}

/** Whether this window is the reload a test asked for with reloadWindowThenRun. */
export function inReloadedWindow(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[RigEnv.reloaded] === '1';
}

/** The rig when running under the offline runner; undefined under @vscode/test-electron. */
export function rigFromEnvironment(env: NodeJS.ProcessEnv = process.env): Rig | undefined {
  const url = env[RigEnv.bridgeUrl];
  return url ? new Rig(url.replace(/\/+$/, '')) : undefined;
}

/** For tests that need the browser: skips the test, with the reason in the output, when there is no rig. */
export function requireRig(context: Context): Rig {
  const rig = rigFromEnvironment();
  if (!rig) {
    console.log(`      (skipped "${context.currentTest?.title ?? context.test?.title}": needs the browser of the offline runner, ${RigEnv.bridgeUrl} is unset)`);
    context.skip();
  }
  return rig;
}

function postJson(url: string, body: unknown): Promise<unknown> {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': payload.length }, timeout: 120_000 },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          const parsed = text ? (JSON.parse(text) as { error?: string }) : {};
          if (response.statusCode === 200) resolve(parsed);
          else reject(new Error(`rig ${new URL(url).pathname} failed: ${parsed.error ?? response.statusCode}`));
        });
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`rig ${new URL(url).pathname} timed out`)));
    request.on('error', reject);
    request.end(payload);
  });
}
