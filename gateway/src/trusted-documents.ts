/**
 * Trusted documents at the gateway. The dashboard (GraphQL Code Generator, at build time), the
 * report exporter (reports/src/reports.ts) and the identity provider's scope checks
 * (shared/src/identity/account-documents.ts) register every document they send; they send only its
 * id, `{ "documentId": "sha256:…", "variables": … }`, which the gateway replaces with the
 * registered text before anything else reads the request. With TRUSTED_DOCUMENTS=people (the
 * production default) any other document from a person's token is refused; department systems'
 * service accounts keep sending their own.
 *
 * Every request gets a name the gateway vouches for: a registered document's operation name, or
 * `sha256:<hex>` of any other document's text. That name, never the client's `operationName`,
 * goes to the departments in the signed identity and from there into their audit logs.
 */
import fs from 'node:fs';
import path from 'node:path';
import type express from 'express';
import { GraphQLError } from 'graphql';
import { REPORT_DOCUMENTS } from '@kongchuo/reports';
import { type Config } from '@kongchuo/shared/core';
import { ACCOUNT_SCOPE_DOCUMENTS, type Identity } from '@kongchuo/shared/identity';
import { documentIdOf, trustedDocument, TrustedDocuments, type TrustedDocument } from '@kongchuo/shared/policy';

/** The dashboard's registered documents, written by its build (`dashboard/codegen.ts`). */
export const DASHBOARD_DOCUMENTS_FILE = path.resolve(__dirname, '../../dashboard/src/gql/persisted-documents.json');

/** Every first-party document: the dashboard's (if it is built), the reports' and the identity provider's scope checks. */
export function firstPartyDocuments(file = DASHBOARD_DOCUMENTS_FILE): TrustedDocuments {
  const documents = new TrustedDocuments([...REPORT_DOCUMENTS, ...ACCOUNT_SCOPE_DOCUMENTS.map(trustedDocument)]);
  if (fs.existsSync(file)) for (const d of TrustedDocuments.readManifest(file)) documents.add(d);
  return documents;
}

/** What the gateway knows about the document of a request. */
export interface RequestDocument {
  /** the registered document, if the request named one */
  trusted?: TrustedDocument;
  /** the name audit entries and the departments see */
  operation: string;
}
type WithDocument = express.Request & { document?: RequestDocument };

const refuse = (res: express.Response, status: number, code: string, message: string) =>
  void res.status(status).json({ errors: [{ message, extensions: { code } }] });

/**
 * Before Apollo reads the body: a `documentId` is replaced by its registered text (unknown ids are
 * PERSISTED_QUERY_NOT_IN_LIST); a request with both an id and a different text is refused; any
 * request is given the operation name the gateway vouches for.
 */
export function resolveDocuments(documents: TrustedDocuments): express.RequestHandler {
  return (req, res, next) => {
    const body = (req.method === 'POST' ? req.body : req.query) as Record<string, unknown> | undefined;
    const id = body?.documentId;
    if (id !== undefined) {
      const trusted = typeof id === 'string' ? documents.get(id) : undefined;
      if (!trusted) return refuse(res, 400, 'PERSISTED_QUERY_NOT_IN_LIST', 'documentId: no registered document has this id (the client and the gateway were built from different sources?)');
      if (body!.query !== undefined && body!.query !== trusted.body) return refuse(res, 400, 'BAD_REQUEST', 'documentId: the query sent is not the registered document');
      if (req.method !== 'POST') return refuse(res, 405, 'BAD_REQUEST', 'documentId: registered documents are sent with POST');
      body!.query = trusted.body;
      body!.operationName = trusted.name;
      delete body!.documentId;
      (req as WithDocument).document = { trusted, operation: trusted.name };
    } else {
      const text = typeof body?.query === 'string' ? body.query : '';
      (req as WithDocument).document = { operation: text ? documentIdOf(text) : '(no document)' };
    }
    next();
  };
}

export const documentOf = (req: express.Request): RequestDocument => (req as WithDocument).document ?? { operation: '(no document)' };

/**
 * TRUSTED_DOCUMENTS=people: a person (any role but a department system's service account) may
 * send only registered documents. Thrown from the context function: 400 before any planning.
 */
export function checkTrustedDocument(config: Config, identity: Identity, document: RequestDocument): void {
  if (config.trustedDocuments === 'off' || document.trusted || identity.role === 'service') return;
  throw new GraphQLError('documentId: this gateway answers people only with the registered documents of the dashboard and the reports; send a documentId', {
    extensions: { code: 'PERSISTED_QUERY_ID_REQUIRED', field: 'documentId', http: { status: 400 } },
  });
}
