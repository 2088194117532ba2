import type * as vscode from 'vscode';

const KEY = 'boomtown.recentRequestPaths';
const KEEP = 10;

/** Recently sent request paths, in globalState. Paths only: no token or answer is ever kept there. */
export class RecentPaths {
  constructor(private readonly state: vscode.Memento) {}

  list(): string[] {
    const value = this.state.get<unknown>(KEY);
    return Array.isArray(value) ? value.filter((p): p is string => typeof p === 'string').slice(0, KEEP) : [];
  }

  async remember(path: string): Promise<void> {
    await this.state.update(KEY, [path, ...this.list().filter((p) => p !== path)].slice(0, KEEP));
  }
}
