/**
 * Reading a request's body with a bound on its size, so that no client can
 * make a server hold more than the limit for it.
 */
import type http from 'node:http';
import { HttpError } from './httpError';

/** A request's body as text, read up to `maxBytes`: a 413 HttpError past it (declared or sent). */
export async function readBoundedBody(req: http.IncomingMessage, maxBytes: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new HttpError(413, 'PAYLOAD_TOO_LARGE', `a POST body may have at most ${maxBytes} bytes, got ${declared}`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) throw new HttpError(413, 'PAYLOAD_TOO_LARGE', `a POST body may have at most ${maxBytes} bytes`);
      chunks.push(chunk);
    }
  } catch (error) {
    // Leaving the loop on the 413 ends the stream, which then reads as aborted: the 413 is the answer.
    if (error instanceof HttpError) throw error;
    // A client that hangs up (or is cut by the request timeout) mid-body is the client's doing, not a failure of the server's.
    if (req.readableAborted || (error as NodeJS.ErrnoException).code === 'ECONNRESET') {
      throw new HttpError(400, 'INCOMPLETE_BODY', `the connection closed after ${size} bytes of the body${Number.isFinite(declared) ? ` (of ${declared} declared)` : ''}`);
    }
    throw error;
  }
  return Buffer.concat(chunks).toString('utf8');
}
