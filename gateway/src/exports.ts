/**
 * Excel downloads: `GET /exports/<report>?…` with the caller's bearer token. The report is read
 * through this gateway's own GraphQL endpoint *as the caller*, so every department's service
 * applies the permission matrix to it exactly as to any query, and the report's columns are
 * chosen from what the caller may see (reports/src/table.ts).
 */
import type express from 'express';
import { buildReport, ReportError, type GraphQLAnswer, type Reader } from '@kongchuo/reports';
import { httpStatusOf } from '@kongchuo/shared/core';
import { type Logger } from '@kongchuo/shared/observability';
import { type Identity } from '@kongchuo/shared/identity';

export function serveExports(
  app: express.Express,
  opts: { verifyToken: (authorization: string | undefined) => Promise<Identity>; selfUrl: () => string; logger: Logger },
): void {
  app.get('/exports/:report', async (req, res) => {
    const fail = (status: number, code: string, message: string, field?: string) =>
      res.status(status).json({ errors: [{ message, extensions: { code, ...(field ? { field } : {}) } }] });
    let identity: Identity;
    try {
      identity = await opts.verifyToken(req.headers.authorization);
    } catch (e) {
      fail(401, 'UNAUTHENTICATED', (e as Error).message);
      return;
    }
    const authorization = req.headers.authorization!;
    // the report's registered documents, by id (trusted documents): the same path and checks as the dashboard's
    const read: Reader = async <T>(document: { id: string }, variables: Record<string, unknown> = {}) => {
      const r = await fetch(opts.selfUrl(), { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ documentId: document.id, variables }) });
      return (await r.json()) as GraphQLAnswer<T>;
    };
    const params = Object.fromEntries(Object.entries(req.query).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    try {
      const { workbook, fileName } = await buildReport(String(req.params.report), read, identity, params);
      res.setHeader('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      res.setHeader('content-disposition', `attachment; filename="report.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`);
      res.setHeader('cache-control', 'no-store');
      await workbook.xlsx.write(res);
      res.end();
      opts.logger.info({ user: identity.user, department: identity.department, report: req.params.report }, 'report exported');
    } catch (e) {
      if (e instanceof ReportError) fail(httpStatusOf(e.code), e.code, e.message, e.field);
      else {
        opts.logger.error({ err: e, report: req.params.report }, 'report failed');
        fail(500, 'INTERNAL_SERVER_ERROR', 'the report could not be made');
      }
    }
  });
}
