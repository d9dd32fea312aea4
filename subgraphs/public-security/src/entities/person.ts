import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { TimestampType } from '@kongchuo/shared/core';
import { Household } from './household';

/** 人口: a person in the household registry, keyed by the linkage key. */
@Entity({ tableName: 'person' })
export class Person {
  [OptionalProps]?: 'createdAt' | 'version' | 'phone';

  @PrimaryKey({ type: 'string', length: 43 })
  id: string;

  @Property({ type: 'string', length: 18, unique: true })
  residentId: string;

  @Property({ type: 'string', length: 50 })
  name: string;

  @Property({ type: 'string', length: 6 })
  gender: string;

  @Property({ type: 'date' })
  birthDate: string;

  @Index()
  @ManyToOne(() => Household, { ref: true })
  household: Ref<Household>;

  /** relation within the household as registered: 户主, 配偶, 子, 女, 父亲, 母亲, 祖母 … */
  @Property({ type: 'string', length: 20 })
  relation: string;

  @Property({ type: 'string', length: 20, nullable: true })
  phone: string | null = null;

  @Property({ version: true })
  version: number;

  @Property({ type: TimestampType, onCreate: () => new Date() })
  createdAt: Date = new Date();
}
