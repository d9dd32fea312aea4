import { TimestampType } from '@kongchuo/shared/core';
import { Entity, Enum, Index, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { OptionalProps } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { SchoolType } from '../domain/enums';

@Directive('@key(fields: "code")')
@ObjectType({ description: '学校' })
@Entity({ tableName: 'school' })
export class School {
  [OptionalProps]?: 'createdAt' | 'gradeRange';

  [PrimaryKeyProp]?: 'code';

  /** 学校标识码 (10 digits) */
  @Field(() => ID, { description: '学校标识码' })
  @PrimaryKey({ type: 'string', length: 10 })
  code: string;

  @Field({ description: '学校名称' })
  @Property({ type: 'string', length: 100, unique: true })
  name: string;

  @Field(() => SchoolType)
  @Enum({ items: () => SchoolType })
  type: SchoolType;

  @Field({ description: '所在街道 (GB/T 10114 乡级代码)' })
  @Index()
  @Property({ type: 'string', length: 9 })
  subdistrictCode: string;

  @Field({ description: '所在街道' })
  @Property({ type: 'string', length: 50 })
  subdistrictName: string;

  @Property({ type: TimestampType, onCreate: () => new Date() })
  createdAt: Date = new Date();

  /** grades this school teaches */
  get gradeRange(): [number, number] {
    return this.type === SchoolType.PRIMARY ? [1, 6] : this.type === SchoolType.JUNIOR ? [7, 9] : [1, 9];
  }
}
