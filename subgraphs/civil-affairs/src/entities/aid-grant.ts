import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, Float, ID, ObjectType } from 'type-graphql';
import { TimestampType } from '@kongchuo/shared/core';
import { AidProgramme } from './enums';

/** 资助发放: one grant of an aid programme to a child or their household. */
@Directive('@key(fields: "id")')
@ObjectType({ description: '资助发放记录' })
@Entity({ tableName: 'aid_grant' })
export class AidGrant {
  [OptionalProps]?: 'createdAt' | 'amount';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string;

  @Field(() => ID, { description: '学生（人员关联键）' })
  @Index()
  @Property({ type: 'string', length: 43 })
  studentId: string;

  @Field(() => AidProgramme)
  @Enum({ items: () => AidProgramme })
  programme: AidProgramme;

  /** in fen (分), so sums are exact */
  @Property({ type: 'integer' })
  amountFen: number;

  @Field()
  @Property({ type: 'date' })
  periodStart: string;

  @Field()
  @Property({ type: 'date' })
  periodEnd: string;

  @Field({ description: '发放日期' })
  @Property({ type: 'date' })
  grantedOn: string;

  @Field()
  @Property({ type: 'string', length: 64 })
  recordedBy: string;

  @Property({ type: TimestampType, onCreate: () => new Date() })
  createdAt: Date = new Date();

  @Field(() => Float, { nullable: true, description: '金额（元）' })
  get amount(): number {
    return this.amountFen / 100;
  }
}
