"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.connectionOf = connectionOf;
const type_graphql_1 = require("type-graphql");
const pageInfo_1 = require("./pageInfo");
/**
 * The Relay connection of a node type: `XConnection { edges { cursor node }
 * nodes pageInfo totalCount }` and `XEdge`. Extend it once per node type:
 * `@ObjectType({ simpleResolvers: true }) class InvoiceConnection extends connectionOf(Invoice, 'Invoice') {}`.
 *
 * Nodes are nullable (`node: X`, `nodes: [X]!`), as Relay allows: a node
 * whose fields another subgraph failed to resolve becomes null on its own,
 * instead of nulling the whole list and everything above it.
 */
function connectionOf(nodeType, name) {
    let Edge = class Edge {
    };
    __decorate([
        (0, type_graphql_1.Field)({ description: 'Opaque, stable cursor of this node, for `after`.' }),
        __metadata("design:type", String)
    ], Edge.prototype, "cursor", void 0);
    __decorate([
        (0, type_graphql_1.Field)(() => nodeType, { nullable: true }),
        __metadata("design:type", Object)
    ], Edge.prototype, "node", void 0);
    Edge = __decorate([
        (0, type_graphql_1.ObjectType)(`${name}Edge`, { simpleResolvers: true, description: `An edge of a ${name}Connection.` })
    ], Edge);
    // Never in a schema itself (unreachable): its subclass inherits the fields.
    let Connection = class Connection {
        get totalCount() {
            return this.countTotal();
        }
    };
    __decorate([
        (0, type_graphql_1.Field)(() => [Edge]),
        __metadata("design:type", Array)
    ], Connection.prototype, "edges", void 0);
    __decorate([
        (0, type_graphql_1.Field)(() => [nodeType], { nullable: 'items', description: 'The nodes of the edges, in order.' }),
        __metadata("design:type", Array)
    ], Connection.prototype, "nodes", void 0);
    __decorate([
        (0, type_graphql_1.Field)(() => pageInfo_1.PageInfo),
        __metadata("design:type", pageInfo_1.PageInfo)
    ], Connection.prototype, "pageInfo", void 0);
    __decorate([
        (0, type_graphql_1.Field)(() => type_graphql_1.Int, { description: 'Items in the whole connection, all pages together.' }),
        __metadata("design:type", Promise),
        __metadata("design:paramtypes", [])
    ], Connection.prototype, "totalCount", null);
    Connection = __decorate([
        (0, type_graphql_1.ObjectType)(`${name}ConnectionBase`, { simpleResolvers: true })
    ], Connection);
    return Connection;
}
//# sourceMappingURL=connection.js.map