import { Collection, Entity, Enum, Index, ManyToOne, OneToMany, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PovertyStatus } from './enums';

/** 建档立卡户: a registered-poor household (or one under 防返贫 monitoring). */
@ObjectType({ description: '建档立卡贫困户' })
@Entity({ tableName: 'poor_household' })
export class PoorHousehold {
  [OptionalProps]?: 'version';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string;

  @Field({ description: '建档地行政区划代码' })
  @Index()
  @Property({ type: 'string', length: 6 })
  regionCode: string;

  @Field({ description: '户主' })
  @Property({ type: 'string', length: 50 })
  headName: string;

  @Field(() => Int, { description: '建档年份' })
  @Property({ type: 'integer' })
  registeredYear: number;

  @Field(() => PovertyStatus)
  @Enum({ items: () => PovertyStatus })
  status: PovertyStatus;

  @OneToMany(() => PoorHouseholdMember, (m) => m.household)
  members = new Collection<PoorHouseholdMember>(this);

  @Field(() => Int)
  @Property({ version: true })
  version: number;
}

/** A member of a registered-poor household, keyed by the linkage key. */
@Entity({ tableName: 'poor_household_member' })
export class PoorHouseholdMember {
  @PrimaryKey({ type: 'string', length: 43 })
  id: string;

  @Property({ type: 'string', length: 18, unique: true })
  residentId: string;

  @Property({ type: 'string', length: 50 })
  name: string;

  @Index()
  @ManyToOne(() => PoorHousehold, { ref: true })
  household: Ref<PoorHousehold>;

  @Property({ type: 'string', length: 20 })
  relation: string;
}
