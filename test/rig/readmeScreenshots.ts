/**
 * `npm run screenshots`: copies the workbench screenshots the integration suite takes into
 * media/screenshots, where the README shows them. Run `npm run test:integration` first.
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const from = path.join(root, 'test-results', 'screenshots');
const to = path.join(root, 'media', 'screenshots');
const wanted = ['accounts-menu-sign-in', 'accounts-menu', 'leads-tree', 'lead-json', 'sign-in-denied', 'chat-share-question', 'request-files', 'api-completion'];

mkdirSync(to, { recursive: true });
const missing = wanted.filter((name) => !existsSync(path.join(from, `${name}.png`)));
if (missing.length) {
  console.error(`missing ${missing.join(', ')} in ${from}: run npm run test:integration first`);
  process.exit(1);
}
for (const name of wanted) copyFileSync(path.join(from, `${name}.png`), path.join(to, `${name}.png`));
console.log(`copied ${wanted.length} screenshots to media/screenshots`);
