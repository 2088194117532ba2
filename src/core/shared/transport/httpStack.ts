/**
 * The part of undici the extension runs, in one module: what the first request loads. In the bundle
 * this module is the entry of the deferred chunk "http" (src/bundle/extensionBuild.mjs), so no start
 * parses undici; `undici` itself resolves there to the lean slice (src/bundle/leanUndiciPlugin.mjs).
 */
export { EnvHttpProxyAgent } from 'undici';
