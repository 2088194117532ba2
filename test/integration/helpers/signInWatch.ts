import type { Rig } from './rig';

/** The texts of the notification toasts on screen, joined by " | ". */
export async function toastTexts(rig: Rig): Promise<string> {
  return (await rig.textOf('.notifications-toasts .notification-list-item-message')).join(' | ');
}

/** Settles to 'resolved', 'rejected' or 'pending' without waiting. */
export function track<T>(promise: Thenable<T>): { state: () => 'pending' | 'resolved' | 'rejected'; result: Promise<T | unknown> } {
  let state: 'pending' | 'resolved' | 'rejected' = 'pending';
  const result = Promise.resolve(promise).then(
    (value) => ((state = 'resolved'), value),
    (error: unknown) => ((state = 'rejected'), error),
  );
  return { state: () => state, result };
}
