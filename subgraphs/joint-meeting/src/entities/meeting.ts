import { Collection, Entity, Index, ManyToOne, OneToMany, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { TimestampType } from '@kongchuo/shared/core';

/** 联席会议: a joint meeting of the departments, chaired by a district leader. */
@Directive('@key(fields: "id")')
@ObjectType({ description: '控辍保学联席会议' })
@Entity({ tableName: 'meeting' })
export class Meeting {
  [OptionalProps]?: 'createdAt' | 'version' | 'minutes';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string;

  @Field({ description: '会议日期' })
  @Index()
  @Property({ type: 'date' })
  date: string;

  @Field({ description: '会议名称' })
  @Property({ type: 'string', length: 200 })
  title: string;

  @Field({ description: '主持（职务）' })
  @Property({ type: 'string', length: 100 })
  chair: string;

  @Field(() => [String], { description: '出席部门' })
  @Property({ type: 'json' })
  departmentsPresent: string[];

  @Field({ description: '议程' })
  @Property({ type: 'text' })
  agenda: string;

  @Field(() => String, { nullable: true, description: '会议纪要' })
  @Property({ type: 'text', nullable: true })
  minutes: string | null = null;

  @OneToMany(() => Resolution, (r) => r.meeting)
  resolutions = new Collection<Resolution>(this);

  @Field(() => Int)
  @Property({ version: true })
  version: number;

  @Property({ type: TimestampType, onCreate: () => new Date() })
  createdAt: Date = new Date();
}

/** 会议决议: one decision of a meeting. */
@ObjectType({ description: '会议决议' })
@Entity({ tableName: 'resolution' })
export class Resolution {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string;

  @Index()
  @ManyToOne(() => Meeting, { ref: true })
  meeting: Ref<Meeting>;

  @Field(() => Int, { description: '序号' })
  @Property({ type: 'integer' })
  ordinal: number;

  @Field({ description: '决议内容' })
  @Property({ type: 'text' })
  text: string;
}
