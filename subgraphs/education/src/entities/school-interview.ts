import { Entity, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { OptionalProps } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { School } from './school';

@ObjectType({ description: '被约谈人' })
export class Interviewee {
  @Field()
  name: string;

  @Field({ description: '职务，如 正职领导、分管领导、分管中层干部、学籍管理员' })
  title: string;
}

/** 约谈: the bureau's interview of a school's leaders over dropouts, with a rectification deadline. */
@ObjectType({ description: '控辍保学约谈' })
@Entity({ tableName: 'school_interview' })
export class SchoolInterview {
  [OptionalProps]?: 'version' | 'rectifiedOn';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string;

  @Index()
  @ManyToOne(() => School, { ref: true })
  school: Ref<School>;

  @Field()
  @Property({ type: 'date' })
  date: string;

  @Field(() => [Interviewee])
  @Property({ type: 'json' })
  interviewees: Interviewee[];

  @Field({ description: '指出的问题' })
  @Property({ type: 'text' })
  findings: string;

  @Field({ description: '是否签订责任状' })
  @Property({ type: 'boolean' })
  responsibilityLetterSigned: boolean;

  @Field({ description: '限期整改日期' })
  @Property({ type: 'date' })
  rectificationDeadline: string;

  @Field(() => String, { nullable: true, description: '整改完成日期' })
  @Property({ type: 'date', nullable: true })
  rectifiedOn: string | null = null;

  @Field(() => Int)
  @Property({ version: true })
  version: number;

  @Field()
  @Property({ type: 'string', length: 64 })
  recordedBy: string;
}
