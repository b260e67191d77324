"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.EXPLORER_ASSET_PREFIX = void 0;
exports.createExplorer = createExplorer;
/**
 * The explorer: GraphiQL served from the project's own node_modules, so it
 * works without a network. GraphiQL 3.x and React 18.3 are the last releases
 * that ship browser-ready UMD builds (graphiql 5 and React 19 ship none and
 * would need a bundler at build time); pinned in package.json.
 */
const promises_1 = require("node:fs/promises");
const node_path_1 = __importDefault(require("node:path"));
/** Where the explorer's files are served from (below the gateway's origin). */
exports.EXPLORER_ASSET_PREFIX = '/explorer/';
const packageDir = (name) => node_path_1.default.dirname(require.resolve(`${name}/package.json`));
/** URL name -> file in node_modules. Resolved at first use so a missing package fails loudly then. */
function assetFiles() {
    const js = 'text/javascript; charset=utf-8';
    return {
        'react.production.min.js': { file: node_path_1.default.join(packageDir('react'), 'umd', 'react.production.min.js'), contentType: js },
        'react-dom.production.min.js': { file: node_path_1.default.join(packageDir('react-dom'), 'umd', 'react-dom.production.min.js'), contentType: js },
        'graphiql.min.js': { file: node_path_1.default.join(packageDir('graphiql'), 'graphiql.min.js'), contentType: js },
        'graphiql.min.css': { file: node_path_1.default.join(packageDir('graphiql'), 'graphiql.min.css'), contentType: 'text/css; charset=utf-8' },
    };
}
/**
 * @param endpoint the GraphQL path the page sends queries to (same origin), e.g. `/graphql`.
 * @param tabs queries opened as tabs the first time the page is shown.
 */
function createExplorer(endpoint, tabs) {
    const files = assetFiles();
    const cache = new Map();
    const html = explorerHtml(endpoint, tabs);
    return {
        page: () => ({
            status: 200,
            headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' },
            body: html,
        }),
        async asset(name) {
            const asset = Object.hasOwn(files, name) ? files[name] : undefined;
            if (!asset)
                return undefined;
            let body = cache.get(name);
            if (!body) {
                body = (0, promises_1.readFile)(asset.file);
                cache.set(name, body);
                body.catch(() => cache.delete(name));
            }
            return {
                status: 200,
                headers: { 'content-type': asset.contentType, 'cache-control': 'public, max-age=3600', 'x-content-type-options': 'nosniff' },
                body: await body,
            };
        },
    };
}
/** JSON safe to place inside a <script> element. */
function scriptJson(value) {
    return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
        .replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
function explorerHtml(endpoint, tabs) {
    const config = {
        endpoint,
        tabs: tabs.map((t) => ({ query: t.query })),
    };
    const asset = (name) => `${exports.EXPLORER_ASSET_PREFIX}${name}`;
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>servicegraph · GraphiQL</title>
<link rel="stylesheet" href="${asset('graphiql.min.css')}">
<style>html, body, #graphiql { height: 100%; margin: 0; overflow: hidden; }</style>
</head>
<body>
<div id="graphiql">Loading the explorer…</div>
<script id="servicegraph-explorer" type="application/json">${scriptJson(config)}</script>
<script src="${asset('react.production.min.js')}"></script>
<script src="${asset('react-dom.production.min.js')}"></script>
<script src="${asset('graphiql.min.js')}"></script>
<script>
  (function () {
    var config = JSON.parse(document.getElementById('servicegraph-explorer').textContent);
    var fetcher = GraphiQL.createFetcher({ url: new URL(config.endpoint, window.location.href).href });
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, {
        fetcher: fetcher,
        defaultTabs: config.tabs,
        defaultEditorToolsVisibility: true,
      }),
    );
  })();
</script>
</body>
</html>
`;
}
//# sourceMappingURL=explorer.js.map