/**
 * The explorer: GraphiQL served from the project's own node_modules, so it
 * works without a network. GraphiQL 3.x and React 18.3 are the last releases
 * that ship browser-ready UMD builds (graphiql 5 and React 19 ship none and
 * would need a bundler at build time); pinned in package.json.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ExampleQuery } from './exampleQueries';

/** Where the explorer's files are served from (below the gateway's origin). */
export const EXPLORER_ASSET_PREFIX = '/explorer/';

interface Asset {
  readonly file: string;
  readonly contentType: string;
}

const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

/** URL name -> file in node_modules. Resolved at first use so a missing package fails loudly then. */
function assetFiles(): Record<string, Asset> {
  const js = 'text/javascript; charset=utf-8';
  return {
    'react.production.min.js': { file: path.join(packageDir('react'), 'umd', 'react.production.min.js'), contentType: js },
    'react-dom.production.min.js': { file: path.join(packageDir('react-dom'), 'umd', 'react-dom.production.min.js'), contentType: js },
    'graphiql.min.js': { file: path.join(packageDir('graphiql'), 'graphiql.min.js'), contentType: js },
    'graphiql.min.css': { file: path.join(packageDir('graphiql'), 'graphiql.min.css'), contentType: 'text/css; charset=utf-8' },
  };
}

export interface ExplorerResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string | Buffer;
}

export interface Explorer {
  /** The page for `GET <endpoint>` from a browser. */
  page(): ExplorerResponse;
  /** A file below {@link EXPLORER_ASSET_PREFIX}, or undefined when there is none by that name. */
  asset(name: string): Promise<ExplorerResponse | undefined>;
}

export interface ExplorerOptions {
  /** The path (same origin) the page opens a graphql-ws WebSocket on for subscriptions; none: the page sends only queries. */
  readonly subscriptions?: string;
}

/**
 * @param endpoint the GraphQL path the page sends queries to (same origin), e.g. `/graphql`.
 * @param tabs queries opened as tabs the first time the page is shown.
 */
export function createExplorer(endpoint: string, tabs: readonly ExampleQuery[], options: ExplorerOptions = {}): Explorer {
  const files = assetFiles();
  const cache = new Map<string, Promise<Buffer>>();
  const html = explorerHtml(endpoint, tabs, options.subscriptions);
  return {
    page: () => ({
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' },
      body: html,
    }),
    async asset(name) {
      const asset = Object.hasOwn(files, name) ? files[name] : undefined;
      if (!asset) return undefined;
      let body = cache.get(name);
      if (!body) {
        body = readFile(asset.file);
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
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function explorerHtml(endpoint: string, tabs: readonly ExampleQuery[], subscriptions: string | undefined): string {
  const config = {
    endpoint,
    subscriptions: subscriptions ?? null,
    tabs: tabs.map((t) => ({ query: t.query })),
  };
  const asset = (name: string) => `${EXPLORER_ASSET_PREFIX}${name}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>servicegraph · GraphiQL</title>
<link rel="icon" href="data:,">
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
    var options = { url: new URL(config.endpoint, window.location.href).href };
    if (config.subscriptions) {
      // Same origin, WebSocket scheme: GraphiQL's fetcher sends subscriptions over graphql-ws there, queries by POST.
      var ws = new URL(config.subscriptions, window.location.href);
      ws.protocol = ws.protocol === 'https:' ? 'wss:' : 'ws:';
      options.subscriptionUrl = ws.href;
    }
    var fetcher = GraphiQL.createFetcher(options);
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
