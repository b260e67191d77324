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
exports.ConnectionArgs = void 0;
const type_graphql_1 = require("type-graphql");
/** `first` and `after` of every connection field (checked by `pageRequest`). */
let ConnectionArgs = class ConnectionArgs {
};
exports.ConnectionArgs = ConnectionArgs;
__decorate([
    (0, type_graphql_1.Field)(() => type_graphql_1.Int, { nullable: true, description: 'How many items, from 0 to 500; default 50.' }),
    __metadata("design:type", Object)
], ConnectionArgs.prototype, "first", void 0);
__decorate([
    (0, type_graphql_1.Field)(() => String, { nullable: true, description: 'A cursor from a previous page: items after it.' }),
    __metadata("design:type", Object)
], ConnectionArgs.prototype, "after", void 0);
exports.ConnectionArgs = ConnectionArgs = __decorate([
    (0, type_graphql_1.ArgsType)()
], ConnectionArgs);
//# sourceMappingURL=connectionArgs.js.map