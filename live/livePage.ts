/**
 * The live status page at /live: static files of live/page plus the charting
 * library and the graphql-ws browser client, served from the project's own
 * dependencies (no CDN), so the page works offline.
 */
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

export const LIVE_PATH = '/live';

const PAGE_DIR = path.resolve(__dirname, '..', '..', 'live', 'page');

/** The folder of an installed package (its "exports" may hide package.json and dist files). */
function packageDir(name: string): string {
  let dir = path.dirname(require.resolve(name));
  while (!isPackageRoot(dir, name)) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the folder of the package ${name}`);
    dir = parent;
  }
  return dir;
}

function isPackageRoot(dir: string, name: string): boolean {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).name === name;
  } catch {
    return false;
  }
}

/** URL path → file and content type. */
const FILES: Readonly<Record<string, readonly [string, string]>> = {
  [LIVE_PATH]: [path.join(PAGE_DIR, 'index.html'), 'text/html; charset=utf-8'],
  [`${LIVE_PATH}/`]: [path.join(PAGE_DIR, 'index.html'), 'text/html; charset=utf-8'],
  [`${LIVE_PATH}/app.js`]: [path.join(PAGE_DIR, 'app.js'), 'text/javascript; charset=utf-8'],
  [`${LIVE_PATH}/style.css`]: [path.join(PAGE_DIR, 'style.css'), 'text/css; charset=utf-8'],
  [`${LIVE_PATH}/assets/chart.umd.min.js`]: [path.join(packageDir('chart.js'), 'dist', 'chart.umd.min.js'), 'text/javascript; charset=utf-8'],
  [`${LIVE_PATH}/assets/graphql-ws.min.js`]: [path.join(packageDir('graphql-ws'), 'umd', 'graphql-ws.min.js'), 'text/javascript; charset=utf-8'],
};

/** The page's operations with their ids (live/pageOperations.ts): made by the server, not read from a file. */
export const OPERATIONS_SCRIPT_PATH = `${LIVE_PATH}/operations.js`;

/**
 * Serves the request when it is for the live page; returns false otherwise.
 * `operationsScript` is the text of {@link OPERATIONS_SCRIPT_PATH}.
 */
export function serveLivePage(req: IncomingMessage, res: ServerResponse, operationsScript: string): boolean {
  const pathname = (req.url ?? '/').split('?')[0]!;
  const file = FILES[pathname];
  if (!file && pathname !== OPERATIONS_SCRIPT_PATH) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
    res.end(`expected GET ${pathname}, got ${req.method}\n`);
    return true;
  }
  if (!file) {
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'content-length': Buffer.byteLength(operationsScript), 'cache-control': 'no-cache' });
    res.end(req.method === 'HEAD' ? undefined : operationsScript);
    return true;
  }
  fs.readFile(file[0], (error, content) => {
    if (error) {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`the live page file ${path.basename(file[0])} could not be read: ${error.message}\n`);
      return;
    }
    res.writeHead(200, { 'content-type': file[1], 'content-length': content.length, 'cache-control': 'no-cache' });
    res.end(req.method === 'HEAD' ? undefined : content);
  });
  return true;
}
