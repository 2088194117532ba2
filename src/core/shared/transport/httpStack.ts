/**
 * The part of undici the extension runs, in one module: what the first request imports. In the bundle
 * this module and undici (its public entry, as the package ships it) make a chunk of their own
 * (esbuild's code splitting), so no start parses undici.
 */
export { EnvHttpProxyAgent } from 'undici';
