import { Entity, Enum, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { ChildWelfareCategory, DisabilityCategory } from './enums';

/** 留守儿童 registry: a child whose parents both work away, and who looks after them. */
@ObjectType({ description: '留守儿童登记' })
@Entity({ tableName: 'left_behind_child' })
export class LeftBehindChild {
  [OptionalProps]?: 'version';

  @PrimaryKey({ type: 'string', length: 43 })
  id: string;

  @Property({ type: 'string', length: 18, unique: true })
  residentId: string;

  @Property({ type: 'string', length: 50 })
  name: string;

  @Field({ description: '实际监护人' })
  @Property({ type: 'string', length: 50 })
  carerName: string;

  @Field({ description: '与儿童关系' })
  @Property({ type: 'string', length: 20 })
  carerRelation: string;

  @Field(() => String, { nullable: true, description: '父母务工地' })
  @Property({ type: 'string', length: 100, nullable: true })
  parentsWorkplace: string | null;

  @Field()
  @Property({ type: 'date' })
  registeredOn: string;

  @Field(() => Int)
  @Property({ version: true })
  version: number;
}

/** 残疾人信息: a disability record (category, grade 1–4 as on the 残疾人证). */
@ObjectType({ description: '残疾信息' })
@Entity({ tableName: 'disability_record' })
export class DisabilityRecord {
  @PrimaryKey({ type: 'string', length: 43 })
  id: string;

  @Property({ type: 'string', length: 18, unique: true })
  residentId: string;

  @Property({ type: 'string', length: 50 })
  name: string;

  @Field(() => DisabilityCategory)
  @Enum({ items: () => DisabilityCategory })
  category: DisabilityCategory;

  @Field(() => Int, { description: '残疾等级 1–4' })
  @Property({ type: 'integer' })
  grade: number;

  @Field(() => String, { nullable: true, description: '残疾人证号' })
  @Property({ type: 'string', length: 30, nullable: true })
  certificateNumber: string | null;

  @Field()
  @Property({ type: 'date' })
  recordedOn: string;
}

/** 儿童福利认定: a child recognised as an orphan, a child without de facto carers, or a child in difficulty. */
@ObjectType({ description: '儿童福利认定（孤儿、事实无人抚养儿童、困境儿童）' })
@Entity({ tableName: 'child_welfare_record' })
export class ChildWelfareRecord {
  [OptionalProps]?: 'version';

  @PrimaryKey({ type: 'string', length: 43 })
  id: string;

  @Property({ type: 'string', length: 18, unique: true })
  residentId: string;

  @Property({ type: 'string', length: 50 })
  name: string;

  @Field(() => ChildWelfareCategory)
  @Enum({ items: () => ChildWelfareCategory })
  category: ChildWelfareCategory;

  @Field({ description: '认定日期' })
  @Property({ type: 'date' })
  recognisedOn: string;

  @Field({ description: '认定依据（如：父母双亡；父母一方死亡另一方重残）' })
  @Property({ type: 'string', length: 200 })
  basis: string;

  @Field(() => Int)
  @Property({ version: true })
  version: number;
}
