import assert from 'node:assert/strict';
import { chooseAnswer, type Prompt } from '../../rig/workbench/promptAnswerer';

const dialog = (text: string, ...choices: string[]): Prompt => ({ kind: 'dialog', text, choices });
const quickPick = (text: string, ...choices: string[]): Prompt => ({ kind: 'quickPick', text, choices });

describe('rig: answering VS Code prompts as a person signing in', () => {
  const cases: Array<[string, Prompt, string | undefined]> = [
    ['allows the sign-in consent', dialog("The extension 'BoomTown' wants to sign in using BoomTown.", 'Allow', 'Cancel'), 'Allow'],
    ['allows access to an existing account', dialog("The extension 'X' wants to access the BoomTown account 'ada@example.com'.", 'Allow', 'Deny'), 'Allow'],
    ['opens the external sign-in page', dialog('Do you want code-server to open the external website?\nhttp://127.0.0.2/oauth/authorize', 'Open', 'Copy', 'Cancel'), 'Open'],
    ['picks the first account', quickPick("Select an account for 'BoomTown' to use or Esc to cancel", 'ada@example.com', 'Sign in to another account'), 'ada@example.com'],
    ['leaves other dialogs to the tests', dialog('Delete 3 files?', 'Delete', 'Cancel'), undefined],
    ['does not allow a dialog that offers no Allow', dialog("The extension 'BoomTown' wants to sign in using BoomTown.", 'Cancel'), undefined],
    ['leaves other quick picks to the tests', quickPick('Search leads', 'Ada'), undefined],
  ];
  for (const [behaviour, prompt, expected] of cases) {
    it(behaviour, () => assert.equal(chooseAnswer(prompt), expected));
  }
});
