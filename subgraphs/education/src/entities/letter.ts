import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { TimestampType } from '@kongchuo/shared/core';
import { LetterStatus } from '../domain/enums';
import { DropoutCase } from './dropout-case';

/** 发函: the bureau's formal letter to a still-out child's origin-region education bureau. */
@Directive('@key(fields: "id")')
@ObjectType({ description: '致户籍地教育部门函' })
@Entity({ tableName: 'letter' })
export class Letter {
  [OptionalProps]?: 'status' | 'acknowledgedOn' | 'repliedOn' | 'reply' | 'version' | 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string;

  @Index()
  @ManyToOne(() => DropoutCase, { ref: true })
  dropoutCase: Ref<DropoutCase>;

  @Field({ description: '户籍地行政区划代码' })
  @Property({ type: 'string', length: 6 })
  originRegionCode: string;

  @Field({ description: '收函单位' })
  @Property({ type: 'string', length: 100 })
  recipient: string;

  @Field({ description: '发函日期' })
  @Property({ type: 'date' })
  sentOn: string;

  @Field({ description: '函件内容' })
  @Property({ type: 'text' })
  body: string;

  @Field(() => LetterStatus)
  @Enum({ items: () => LetterStatus })
  status: LetterStatus = LetterStatus.SENT;

  @Field(() => String, { nullable: true, description: '签收日期' })
  @Property({ type: 'date', nullable: true })
  acknowledgedOn: string | null = null;

  @Field(() => String, { nullable: true, description: '回函日期' })
  @Property({ type: 'date', nullable: true })
  repliedOn: string | null = null;

  @Field(() => String, { nullable: true, description: '回函内容' })
  @Property({ type: 'text', nullable: true })
  reply: string | null = null;

  @Field()
  @Property({ type: 'string', length: 64 })
  recordedBy: string;

  @Field(() => Int)
  @Property({ version: true })
  version: number;

  @Property({ type: TimestampType, onCreate: () => new Date() })
  createdAt: Date = new Date();
}
