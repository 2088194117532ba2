/**
 * A second window for tests about several windows: another tab of the same browser showing the
 * same workbench URL, with its own extension host (as a person opening a second tab of one
 * code-server). The test driver in that tab does not run the suite; it serves as the peer: it
 * long-polls the runner for requests that the suite (in the first tab) asks of it, runs them in its
 * own extension host and answers. The runner only passes messages along.
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { PeerAnswer, PeerRequest } from '../bridgeProtocol';
import { answerPrompts } from './promptAnswerer';
import type { BridgeHandlers } from '../bridge';

const PEER_POLL_MS = 20_000;
const OPEN_TIMEOUT_MS = 120_000;
const PEER_ANSWER_TIMEOUT_MS = 60_000;

interface Waiting {
  id: number;
  request: PeerRequest;
  resolve(answer: PeerAnswer): void;
}

export class PeerTab {
  private page?: Page;
  private stopPrompts?: () => void;
  private nextId = 1;
  private readonly queue: Waiting[] = [];
  private readonly asked = new Map<number, Waiting>();
  private wakeUp?: () => void;

  constructor(
    private readonly context: BrowserContext,
    private readonly url: () => string,
    private readonly say: (line: string) => void,
  ) {}

  get opened(): boolean {
    return this.page !== undefined;
  }

  isPeerPage(page: Page): boolean {
    return page === this.page;
  }

  /** Opens the second tab and waits until its workbench is drawn. */
  async open(): Promise<void> {
    if (this.page) return;
    const page = await this.context.newPage();
    this.page = page;
    const prompts = answerPrompts(page, (line) => this.say(`peer tab: ${line}`));
    this.stopPrompts = () => prompts.stop();
    // Generous: a second workbench loading on a busy 2-core machine took longer than Playwright's 30 s default.
    await page.goto(this.url(), { waitUntil: 'domcontentloaded', timeout: OPEN_TIMEOUT_MS });
    await page.locator('.monaco-workbench').waitFor({ timeout: OPEN_TIMEOUT_MS });
    this.say('peer tab: workbench open');
  }

  /** The suite's side: hands a request to the peer and waits for its answer. */
  ask(request: PeerRequest): Promise<PeerAnswer> {
    return new Promise<PeerAnswer>((resolve, reject) => {
      const waiting: Waiting = { id: this.nextId++, request, resolve };
      const timer = setTimeout(() => {
        this.asked.delete(waiting.id);
        reject(new Error(`the peer tab did not answer "${request.kind}" within ${PEER_ANSWER_TIMEOUT_MS / 1000} s`));
      }, PEER_ANSWER_TIMEOUT_MS);
      waiting.resolve = (answer) => {
        clearTimeout(timer);
        resolve(answer);
      };
      this.queue.push(waiting);
      this.wakeUp?.();
    });
  }

  /** The peer's side: the next request, or none after a while (then it asks again). */
  async next(): Promise<{ id?: number; request?: PeerRequest }> {
    if (this.queue.length === 0) await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, PEER_POLL_MS);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.wakeUp = undefined;
    const waiting = this.queue.shift();
    if (!waiting) return {};
    this.asked.set(waiting.id, waiting);
    return { id: waiting.id, request: waiting.request };
  }

  answer(id: number, answer: PeerAnswer): void {
    const waiting = this.asked.get(id);
    this.asked.delete(id);
    waiting?.resolve(answer);
  }

  async close(): Promise<void> {
    this.stopPrompts?.();
    if (this.page && !this.page.isClosed()) await this.page.close().catch(() => undefined);
  }
}

/** The bridge calls of the peer tab, for the runner's handler table. */
export function peerHandlers(peer: () => PeerTab | undefined): Pick<BridgeHandlers, 'openPeerTab' | 'peerAsk' | 'peerNext' | 'peerAnswer'> {
  const current = () => {
    const tab = peer();
    if (!tab) throw new Error('the browser is not open yet');
    return tab;
  };
  return {
    openPeerTab: async () => {
      await current().open();
      return {};
    },
    peerAsk: (request) => current().ask(request),
    peerNext: () => current().next(),
    peerAnswer: ({ id, answer }) => {
      current().answer(id, answer);
      return {};
    },
  };
}
