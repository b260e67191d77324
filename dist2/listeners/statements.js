"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Statements = void 0;
class Statements {
    constructor(client) {
        this.client = client;
        this.tail = Promise.resolve();
    }
    /**
     * Sends `text` after every statement sent before it. The result is marked
     * handled: a caller that does not wait for it learns of a failure through the
     * statements behind it (and {@link commit}).
     */
    query(text, params) {
        const send = () => this.client.query(text, params);
        const result = this.client.pipeline ? send() : this.tail.then(send, send);
        this.tail = result.catch(() => undefined);
        return result;
    }
    /** COMMIT behind everything sent; rejects when Postgres rolled back instead (a statement before it failed). */
    async commit() {
        const { command } = await this.query('COMMIT');
        if (command !== 'COMMIT')
            throw new Error(`the batch's transaction ended with ${command} instead of COMMIT`);
    }
    /** Waits for every statement sent so far, whatever their outcome. */
    settled() {
        return this.tail;
    }
}
exports.Statements = Statements;
//# sourceMappingURL=statements.js.map