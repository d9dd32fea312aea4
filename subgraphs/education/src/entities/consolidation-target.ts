import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** The consolidation-rate target set for a year (e.g. 97% by the city bureau for 2018). */
@Entity({ tableName: 'consolidation_target' })
export class ConsolidationTarget {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  year: number;

  /** percent, e.g. 97 */
  @Property({ type: 'double' })
  targetPercent: number;

  @Property({ type: 'string', length: 200 })
  setBy: string;
}
