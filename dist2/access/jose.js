"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.loadJose = loadJose;
let loading;
function loadJose() {
    loading ??= import('jose');
    return loading;
}
//# sourceMappingURL=jose.js.map