import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/** Runs a command to completion; rejects with its tail of output when it exits non-zero. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: SpawnOptions & { label?: string; echo?: boolean } = {},
): Promise<string> {
  const { label = command, echo = false, ...spawnOptions } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...spawnOptions, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      if (echo) process.stderr.write(text);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${label} failed (${signal ?? `exit ${code}`}):\n${output.slice(-4000)}`));
    });
  });
}

/**
 * Starts a long-running command as the leader of its own process group, so that stopping it
 * also stops every helper it forked (code-server leaves a watcher behind otherwise).
 */
export function spawnGroup(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  return spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** SIGTERM to the whole group, SIGKILL after a grace period; resolves once the leader is gone. */
export async function stopGroup(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.pid === undefined) return;
  const exited = child.exitCode !== null || child.signalCode !== null;
  const leaderGone = exited ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalGroup(child.pid, 'SIGTERM');
  const killed = await Promise.race([leaderGone.then(() => false), delay(graceMs).then(() => true)]);
  // Kill the group regardless: helpers may outlive a leader that exited on SIGTERM.
  signalGroup(child.pid, 'SIGKILL');
  if (killed) await Promise.race([leaderGone, delay(1000)]);
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

/** Resolves with the first output line matching `pattern`; rejects if the process exits or time runs out. */
export function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number, label: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => finish(new Error(`${label}: no "${pattern.source}" within ${timeoutMs} ms. Output:\n${seen.slice(-3000)}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const line = seen.split('\n').find((candidate) => pattern.test(candidate));
      if (line !== undefined) finish(undefined, line);
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      finish(new Error(`${label} exited (${signal ?? `exit ${code}`}) before "${pattern.source}". Output:\n${seen.slice(-3000)}`));
    function finish(error?: Error, line?: string) {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(line ?? '');
    }
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', onExit);
  });
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
