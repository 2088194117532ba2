// yaml as the API description reader uses it (src/core/api/contract/contractReader.ts), built into
// dist/vendor-yaml.mjs. It exports every name the extension imports from the package: one missing here
// fails a bundle test.
export { parseDocument } from 'yaml';
