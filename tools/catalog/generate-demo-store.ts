// Writes catalogs/demo-store.json from the tables in tools/catalog/demo-store/, after checking
// that it imports cleanly. Run: npx tsx tools/catalog/generate-demo-store.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { importCatalog } from '../../domain/common/catalog/import.js';
import { formatIssue } from '../../domain/common/catalog/issue.js';
import { buildDemoStore } from './demo-store/build.js';

/** Pretty JSON with one product, promotion or coupon a line, so a change shows as a one-line diff. */
function formatCatalog(catalog: object): string {
  const members = Object.entries(catalog).map(([key, value]) => {
    const body = Array.isArray(value)
      ? `[\n${value.map((item) => `    ${JSON.stringify(item)}`).join(',\n')}\n  ]`
      : JSON.stringify(value, null, 2).replace(/\n/g, '\n  ');
    return `  ${JSON.stringify(key)}: ${body}`;
  });
  return `{\n${members.join(',\n')}\n}\n`;
}

const target = fileURLToPath(new URL('../../catalogs/demo-store.json', import.meta.url));
const catalog = buildDemoStore();
const imported = importCatalog(catalog);
if (!imported.ok) {
  console.error(`the demo store does not import:\n${imported.error.map(formatIssue).join('\n')}`);
  process.exit(1);
}
writeFileSync(target, formatCatalog(catalog));
console.log(`wrote ${target}: ${imported.value.products.length} products, ${imported.value.promotions.length} promotions, ${imported.value.coupons.length} coupons`);
