// Adapter for tools/check-router-conformance.mjs:
//   node tools/check-router-conformance.mjs --adapter packages/router/test/conformance-adapter.mjs --policy sloe
// It loads the router's TypeScript source through tsx, so no build is needed.
import { tsImport } from 'tsx/esm/api';

export default async () => {
  const { Router } = await tsImport('../src/index.ts', import.meta.url);
  const { sloeAdapter } = await tsImport('./conformance/adapter.ts', import.meta.url);
  return sloeAdapter(Router);
};
