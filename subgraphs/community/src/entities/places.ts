import { Entity, Index, ManyToOne, PrimaryKey, PrimaryKeyProp, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';

/** 街道/镇 (township-level division, GB/T 10114-style 9-digit code). */
@ObjectType({ description: '街道（乡镇）' })
@Entity({ tableName: 'subdistrict' })
export class Subdistrict {
  [PrimaryKeyProp]?: 'code';

  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 9 })
  code: string;

  @Field()
  @Property({ type: 'string', length: 50 })
  name: string;
}

/** 社区/村 (12-digit code). */
@ObjectType({ description: '社区（村）' })
@Entity({ tableName: 'community' })
export class Community {
  [PrimaryKeyProp]?: 'code';

  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 12 })
  code: string;

  @Field()
  @Property({ type: 'string', length: 50 })
  name: string;

  @Index()
  @ManyToOne(() => Subdistrict, { ref: true })
  subdistrict: Ref<Subdistrict>;
}

/** 网格员 */
@ObjectType({ description: '网格员' })
@Entity({ tableName: 'grid_worker' })
export class GridWorker {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string;

  @Field()
  @Property({ type: 'string', length: 50 })
  name: string;

  @Field()
  @Property({ type: 'string', length: 20 })
  phone: string;
}

/** 网格: a community's grid area, with its worker. */
@ObjectType({ description: '网格' })
@Entity({ tableName: 'grid_area' })
export class GridArea {
  [PrimaryKeyProp]?: 'code';

  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 14 })
  code: string;

  @Field()
  @Property({ type: 'string', length: 50 })
  name: string;

  @Index()
  @ManyToOne(() => Community, { ref: true })
  community: Ref<Community>;

  @Index()
  @ManyToOne(() => GridWorker, { ref: true })
  worker: Ref<GridWorker>;
}
