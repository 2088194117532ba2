/** The core's one entry point: a window's core is composed by `createCore` from its ports. */
export { createCore, type Core, type CoreOptions, type CoreSettings, type SessionTimings } from './createCore';
