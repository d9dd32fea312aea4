/**
 * Trusted documents (persisted documents): the GraphQL documents first-party clients — the
 * dashboard, the report exporter — were built with, registered by the SHA-256 of their text.
 * A client sends `{ "documentId": "sha256:<hex>", "variables": … }`; the gateway looks the id up
 * and can refuse any other document from people's browsers (TRUSTED_DOCUMENTS). The id, and the
 * operation name inside the registered text, are what metrics and audit entries name, never the
 * client's own `operationName`.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { OperationTypeNode, parse, type OperationDefinitionNode } from 'graphql';

export interface TrustedDocument {
  /** `sha256:<hex of the text>` */
  id: string;
  /** the name of the document's operation */
  name: string;
  type: OperationTypeNode;
  body: string;
}

export const documentIdOf = (body: string): string => `sha256:${createHash('sha256').update(body, 'utf8').digest('hex')}`;

/** A document of this codebase's own, with its id; refused at load if it has not exactly one named operation. */
export function trustedDocument(body: string): TrustedDocument {
  const operations = parse(body).definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
  if (operations.length !== 1 || !operations[0].name) throw new Error(`a trusted document has exactly one named operation: ${body.slice(0, 80)}`);
  return { id: documentIdOf(body), name: operations[0].name.value, type: operations[0].operation, body };
}

/** The registered documents the gateway answers by id. */
export class TrustedDocuments {
  private readonly byId = new Map<string, TrustedDocument>();

  constructor(documents: Iterable<TrustedDocument> = []) {
    for (const d of documents) this.add(d);
  }

  add(d: TrustedDocument): void {
    if (documentIdOf(d.body) !== d.id) throw new Error(`trusted document ${d.name}: its id is not the SHA-256 of its text`);
    const known = this.byId.get(d.id);
    if (known && known.body !== d.body) throw new Error(`trusted document ${d.id} registered twice with different texts`);
    this.byId.set(d.id, d);
  }

  get(id: string): TrustedDocument | undefined {
    return this.byId.get(id);
  }

  get size(): number {
    return this.byId.size;
  }

  /**
   * Reads a manifest: GraphQL Code Generator's `persisted-documents.json` (`{ "<id>": "<text>" }`)
   * or Apollo's persisted query manifest (`{ "format": "apollo-persisted-query-manifest", "operations": [{ id, body }] }`).
   * Every id must be the SHA-256 of its text (prefixed `sha256:` or not).
   */
  static readManifest(file: string): TrustedDocument[] {
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    const entries: [string, string][] = json.format === 'apollo-persisted-query-manifest'
      ? (json.operations as { id: string; body: string }[]).map((o) => [o.id, o.body])
      : Object.entries(json as Record<string, string>);
    return entries.map(([id, body]) => {
      const d = trustedDocument(body);
      if (d.id !== (id.startsWith('sha256:') ? id : `sha256:${id}`)) throw new Error(`${file}: ${id} is not the SHA-256 of its document`);
      return d;
    });
  }
}
