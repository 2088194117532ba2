/**
 * A plain timer as a promise, for waits nobody cancels (the refresh lease's polling). A wait that
 * must end early when the user cancels is timerSleep in cancellation.ts.
 */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
