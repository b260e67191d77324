"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.revenueLoaders = revenueLoaders;
const dataloader_1 = __importDefault(require("dataloader"));
const loaders_1 = require("../shared/loaders");
const portfolioKey_1 = require("../shared/portfolioKey");
const figures_1 = require("./figures");
const months_1 = require("./months");
/** `loadersFor(context)` of one revenue subgraph instance. */
function revenueLoaders(db) {
    return (0, loaders_1.perRequest)(() => ({
        projectRevenue: (0, loaders_1.loaderById)((ids) => (0, figures_1.projectRevenueById)(db, ids), (p) => p.id),
        portfolio: (0, loaders_1.loaderById)((ids) => (0, figures_1.portfolioRevenueOf)(db, (0, portfolioKey_1.currenciesOf)(ids)), (row) => row.id),
        months: new loaders_1.LoaderFamily((range) => new dataloader_1.default((ids) => (0, months_1.monthsOfProjects)(db, ids, range)), (range) => `${range.from ?? ''}|${range.to ?? ''}`),
    }));
}
//# sourceMappingURL=loaders.js.map