import type { Page } from 'playwright-core';

/** A prompt VS Code shows in the workbench, as a person would read it. */
export interface Prompt {
  kind: 'dialog' | 'quickPick';
  /** The dialog's message and detail, or the quick pick's title and placeholder. */
  text: string;
  /** Dialog button labels; quick pick item labels. */
  choices: string[];
}

/**
 * What a person signing in would do. Returns the label to choose, or undefined to leave the
 * prompt alone (tests may be looking at it).
 */
export function chooseAnswer(prompt: Prompt): string | undefined {
  if (prompt.kind === 'dialog') {
    // "The extension 'BoomTown' wants to sign in using BoomTown." [Allow] [Cancel]
    if (/wants to sign in using/i.test(prompt.text) && prompt.choices.includes('Allow')) return 'Allow';
    // "The extension 'X' wants to access the BoomTown account 'ada@…'." (a session exists, this extension was not allowed yet)
    if (/wants to access the .+ account/i.test(prompt.text) && prompt.choices.includes('Allow')) return 'Allow';
    // "Do you want code-server to open the external website?" [Open] [Copy] [Configure Trusted Domains] [Cancel]
    if (/open the external website/i.test(prompt.text) && prompt.choices.includes('Open')) return 'Open';
    return undefined;
  }
  // "Select an account for 'BoomTown' to use or Esc to cancel": the account already signed in, listed first.
  if (/select an account for .+ to use/i.test(prompt.text)) return prompt.choices[0];
  return undefined;
}

/**
 * Reads the visible dialog or quick pick; runs in the browser. A string, not a function: this
 * project compiles without DOM types, and tsx's helpers would not exist in the page.
 */
const READ_PROMPT = `(() => {
  const visible = (element) => element instanceof HTMLElement && element.offsetParent !== null && getComputedStyle(element).visibility !== 'hidden';
  const text = (element) => (element instanceof HTMLElement ? element.innerText.trim() : '');
  const dialog = document.querySelector('.monaco-dialog-box');
  if (visible(dialog)) {
    return {
      kind: 'dialog',
      text: [text(dialog.querySelector('.dialog-message-text')), text(dialog.querySelector('.dialog-message-detail'))].join('\\n'),
      choices: Array.from(dialog.querySelectorAll('.dialog-buttons .monaco-button')).map(text),
    };
  }
  const quickInput = document.querySelector('.quick-input-widget');
  if (visible(quickInput)) {
    const placeholder = quickInput.querySelector('input')?.getAttribute('placeholder') ?? '';
    return {
      kind: 'quickPick',
      text: (text(quickInput.querySelector('.quick-input-title')) + '\\n' + placeholder).trim(),
      choices: Array.from(quickInput.querySelectorAll('.quick-input-list .monaco-list-row')).map((row) => row.getAttribute('aria-label') ?? text(row)),
    };
  }
  return null;
})()`;

async function choose(page: Page, prompt: Prompt, label: string): Promise<void> {
  if (prompt.kind === 'dialog') {
    await page.locator('.monaco-dialog-box .dialog-buttons .monaco-button').filter({ hasText: new RegExp(`^${escapeRegExp(label)}$`) }).first().click({ timeout: 5000 });
  } else {
    await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ hasText: label }).first().click({ timeout: 5000 });
  }
}

/**
 * Watches the workbench and answers VS Code's sign-in prompts as a person would, while tests run.
 * Polling (rather than waiting for one selector) copes with prompts appearing in any order.
 */
export function answerPrompts(page: Page, log: (line: string) => void, intervalMs = 250): { stop(): void } {
  let stopped = false;
  const loop = async () => {
    while (!stopped && !page.isClosed()) {
      try {
        const prompt = (await page.evaluate(READ_PROMPT)) as Prompt | null;
        const label = prompt && chooseAnswer(prompt);
        if (prompt && label) {
          log(`browser: ${prompt.kind} "${prompt.text.replace(/\s+/g, ' ').slice(0, 120)}" -> ${label}`);
          await choose(page, prompt, label);
        }
      } catch {
        // Navigation or a prompt closing under us: look again on the next tick.
      }
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  };
  void loop();
  return {
    stop: () => {
      stopped = true;
    },
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
