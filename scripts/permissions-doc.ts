/** `npm run permissions:doc`: renders the permission matrix as docs/permissions.md. */
import fs from 'node:fs';
import path from 'node:path';
import { renderPermissionsDoc } from '@kongchuo/shared/policy';

// scripts/dist/ when built, scripts/ under jest
export const PERMISSIONS_DOC = path.resolve(__dirname, path.basename(__dirname) === 'dist' ? '../..' : '..', 'docs', 'permissions.md');

if (require.main === module) {
  fs.mkdirSync(path.dirname(PERMISSIONS_DOC), { recursive: true });
  fs.writeFileSync(PERMISSIONS_DOC, renderPermissionsDoc());
  console.log(`wrote ${PERMISSIONS_DOC}`);
}
