import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { TimestampType } from '@kongchuo/shared/core';

/**
 * 涉案未成年人: that a child is involved in a case the police handle, from when until when — and
 * nothing of the case. The unified view shows only whether a child is involved now
 * (`Student.involvedInCase`), to the education bureau and the joint meeting, for the early warning
 * (a national priority group of 控辍保学); the case itself never leaves public security
 * (未成年人保护法 第一百零三条: no information that identifies a minor in a case is disclosed).
 */
@Entity({ tableName: 'juvenile_case_mark' })
export class JuvenileCaseMark {
  [OptionalProps]?: 'createdAt' | 'endedOn';

  @PrimaryKey({ type: 'uuid' })
  id: string;

  @Index()
  @Property({ type: 'string', length: 43 })
  studentId: string;

  @Property({ type: 'date' })
  since: string;

  /** the day the police closed the matter for the child; null while it is open */
  @Property({ type: 'date', nullable: true })
  endedOn: string | null = null;

  @Property({ type: 'string', length: 64 })
  recordedBy: string;

  @Property({ type: TimestampType, onCreate: () => new Date() })
  createdAt: Date = new Date();
}
