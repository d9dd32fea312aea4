import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { TimestampType } from '@kongchuo/shared/core';

/** 非法使用童工: an employer found employing a child of compulsory-school age, and what was done. */
@ObjectType({ description: '非法使用童工义务教育阶段学生记录' })
@Entity({ tableName: 'employer_violation' })
export class EmployerViolation {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string;

  @Index()
  @Property({ type: 'string', length: 43 })
  studentId: string;

  @Field({ description: '用人单位' })
  @Property({ type: 'string', length: 200 })
  employerName: string;

  @Field({ description: '查处日期' })
  @Property({ type: 'date' })
  foundOn: string;

  @Field({ description: '处理措施' })
  @Property({ type: 'string', length: 200 })
  action: string;

  @Field()
  @Property({ type: 'string', length: 64 })
  recordedBy: string;

  @Property({ type: TimestampType, onCreate: () => new Date() })
  createdAt: Date = new Date();
}
