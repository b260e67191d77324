"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const graphql_1 = require("graphql");
const cursor_1 = require("../../resolvers/shared/cursor");
const pagination_1 = require("../../resolvers/shared/pagination");
const portfolioKey_1 = require("../../resolvers/shared/portfolioKey");
const invoiceCursor = (0, cursor_1.cursorCodec)('invoice:drafted', [cursor_1.timestampKey, cursor_1.anyId]);
const projectCursor = (0, cursor_1.cursorCodec)('project:id', [cursor_1.anyId]);
function badUserInput(pattern) {
    return (error) => {
        strict_1.default.ok(error instanceof graphql_1.GraphQLError);
        strict_1.default.equal(error.extensions.code, 'BAD_USER_INPUT');
        strict_1.default.match(error.message, pattern);
        return true;
    };
}
(0, node_test_1.describe)('cursors', () => {
    (0, node_test_1.it)('are opaque base64url and decode to the keys they were made of', () => {
        const cursor = invoiceCursor.encode(['2025-02-03T07:00:01.838123Z', 'INV-000001']);
        strict_1.default.match(cursor, /^[A-Za-z0-9_-]+$/);
        strict_1.default.deepEqual(invoiceCursor.decode(cursor), ['2025-02-03T07:00:01.838123Z', 'INV-000001']);
    });
    (0, node_test_1.it)('of another ordering, or tampered with, are BAD_USER_INPUT', () => {
        const projects = projectCursor.encode(['PRJ-1']);
        strict_1.default.throws(() => invoiceCursor.decode(projects), badUserInput(/after: expected a cursor returned by this connection/));
        strict_1.default.throws(() => invoiceCursor.decode('not a cursor!'), badUserInput(/got "not a cursor!"/));
        const bent = Buffer.from(JSON.stringify(['invoice:drafted', '2025-13-45 99:99', 'INV-1'])).toString('base64url');
        strict_1.default.throws(() => invoiceCursor.decode(bent), badUserInput(/expected a cursor/));
        strict_1.default.throws(() => projectCursor.decode(Buffer.from('{"a":1}').toString('base64url')), badUserInput(/expected a cursor/));
    });
});
(0, node_test_1.describe)('page requests', () => {
    (0, node_test_1.it)('default first to 50 and accept 0 to 500', () => {
        strict_1.default.deepEqual((0, pagination_1.pageRequest)(undefined, undefined, projectCursor), { first: 50, after: null });
        strict_1.default.deepEqual((0, pagination_1.pageRequest)(0, null, projectCursor), { first: 0, after: null });
        strict_1.default.equal((0, pagination_1.pageRequest)(500, null, projectCursor).first, 500);
    });
    (0, node_test_1.it)('refuse first above 500 or below 0, saying what was expected and what arrived', () => {
        strict_1.default.throws(() => (0, pagination_1.pageRequest)(501, null, projectCursor), badUserInput(/^first: expected an integer from 0 to 500 \(default 50\), got 501$/));
        strict_1.default.throws(() => (0, pagination_1.pageRequest)(100000, null, projectCursor), badUserInput(/got 100000/));
        strict_1.default.throws(() => (0, pagination_1.pageRequest)(-1, null, projectCursor), badUserInput(/got -1/));
    });
});
(0, node_test_1.describe)('portfolio ids', () => {
    (0, node_test_1.it)('name a currency, or a currency and a legal entity', () => {
        strict_1.default.equal((0, portfolioKey_1.portfolioId)({ currency: 'EUR', legalEntityId: null }), 'EUR');
        strict_1.default.equal((0, portfolioKey_1.portfolioId)({ currency: 'EUR', legalEntityId: 'LE-DE' }), 'EUR|LE-DE');
        strict_1.default.deepEqual((0, portfolioKey_1.parsePortfolioId)('EUR|LE|X'), { currency: 'EUR', legalEntityId: 'LE|X' });
        strict_1.default.deepEqual((0, portfolioKey_1.parsePortfolioId)('USD'), { currency: 'USD', legalEntityId: null });
        strict_1.default.equal((0, portfolioKey_1.parsePortfolioId)('euro'), null);
        strict_1.default.equal((0, portfolioKey_1.parsePortfolioId)('EUR|'), null);
    });
});
//# sourceMappingURL=resolvers.pagination.unit.test.js.map