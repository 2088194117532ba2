// undici as the extension's HTTP stack uses it (src/core/shared/transport/httpStack.ts), built into
// dist/vendor-undici.mjs from undici's public entry. It exports every name the extension imports from
// the package: one missing here fails a bundle test.
export { EnvHttpProxyAgent } from 'undici';
