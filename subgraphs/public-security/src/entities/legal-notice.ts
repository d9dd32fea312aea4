import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { TimestampType } from '@kongchuo/shared/core';
import { NoticeRecipient } from '../domain/enums';

/** 法律告知书: a notice served on a guardian (义务教育法 art. 5, 58) or an employer (art. 59). */
@Directive('@key(fields: "id")')
@ObjectType({ description: '法律告知书送达记录' })
@Entity({ tableName: 'legal_notice' })
export class LegalNotice {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string;

  @Field(() => ID, { description: '学生（人员关联键）' })
  @Index()
  @Property({ type: 'string', length: 43 })
  studentId: string;

  @Field(() => NoticeRecipient)
  @Enum({ items: () => NoticeRecipient })
  recipientKind: NoticeRecipient;

  @Field({ description: '受送达人（监护人姓名或单位名称）' })
  @Property({ type: 'string', length: 200 })
  recipient: string;

  @Field({ description: '送达日期' })
  @Property({ type: 'date' })
  servedOn: string;

  @Field({ description: '告知内容' })
  @Property({ type: 'text' })
  content: string;

  @Field({ description: '送达民警' })
  @Property({ type: 'string', length: 64 })
  officer: string;

  @Property({ type: TimestampType, onCreate: () => new Date() })
  createdAt: Date = new Date();
}
