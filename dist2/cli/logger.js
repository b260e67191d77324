"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createLogger = createLogger;
const ORDER = { debug: 0, info: 1, warn: 2, error: 3 };
function createLogger(level, write = (line) => process.stderr.write(line + '\n')) {
    const at = (messageLevel) => (message) => {
        if (ORDER[messageLevel] >= ORDER[level])
            write(`${new Date().toISOString()} ${messageLevel.padEnd(5)} ${message}`);
    };
    return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
//# sourceMappingURL=logger.js.map