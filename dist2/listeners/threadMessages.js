"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=threadMessages.js.map