import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { TimestampType } from '@kongchuo/shared/core';

/**
 * A department's own system (the police station's software, a school's 学籍 client, the joint
 * meeting's cross-check worker): an OAuth client that gets tokens with the client-credentials
 * grant, acting as one department at one scope. Its secret is never stored: it is derived from
 * the provider's client-secret key and `secretVersion` (domain/client-secrets.ts), shown once when
 * made, and a new version revokes the old secret.
 */
@Entity({ tableName: 'service_account' })
export class ServiceAccount {
  [OptionalProps]?: 'role' | 'secretVersion' | 'disabled' | 'createdAt' | 'version';

  /** the OAuth client id, also the token's `sub`: `svc-…` */
  @PrimaryKey({ type: 'string', length: 64 })
  clientId: string;

  @Property({ type: 'string', length: 100 })
  name: string;

  @Property({ type: 'string', length: 20 })
  department: string;

  @Property({ type: 'string', length: 32 })
  role: string = 'service';

  @Property({ type: 'string', length: 12 })
  scopeKind: string;

  @Property({ type: 'string', length: 20 })
  scopeCode: string;

  /** requests per minute the gateway allows this system (its token's `rate_limit` claim) */
  @Property({ type: 'integer' })
  rateLimitPerMinute: number;

  @Property({ type: 'integer' })
  secretVersion: number = 1;

  @Property({ type: 'boolean' })
  disabled: boolean = false;

  @Property({ type: TimestampType })
  createdAt: Date = new Date();

  @Property({ type: 'string', length: 64 })
  createdBy: string;

  @Property({ type: 'integer', version: true })
  version: number = 1;
}
