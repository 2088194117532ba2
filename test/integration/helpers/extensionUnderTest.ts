import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../../src/constants';

/** The extension under test, activated; fails with a hint when VS Code did not load it at all. */
export async function activeExtension(): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded: is dist/extension.mjs built, and engines.vscode no newer than this VS Code (${vscode.version})?`);
  await extension.activate();
  return extension;
}
