/** What a department writes to take in one kind of file: its columns, and how a row is parsed, checked and applied. */
import type { EntityManager } from '@mikro-orm/core';
import { Field, ID, InputType, Int } from 'type-graphql';
import type { Identity } from '../identity';
import type { ImportProblem } from './batch';

export interface ImportColumn {
  /** the header as the offices write it */
  name: string;
  required: boolean;
}

export interface ImportContext {
  identity: Identity;
  em: EntityManager;
  linkageSecret: string;
  districtCode: string;
  today: () => string;
}

/** One kind of file a department takes in; each row's value names the person it writes (`id`, a linkage key). */
export interface Importer<V extends { id: string }> {
  kind: string;
  label: string;
  /** root fields: the mutation that takes chunks, the query that reads a batch */
  mutation: string;
  query: string;
  columns: ImportColumn[];
  /** checks one row on its own; `key` must be unique within the file (e.g. the ID number) */
  parse(cells: Record<string, string>, ctx: ImportContext): { value?: V; key?: string; problems: { column: string; message: string }[] };
  /** checks a chunk of rows against the database; says which are already on record as they are */
  check(rows: { row: number; value: V }[], ctx: ImportContext, em: EntityManager): Promise<{ problems: ImportProblem[]; unchanged: Set<number> }>;
  /** writes a chunk of new rows (inside the commit transaction) */
  apply(rows: V[], ctx: ImportContext, em: EntityManager): Promise<void>;
}

@InputType({ description: '一行：行号与各列的值（与表头同序）' })
export class ImportRowInput {
  @Field(() => Int)
  row: number;

  @Field(() => [String])
  cells: string[];
}

@InputType({ description: '文件的一段：第一段不带 batchId（给出文件名、SHA-256 与表头），最后一段 commit: true' })
export class ImportChunkInput {
  @Field(() => ID, { nullable: true })
  batchId?: string;

  @Field(() => String, { nullable: true })
  fileName?: string;

  @Field(() => String, { nullable: true })
  sha256?: string;

  @Field(() => [String], { nullable: true })
  header?: string[];

  @Field(() => [ImportRowInput])
  rows: ImportRowInput[];

  @Field(() => Boolean, { nullable: true, description: '这是最后一段：校验全文件并导入（全部或全不）' })
  commit?: boolean;
}

export const MAX_IMPORT_CHUNK = 2000;
