// proper-lockfile as the cross-window sessions lock uses it (src/core/auth/sessions/lock.ts), built into
// dist/vendor-properLockfile.mjs. It exports every name the extension imports from the package: one
// missing here fails a bundle test.
export { lock } from 'proper-lockfile';
