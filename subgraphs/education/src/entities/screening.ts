import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';

/** 大排查: a district-wide screening for children out of school. */
@ObjectType({ description: '辍学学生大排查' })
@Entity({ tableName: 'screening' })
export class Screening {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string;

  @Field()
  @Property({ type: 'string', length: 200 })
  title: string;

  @Field()
  @Property({ type: 'date' })
  startedOn: string;

  @Field()
  @Property({ type: 'date' })
  endedOn: string;

  @Field({ description: '组织者' })
  @Property({ type: 'string', length: 100 })
  organiser: string;

  @Field({ description: '排查结论' })
  @Property({ type: 'text' })
  findings: string;

  @Field()
  @Property({ type: 'string', length: 64 })
  recordedBy: string;
}
