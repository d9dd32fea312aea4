import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { TimestampType } from '@kongchuo/shared/core';

/**
 * A person who signs in: an officer of one department, with a role and a scope (how far their
 * view reaches). The password is kept only as a scrypt hash (domain/passwords.ts); failed
 * sign-ins are counted and lock the account for a while (domain/lockout.ts).
 */
@Entity({ tableName: 'account' })
@Index({ properties: ['department'] })
export class Account {
  [OptionalProps]?: 'disabled' | 'failedSignIns' | 'lockedUntil' | 'lastSignInAt' | 'createdAt' | 'updatedAt' | 'version';

  /** the sign-in name, also the token's `sub` and the audit log's user */
  @PrimaryKey({ type: 'string', length: 64 })
  username: string;

  @Property({ type: 'string', length: 100 })
  name: string;

  @Property({ type: 'string', length: 20 })
  department: string;

  @Property({ type: 'string', length: 32 })
  role: string;

  @Property({ type: 'string', length: 12 })
  scopeKind: string;

  @Property({ type: 'string', length: 20 })
  scopeCode: string;

  @Property({ type: 'string', length: 200 })
  passwordHash: string;

  @Property({ type: 'boolean' })
  disabled: boolean = false;

  /** failed sign-ins since the last good one */
  @Property({ type: 'integer' })
  failedSignIns: number = 0;

  @Property({ type: TimestampType, nullable: true })
  lockedUntil: Date | null = null;

  @Property({ type: TimestampType, nullable: true })
  lastSignInAt: Date | null = null;

  @Property({ type: TimestampType })
  createdAt: Date = new Date();

  @Property({ type: 'string', length: 64 })
  createdBy: string;

  @Property({ type: TimestampType })
  updatedAt: Date = new Date();

  /** bumped by every change an administrator makes: an edit names the version it read (no silent overwrite) */
  @Property({ type: 'integer', version: true })
  version: number = 1;
}
