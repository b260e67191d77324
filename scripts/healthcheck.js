#!/usr/bin/env node
'use strict';
/**
 * A container health check: exits 0 when the URL answers 200, else 1.
 *
 *   node scripts/healthcheck.js http://127.0.0.1:4010/readyz     GET (every servicegraph port serves /readyz)
 *   node scripts/healthcheck.js http://127.0.0.1:4001/graphql    POST { __typename } (any GraphQL endpoint)
 */
const url = process.argv[2];
if (!url) {
  process.stderr.write('usage: healthcheck.js <url>\n');
  process.exit(2);
}
const graphql = new URL(url).pathname.endsWith('/graphql');
fetch(url, {
  method: graphql ? 'POST' : 'GET',
  headers: graphql ? { 'content-type': 'application/json', accept: 'application/json' } : {},
  body: graphql ? JSON.stringify({ query: '{ __typename }' }) : undefined,
  signal: AbortSignal.timeout(4000),
}).then(
  (response) => {
    if (response.status !== 200) process.stderr.write(`${url}: HTTP ${response.status}\n`);
    process.exit(response.status === 200 ? 0 : 1);
  },
  (error) => {
    process.stderr.write(`${url}: ${error && error.cause ? error.cause.code || error.cause.message : error}\n`);
    process.exit(1);
  },
);
