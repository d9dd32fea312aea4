import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Household } from './household';

/** 居住证 / 居住登记: a migrant family registered as living in the district. */
@ObjectType({ description: '居住证（居住登记）' })
@Entity({ tableName: 'residence_permit' })
export class ResidencePermit {
  [OptionalProps]?: 'communityCode';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string;

  @Index()
  @ManyToOne(() => Household, { ref: true })
  household: Ref<Household>;

  @Field({ description: '持证人' })
  @Property({ type: 'string', length: 50 })
  holderName: string;

  @Field({ description: '居住地址' })
  @Property({ type: 'string', length: 200 })
  address: string;

  @Field(() => String, { nullable: true, description: '所在社区代码' })
  @Property({ type: 'string', length: 12, nullable: true })
  communityCode: string | null = null;

  @Field()
  @Property({ type: 'date' })
  issuedOn: string;

  @Field()
  @Property({ type: 'date' })
  validUntil: string;
}
