/**
 * A graphql-sse request in distinct connections mode at the byte level, for
 * what graphql-sse's own client will not do: stop reading its socket.
 */
import http from 'node:http';

export interface SseEvent {
  readonly event: string;
  readonly data: any;
}

export interface RawSse {
  readonly status: number;
  /** The complete events received so far, parsed. */
  events(): SseEvent[];
  /** Stops reading the socket: the server's writes pile up in the kernel's buffers, then in the server. */
  pause(): void;
  resume(): void;
  /** Closes the connection at once. */
  close(): void;
}

/** POSTs `payload` to `url` asking for an event stream; resolves once the response's head has come. */
export function openRawSse(url: string, payload: object): Promise<RawSse> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    }, (response) => {
      // Parsed as it comes: a stream that was stalled may bring many MB at once.
      let pending = '';
      const events: SseEvent[] = [];
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        pending += chunk;
        const blocks = pending.split('\n\n');
        pending = blocks.pop()!;
        for (const block of blocks) {
          const fields = new Map<string, string>();
          for (const line of block.split('\n')) {
            const match = /^(event|data): ?(.*)$/.exec(line);
            if (match) fields.set(match[1]!, match[2]!);
          }
          const event = fields.get('event');
          if (event) events.push({ event, data: fields.get('data') ? JSON.parse(fields.get('data')!) : null });
        }
      });
      response.on('error', () => undefined);
      resolve({
        status: response.statusCode ?? 0,
        events: () => events,
        pause: () => {
          response.pause();
          response.socket.pause();
        },
        resume: () => {
          response.socket.resume();
          response.resume();
        },
        close: () => request.destroy(),
      });
    });
    request.once('error', reject);
    request.end(JSON.stringify(payload));
  });
}
