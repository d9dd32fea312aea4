/** The gateway's own id for every request (trusted: the one the departments record), and the client's, only echoed. */
import { randomUUID } from 'node:crypto';
import type express from 'express';
import { REQUEST_ID_HEADER } from '@kongchuo/shared/identity';

/** The header that echoes a client's own request id, if it sent one that looks like one. */
export const CLIENT_REQUEST_ID_HEADER = 'x-client-request-id';

/**
 * Every request gets the gateway's own id (`x-request-id` in the response; the one logs, traces and
 * the departments' audit entries carry). A client's own `x-request-id`, if it looks like one, is
 * only echoed back (`x-client-request-id`) and logged beside it: never a fact in any record.
 */
export function requestIds(): express.RequestHandler {
  return (req, res, next) => {
    const given = req.header(REQUEST_ID_HEADER);
    const id = randomUUID();
    const r = req as express.Request & { requestId?: string; clientRequestId?: string };
    r.requestId = id;
    res.setHeader(REQUEST_ID_HEADER, id);
    if (given && /^[A-Za-z0-9._:-]{8,64}$/.test(given)) {
      r.clientRequestId = given;
      res.setHeader(CLIENT_REQUEST_ID_HEADER, given);
    }
    next();
  };
}
