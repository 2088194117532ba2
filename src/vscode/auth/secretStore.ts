import type * as vscode from 'vscode';
import type { SecretStore } from '../../core/shared/ports';

/** The core SecretStore port over context.secrets. onDidChange fires in every window that shares the storage. */
export function secretStoreFrom(secrets: vscode.SecretStorage): SecretStore {
  return {
    get: async (key) => secrets.get(key),
    store: async (key, value) => secrets.store(key, value),
    delete: async (key) => secrets.delete(key),
    onDidChange: (listener) => secrets.onDidChange((event) => listener(event.key)),
  };
}
