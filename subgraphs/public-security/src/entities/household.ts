import { Collection, Entity, Enum, Index, OneToMany, OptionalProps, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { TimestampType } from '@kongchuo/shared/core';
import { RegisteredAreaType } from '../domain/migrant';
import type { Person } from './person';
import type { ResidencePermit } from './residence-permit';

/** 户: a household registration (户籍), with its registration region (GB/T 2260). */
@Entity({ tableName: 'household' })
export class Household {
  [OptionalProps]?: 'createdAt' | 'areaType';
  [PrimaryKeyProp]?: 'number';

  /** 户号 */
  @PrimaryKey({ type: 'string', length: 20 })
  number: string;

  @Index()
  @Property({ type: 'string', length: 6 })
  regionCode: string;

  /** 户籍地址的城乡属性（统计用区划和城乡划分代码）; null where the registry does not say */
  @Enum({ items: () => RegisteredAreaType, nullable: true })
  areaType: RegisteredAreaType | null = null;

  /** 户籍地址 */
  @Property({ type: 'string', length: 200 })
  registeredAddress: string;

  @Property({ type: 'string', length: 50 })
  headName: string;

  @OneToMany('Person', 'household')
  members = new Collection<Person>(this);

  @OneToMany('ResidencePermit', 'household')
  permits = new Collection<ResidencePermit>(this);

  @Property({ type: TimestampType, onCreate: () => new Date() })
  createdAt: Date = new Date();
}
