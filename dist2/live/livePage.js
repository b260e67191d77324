"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.LIVE_PATH = void 0;
exports.serveLivePage = serveLivePage;
/**
 * The live status page at /live: static files of live/page plus the charting
 * library and the graphql-ws browser client, served from the project's own
 * dependencies (no CDN), so the page works offline.
 */
const node_fs_1 = __importDefault(require("node:fs"));
const node_path_1 = __importDefault(require("node:path"));
exports.LIVE_PATH = '/live';
const PAGE_DIR = node_path_1.default.resolve(__dirname, '..', '..', 'live', 'page');
/** The folder of an installed package (its "exports" may hide package.json and dist files). */
function packageDir(name) {
    let dir = node_path_1.default.dirname(require.resolve(name));
    while (!isPackageRoot(dir, name)) {
        const parent = node_path_1.default.dirname(dir);
        if (parent === dir)
            throw new Error(`cannot find the folder of the package ${name}`);
        dir = parent;
    }
    return dir;
}
function isPackageRoot(dir, name) {
    try {
        return JSON.parse(node_fs_1.default.readFileSync(node_path_1.default.join(dir, 'package.json'), 'utf8')).name === name;
    }
    catch {
        return false;
    }
}
/** URL path → file and content type. */
const FILES = {
    [exports.LIVE_PATH]: [node_path_1.default.join(PAGE_DIR, 'index.html'), 'text/html; charset=utf-8'],
    [`${exports.LIVE_PATH}/`]: [node_path_1.default.join(PAGE_DIR, 'index.html'), 'text/html; charset=utf-8'],
    [`${exports.LIVE_PATH}/app.js`]: [node_path_1.default.join(PAGE_DIR, 'app.js'), 'text/javascript; charset=utf-8'],
    [`${exports.LIVE_PATH}/style.css`]: [node_path_1.default.join(PAGE_DIR, 'style.css'), 'text/css; charset=utf-8'],
    [`${exports.LIVE_PATH}/assets/chart.umd.min.js`]: [node_path_1.default.join(packageDir('chart.js'), 'dist', 'chart.umd.min.js'), 'text/javascript; charset=utf-8'],
    [`${exports.LIVE_PATH}/assets/graphql-ws.min.js`]: [node_path_1.default.join(packageDir('graphql-ws'), 'umd', 'graphql-ws.min.js'), 'text/javascript; charset=utf-8'],
};
/** Serves the request when it is for the live page; returns false otherwise. */
function serveLivePage(req, res) {
    const pathname = (req.url ?? '/').split('?')[0];
    const file = FILES[pathname];
    if (!file)
        return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
        res.end(`expected GET ${pathname}, got ${req.method}\n`);
        return true;
    }
    node_fs_1.default.readFile(file[0], (error, content) => {
        if (error) {
            res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
            res.end(`the live page file ${node_path_1.default.basename(file[0])} could not be read: ${error.message}\n`);
            return;
        }
        res.writeHead(200, { 'content-type': file[1], 'content-length': content.length, 'cache-control': 'no-cache' });
        res.end(req.method === 'HEAD' ? undefined : content);
    });
    return true;
}
//# sourceMappingURL=livePage.js.map