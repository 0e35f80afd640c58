// `npm start`: runs the demo CRUD app once it has been built (the root script builds first).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const main = path.join(root, 'apps', 'demo-crud', 'dist', 'main.js');
if (!existsSync(main)) {
  console.error('sloe: the demo CRUD app has no entry point yet (apps/demo-crud/src/main.ts); nothing to start.');
  process.exit(1);
}
process.chdir(path.join(root, 'apps', 'demo-crud'));
await import(path.join(main));
