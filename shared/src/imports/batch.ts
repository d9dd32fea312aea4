/** An import as it is stored: the batch (the file, its status and problems) and its staged rows. */
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { TimestampType } from '../core';
import { enumValues } from '../labels';

export enum ImportStatus {
  STAGING = 'STAGING',
  COMMITTED = 'COMMITTED',
  REJECTED = 'REJECTED',
}
registerEnumType(ImportStatus, { name: 'ImportStatus', valuesConfig: enumValues('ImportStatus') });

@Directive('@shareable')
@ObjectType({ description: '导入问题：第几行、哪一列、什么问题' })
export class ImportProblem {
  @Field(() => Int, { description: '文件中的行号（表头为第 1 行）' })
  row: number;

  @Field({ description: '列名' })
  column: string;

  @Field()
  message: string;
}

@Directive('@shareable')
@ObjectType({ description: '一次文件导入' })
@Entity({ tableName: 'import_batch' })
@Index({ properties: ['kind', 'sha256', 'status'] })
export class ImportBatch {
  [OptionalProps]?: 'status' | 'rowsStaged' | 'inserted' | 'unchanged' | 'problems' | 'problemCount' | 'createdAt' | 'finishedAt' | 'alreadyImported';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string;

  @Field({ description: '导入种类' })
  @Property({ type: 'string', length: 20 })
  kind: string;

  @Field()
  @Property({ type: 'string', length: 200 })
  fileName: string;

  @Field({ description: '文件的 SHA-256（同一文件再次导入即识别）' })
  @Property({ type: 'string', length: 64 })
  sha256: string;

  @Property({ type: 'json' })
  header: string[];

  @Field(() => ImportStatus)
  @Enum({ items: () => ImportStatus })
  status: ImportStatus = ImportStatus.STAGING;

  @Field(() => Int, { description: '已上传行数' })
  @Property({ type: 'integer' })
  rowsStaged = 0;

  @Field(() => Int, { description: '新写入' })
  @Property({ type: 'integer' })
  inserted = 0;

  @Field(() => Int, { description: '与现有记录相同，未改动' })
  @Property({ type: 'integer' })
  unchanged = 0;

  @Field(() => [ImportProblem], { description: '问题（至多 1000 条）' })
  @Property({ type: 'json' })
  problems: ImportProblem[] = [];

  @Field(() => Int, { description: '问题总数' })
  @Property({ type: 'integer' })
  problemCount = 0;

  @Field({ description: '此文件此前已导入过：本次未做任何改动' })
  alreadyImported?: boolean = false;

  @Field()
  @Property({ type: 'string', length: 64 })
  createdBy: string;

  @Field(() => Date)
  @Property({ type: TimestampType, onCreate: () => new Date() })
  createdAt: Date = new Date();

  @Field(() => Date, { nullable: true })
  @Property({ type: TimestampType, nullable: true })
  finishedAt: Date | null = null;
}

/** One staged row: its parsed value, the key that must be unique in the file, and its own problems. */
@Entity({ tableName: 'import_row' })
@Index({ properties: ['batch', 'dedupKey'] })
export class ImportRow {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id: number;

  @ManyToOne(() => ImportBatch, { ref: true, deleteRule: 'cascade' })
  batch: Ref<ImportBatch>;

  @Property({ type: 'integer' })
  row: number;

  /** what must be unique within the file (e.g. the ID number) */
  @Property({ type: 'string', length: 100, nullable: true })
  dedupKey: string | null;

  @Property({ type: 'json', nullable: true })
  value: unknown;

  @Property({ type: 'json', nullable: true })
  problems: { column: string; message: string }[] | null;
}

